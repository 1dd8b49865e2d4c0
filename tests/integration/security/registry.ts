// Every server action and route handler, derived from the code (never maintained by hand):
// files under app/ and lib/ that start with a "use server" directive, and app/**/route.ts(x).
// The authorization matrix test imports each file and lists its exported functions.
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface EndpointFile {
  file: string; // relative to the repo root, e.g. "app/(app)/admin/users/actions.ts"
  kind: "action" | "route";
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" || d.name === "node_modules" ? [] : walk(p);
    return /\.(ts|tsx)$/.test(d.name) ? [p] : [];
  });
}

/** A module-level "use server" directive: the first statement, after comments. */
export function isServerActionModule(source: string): boolean {
  const body = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["']/.test(body);
}

export function discoverEndpointFiles(): EndpointFile[] {
  const files = [...walk(path.join(ROOT, "app")), ...walk(path.join(ROOT, "lib"))];
  const out: EndpointFile[] = [];
  for (const abs of files) {
    const rel = path.relative(ROOT, abs).split(path.sep).join("/");
    if (/^app\/.*\/route\.tsx?$/.test(rel)) out.push({ file: rel, kind: "route" });
    else if (isServerActionModule(fs.readFileSync(abs, "utf8"))) out.push({ file: rel, kind: "action" });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** "file#export" for every exported action function / HTTP method handler. */
export async function discoverEndpoints(): Promise<
  Array<{ id: string; file: string; name: string; kind: EndpointFile["kind"]; fn: (...a: unknown[]) => unknown }>
> {
  const out = [];
  for (const f of discoverEndpointFiles()) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, f.file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      if (f.kind === "route" && !(HTTP_METHODS as readonly string[]).includes(name)) continue;
      out.push({ id: `${f.file}#${name}`, file: f.file, name, kind: f.kind, fn: value as (...a: unknown[]) => unknown });
    }
  }
  return out;
}
