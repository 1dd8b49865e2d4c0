// Turns whatever an action or route handler did into one of the matrix outcomes.
import { isAppError } from "@/lib/shared/errors";

export type Outcome = "allow" | "unauth" | "forbidden" | "notFound";

export function outcomeOfValue(value: unknown, loggedIn: boolean): Outcome | `unexpected:${string}` {
  if (value instanceof Response) {
    const s = value.status;
    if (s === 401) return "unauth";
    if (s === 403) return "forbidden";
    if (s === 404) return "notFound";
    if (s >= 200 && s < 400) return "allow";
    return `unexpected:status ${s}`;
  }
  if (value && typeof value === "object" && (value as { ok?: unknown }).ok === false) {
    const code = String((value as { error?: unknown }).error);
    if (code === "unauthenticated") return "unauth";
    if (code === "forbidden") return "forbidden";
    if (code === "notFound") return "notFound";
    if (!loggedIn && code === "false") return "unauth";
    return `unexpected:error ${code}`;
  }
  return "allow";
}

export function outcomeOfThrown(e: unknown, loggedIn: boolean): Outcome | `unexpected:${string}` {
  const digest = (e as { digest?: unknown })?.digest;
  if (typeof digest === "string") {
    // redirect(): "NEXT_REDIRECT;replace;/login;307;". A logged-in actor sent to /login was logged
    // out by the action itself (logout); an anonymous one was turned away.
    if (digest.startsWith("NEXT_REDIRECT")) {
      const target = digest.split(";")[2] ?? "";
      return target.startsWith("/login") && !loggedIn ? "unauth" : "allow";
    }
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "notFound";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "forbidden";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;401") return "unauth";
  }
  if (isAppError(e)) {
    if (e.code === "notFound") return "notFound";
    if (e.code === "forbidden") return "forbidden";
    if (e.code === "unauthenticated") return "unauth";
  }
  return `unexpected:threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
}
