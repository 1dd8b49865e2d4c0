// Where to go after sign-in (`?next=`, next-auth's `callbackUrl`): only a path of this origin.
// String checks ("starts with / but not //") miss what browsers accept: "/\evil.example",
// "/\t/evil.example", "/.//evil.example"… So the value is resolved the way the browser will
// resolve it, against this origin, and only a same-origin result is kept, as a clean path.
// Browser-safe and pure.

/** Stands for the app's origin when the real one is not at hand (only the path is returned). */
const THIS_ORIGIN = "https://app.invalid";

/** The same-origin path (with query and fragment) that `value` leads to, or null. */
export function safeNextPath(value: unknown, origin: string = THIS_ORIGIN): string | null {
  if (typeof value !== "string" || value === "" || value.length > 2048) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || (url.protocol !== "https:" && url.protocol !== "http:")) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that a browser would read as another host when used as a relative URL.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}

/** The absolute URL on `baseUrl`'s origin that `value` leads to, or null (next-auth's redirect callback). */
export function sameOriginUrl(value: string, baseUrl: string): string | null {
  const path = safeNextPath(value, baseUrl);
  return path === null ? null : new URL(path, baseUrl).toString();
}
