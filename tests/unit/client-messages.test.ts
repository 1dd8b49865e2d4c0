// Client components translate in the browser with only the messages their area's provider ships
// (lib/i18n/client-messages.ts). A key missing there shows users a raw key, so this follows the
// imports of every route file to the client components it renders and checks each key they use.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { CLIENT_MESSAGES, KIT_MESSAGES, pickMessages, type ClientMessagesArea } from "@/lib/i18n/client-messages";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ROUTE_FILES = /^(page|layout|error|not-found|loading|template|default|global-error)\.tsx$/;
const AREA_ATTR = /<ClientMessagesProvider\s+area="(\w+)"/g;

type Messages = { [k: string]: Messages | string };

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const read = (file: string) => fs.readFileSync(file, "utf8");
const rel = (file: string) => path.relative(ROOT, file);
const directive = (src: string, name: string) => new RegExp(`^(?:\\s|//[^\\n]*\\n|/\\*[\\s\\S]*?\\*/)*["']${name}["']`).test(src);

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const m of read(file).matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g)) {
    const target = resolveImport(file, m[1] ?? m[2]);
    if (target) out.push(target);
  }
  return out;
}

/** Files that run in the browser when `entry` renders: "use client" files and all they import. */
function clientFilesOf(entry: string): Set<string> {
  const client = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, inClient: boolean) => {
    const src = read(file);
    if (directive(src, "use server")) return; // server actions run on the server
    const isClient = inClient || directive(src, "use client");
    const key = `${file}|${isClient}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (isClient) client.add(file);
    for (const f of importsOf(file)) visit(f, isClient);
  };
  visit(entry, false);
  return client;
}

const join = (ns: string, key: string) => [ns, key].filter(Boolean).join(".");

/** The message paths a client file needs: `t("a.b")` needs a.b under the binding's namespace,
 *  `` t(`a.${x}`) `` the sub-tree a, and any other use of `t` (a variable key, `t` passed on)
 *  the binding's whole namespace. Problems (a variable key on the root, a non-literal namespace,
 *  useMessages) are returned as errors, since no list could be shown to cover them. */
function messagePathsOf(src: string): { paths: string[]; errors: string[] } {
  const paths: string[] = [];
  const errors: string[] = [];
  if (/\buseMessages\s*\(/.test(src)) errors.push("useMessages() needs every message; pass what is needed as props instead");
  if (/\buseTranslations\s+as\b/.test(src)) errors.push("useTranslations is imported under another name, which this scan would not see");
  const bindings = [...src.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*useTranslations\(\s*(?:(["'])([^"']*)\2)?\s*\)/g)].map((m) => ({
    name: m[1],
    ns: m[3] ?? "",
    at: m.index,
    end: m.index + m[0].length,
  }));
  if (bindings.length !== (src.match(/\buseTranslations\s*\(/g) ?? []).length)
    errors.push('useTranslations is called other than as `const t = useTranslations("literal")`');
  for (const [i, b] of bindings.entries()) {
    const next = bindings.slice(i + 1).find((o) => o.name === b.name);
    const scope = src.slice(b.end, next ? next.at : src.length);
    const need = (p: string) => (p ? paths.push(p) : errors.push(`\`${b.name}\` from useTranslations() is used with a key that is not a literal`));
    const uses = [...scope.matchAll(new RegExp(`(?<![\\w$.])${b.name}(?![\\w$])`, "g"))];
    for (const u of uses) {
      const rest = scope.slice(u.index + b.name.length);
      const call = /^(?:\.(?:rich|markup|raw|has))?\(\s*/.exec(rest);
      if (!call) {
        need(b.ns); // passed on or stored: it may be called with anything
        continue;
      }
      const arg = rest.slice(call[0].length);
      const literal = /^(?:"([^"\\$]*)"|'([^'\\$]*)'|`([^`\\$]*)`)\s*[,)]/.exec(arg);
      const template = /^`([^`\\$]*)\$\{/.exec(arg);
      if (literal) need(join(b.ns, literal[1] ?? literal[2] ?? literal[3]));
      else if (template) need(join(b.ns, template[1].includes(".") ? template[1].slice(0, template[1].lastIndexOf(".")) : ""));
      else need(b.ns);
    }
  }
  return { paths, errors };
}

/** The area whose provider wraps a route file: the innermost layout (its own folder first) that
 *  renders <ClientMessagesProvider area="…">, which wraps all the layout renders. */
function areaOf(routeFile: string): { area: ClientMessagesArea | null; layout: string | null } {
  for (let dir = path.dirname(routeFile); dir.startsWith(path.join(ROOT, "app")); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (!fs.existsSync(layout)) continue;
    const areas = [...read(layout).matchAll(AREA_ATTR)].map((m) => m[1]);
    if (areas.length) return { area: areas[0] as ClientMessagesArea, layout };
  }
  return { area: null, layout: null };
}

const covers = (listed: string, needed: string) => needed === listed || needed.startsWith(`${listed}.`);
const lookup = (messages: Messages, p: string) =>
  p.split(".").reduce<Messages | string | undefined>((m, k) => (typeof m === "object" ? m[k] : undefined), messages);

const routeFiles = walk(path.join(ROOT, "app")).filter((f) => ROUTE_FILES.test(path.basename(f)));
const needs = routeFiles.map((route) => {
  const { area, layout } = areaOf(route);
  const uses = [...clientFilesOf(route)].map((file) => ({ file, ...messagePathsOf(read(file)) }));
  return { route, area, layout, uses };
});

describe("client messages", () => {
  test("the scanner sees the 360 view's client components and their keys", () => {
    const c360 = needs.find((n) => rel(n.route) === path.join("app", "(app)", "customers", "[id]", "page.tsx"));
    expect(c360?.area).toBe("customers");
    const used = c360!.uses.flatMap((u) => u.paths);
    expect(used).toContain("c360.logInteraction");
    expect(used).toContain("enums.channel"); // tEnum(`channel.${c}`)
    expect(c360!.uses.map((u) => rel(u.file))).toContain(path.join("components", "charts", "chart-card.tsx"));
  });

  test("scoped bindings, template keys and variable keys", () => {
    const src = `
      function A() { const t = useTranslations("trust"); return t("unlock") + t.rich("x", {}); }
      function B() { const t = useTranslations(); return t(\`roles.\${r}\`) + t("common.save"); }
      function C() { const t = useTranslations("enums"); return t(code); }
      function D() { const t = useTranslations(); return t(code); }`;
    const { paths, errors } = messagePathsOf(src);
    expect(paths).toEqual(["trust.unlock", "trust.x", "roles", "common.save", "enums"]);
    expect(errors).toHaveLength(1);
    expect(messagePathsOf(`const t = useTranslations(ns);`).errors).toHaveLength(1);
  });

  test.each(needs.map((n) => [rel(n.route), n] as const))("%s: its client components find their messages", (_, n) => {
    const missing: string[] = [];
    for (const u of n.uses) {
      for (const e of u.errors) missing.push(`${rel(u.file)}: ${e}`);
      for (const p of u.paths) {
        if (lookup(en as Messages, p) === undefined) missing.push(`${rel(u.file)}: "${p}" is not in messages/en.json`);
        const listed: readonly string[] = n.area ? CLIENT_MESSAGES[n.area] : [];
        if (!listed.some((l) => covers(l, p)))
          missing.push(`${rel(u.file)}: "${p}" is not shipped to area ${n.area ?? "(no provider)"}${n.layout ? ` (${rel(n.layout)})` : ""}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test("every listed path exists in both catalogues, is used, and each area has a layout", () => {
    const problems: string[] = [];
    for (const [area, listed] of Object.entries(CLIENT_MESSAGES) as [ClientMessagesArea, readonly string[]][]) {
      const underArea = needs.filter((n) => n.area === area);
      if (!underArea.some((n) => n.layout && n.route === n.layout)) problems.push(`${area}: no layout renders it`);
      const used = underArea.flatMap((n) => n.uses.flatMap((u) => u.paths));
      for (const l of listed) {
        if (lookup(en as Messages, l) === undefined || lookup(zhCN as Messages, l) === undefined) problems.push(`${area}: "${l}" missing from a catalogue`);
        // The UI kit's namespaces ship everywhere: any page of any area may render a kit component.
        if (!(KIT_MESSAGES as readonly string[]).includes(l) && !used.some((p) => covers(l, p)))
          problems.push(`${area}: "${l}" is shipped but no client component uses it`);
        if (listed.some((o) => o !== l && covers(o, l))) problems.push(`${area}: "${l}" is already covered by a shorter path`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("pickMessages copies only the listed sub-trees and leaves the catalogue alone", () => {
    const messages = { a: { x: "1", y: "2" }, b: { c: { d: "3" }, e: "4" }, f: "5" };
    const before = structuredClone(messages);
    expect(pickMessages(messages, ["a", "b.c", "f", "missing.key"])).toEqual({ a: { x: "1", y: "2" }, b: { c: { d: "3" } }, f: "5" });
    expect(pickMessages(messages, ["a", "a.x"])).toEqual({ a: { x: "1", y: "2" } });
    expect(messages).toEqual(before);
  });
});
