// Server actions and route handlers are written one way: on the pipelines (lib/shared/action.ts,
// lib/shared/route.ts; docs/building-a-feature.md §2–3). The authorization-matrix test asserts at
// run time that every export is built by a pipeline; this test reads the source, so it runs
// without a database and names the line to change:
// - app/**/actions.ts and app/**/route.ts do not check the session by hand (getActor()/requireActor():
//   the pipeline does), do not test for "ZodError" (the pipeline parses and maps errors), and do
//   not answer with redirect("…?error=…") (actions return an ActionResult the form shows);
// - every "use server" in the repository is the first line of an app/**/actions.ts, and the
//   registry the matrix is built from finds every one of them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT, discoverInlineServerFunctions, discoverServerDirectives, serverDirectivesIn, sourceFiles } from "../integration/security/registry";

const ENDPOINT_FILE = /^app\/(.*\/)?(actions\.ts|route\.tsx?)$/;
const ACTIONS_FILE = /^app\/(.*\/)?actions\.ts$/;
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

interface Finding {
  line: number;
  rule: string;
}

/** The hand-written patterns the pipelines replace, found in the syntax tree (comments and
 *  unrelated strings do not count). */
function handWrittenPatterns(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Finding[] = [];
  const at = (n: ts.Node, rule: string) => out.push({ line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, rule });
  const calleeName = (e: ts.Expression) => (ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined);
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if (name === "getActor" || name === "requireActor") at(n, `${name}() — the pipeline reads the session; lib functions take the actor`);
      if (name === "redirect" && n.arguments.some((a) => /[?&]error=/.test(a.getText(sf))))
        at(n, "redirect(…?error=…) — return the ActionResult; the form shows the error (useAction / ActionForm)");
    }
    if ((ts.isIdentifier(n) && n.text === "ZodError") || ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && n.text.includes("ZodError"))) {
      at(n, '"ZodError" — the pipeline parses the input once and maps validation errors');
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

// What the two readers find in a snippet: the hand-written patterns (first word of each rule) and
// the "use server" directives (kind:line:function).
describe("the source readers", () => {
  test.each([
    ["const a = await getActor();", ["getActor"], []],
    ["const a = await requireActor();", ["requireActor"], []],
    ["if (e instanceof z.ZodError) return 1;", ["ZodError"], []],
    ['if (e.name === "ZodError") return 1;', ["ZodError"], []],
    ["redirect(`/admin?error=${code}`);", ["redirect"], []],
    ['redirect("/admin/users?saved=1&error=conflict");', ["redirect"], []],
    ['redirect("/login");', [], []],
    ["// never call getActor() here, never test ZodError\nexport const x = 1;", [], []],
    ["export const saveAction = action(saveInput, save, { revalidate: '/x' });", [], []],
    ['"use server";\nexport async function a() {}', [], ["module:1:*"]],
    ["// why\n'use server';\nexport async function a() {}", [], ["module:2:*"]],
    ['"use strict";\n"use server";\nexport async function a() {}', [], ["module:2:*"]],
    ['export default function Page() {\n  async function save() {\n    "use server";\n  }\n  return null;\n}', [], ["inline:3:save"]],
    ['const save = async () => {\n  "use server";\n};', [], ["inline:2:save"]],
    ['export function F() { return <form action={async () => { "use server"; }} />; }', [], ["inline:1:(inline action handler)"]],
    ['const s = "use server";\n// "use server"\nfunction f() { g(); "use server"; }', [], []],
    ['import x from "y";\n"use server";', [], []],
  ])("%s", (source, patterns, directives) => {
    expect(handWrittenPatterns("app/x/actions.tsx", source).map((f) => f.rule.split(/[(\s"]/).find(Boolean))).toEqual(patterns);
    expect(serverDirectivesIn("app/x/actions.tsx", source).map((d) => `${d.kind}:${d.line}:${d.name}`)).toEqual(directives);
  });
});

describe("server actions and route handlers are one call to a pipeline", () => {
  const files = sourceFiles().filter((f) => ENDPOINT_FILE.test(f));

  test("the scan finds the endpoint files", () => {
    expect(files).toContain("app/actions.ts");
    expect(files).toContain("app/api/health/route.ts");
  });

  test("no hand-written session checks, ZodError tests or redirect(?error=) results", () => {
    const found = files.flatMap((f) => handWrittenPatterns(f, read(f)).map((x) => `${f}:${x.line}  ${x.rule}`));
    expect(
      found,
      `Rewrite these on the pipelines: \`export const xAction = action(schema, libFn, { revalidate })\` (lib/shared/action.ts) or \`export const GET = route({ permission, params, query }, handler)\` (lib/shared/route.ts); docs/building-a-feature.md §2–3:\n  ${found.join("\n  ")}\n`,
    ).toEqual([]);
  });
});

describe('"use server" lives only at the top of app/**/actions.ts', () => {
  const directives = discoverServerDirectives();

  test('the registry finds every "use server" in the repository', () => {
    // An independent, line-based scan: a directive the registry's parser missed would escape the matrix.
    const known = new Set(directives.map((d) => `${d.file}:${d.line}`));
    const lines = sourceFiles().flatMap((f) =>
      read(f)
        .split("\n")
        .flatMap((l, i) => (/^\s*(["'])use server\1\s*;?\s*(\/\/.*)?$/.test(l) ? [`${f}:${i + 1}`] : [])),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(
      lines.filter((l) => !known.has(l)),
      "tests/integration/security/registry.ts does not see these directives; fix its discovery",
    ).toEqual([]);
  });

  test("no server functions outside app/**/actions.ts, none inline", () => {
    const stray = directives
      .filter((d) => d.kind === "inline" || !ACTIONS_FILE.test(d.file))
      .map((d) => `${d.file}:${d.line}  ${d.kind === "inline" ? `inline in ${d.name}` : "module"}`);
    expect(
      stray,
      `Server functions are the exports of the actions.ts next to the page that uses them, each built by action() (docs/building-a-feature.md §2). Move these there:\n  ${stray.join("\n  ")}\n`,
    ).toEqual([]);
  });
});

// Issue 19: the registry finds inline "use server" functions anywhere in the repository. A planted
// repository (a temporary folder) holds server functions where the scan used to look away: folders
// named like build output under components/ and app/, .mts files, accessors, a dot folder under app/.
describe("the registry finds server functions planted anywhere", () => {
  const PLANTED: Record<string, string> = {
    "components/generated/widget.tsx": 'export function W() { return <form action={async () => { "use server"; }} />; }',
    "components/public/card.tsx": 'export async function saveCard() {\n  "use server";\n}',
    "app/(app)/x/page.tsx": 'export default function P() {\n  async function save() {\n    "use server";\n  }\n  return null;\n}',
    "app/.well-known/helper.ts": 'export const h = async () => {\n  "use server";\n};',
    "lib/deep/a/b/util.mts": "export const u = { async run() {\n  'use server';\n} };",
    "lib/deep/klass.ts": 'export class K {\n  get v() {\n    "use server";\n    return 1;\n  }\n}',
    "scripts/tool.cts": 'module.exports = async function tool() {\n  "use server";\n};',
    "components/forms/actions.ts": '"use server";\nexport async function stray() {}',
  };
  const IGNORED: Record<string, string> = {
    "node_modules/pkg/index.js": 'export async function a() { "use server"; }',
    "components/node_modules/pkg/index.js": 'export async function a() { "use server"; }',
    "lib/generated/prisma/client.ts": 'export async function a() { "use server"; }',
    "public/sw.js": 'self.a = async function () { "use server"; };',
    ".next/server/chunk.js": 'export async function a() { "use server"; }',
  };
  let root = "";
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "registry-fixture-"));
    for (const [file, text] of Object.entries({ ...PLANTED, ...IGNORED })) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test("every planted inline server function is found, with its file and line", () => {
    const found = discoverInlineServerFunctions(root).map((d) => `${d.file}:${d.line}`);
    expect(found.sort()).toEqual(
      [
        "app/(app)/x/page.tsx:3",
        "app/.well-known/helper.ts:2",
        "components/generated/widget.tsx:1",
        "components/public/card.tsx:2",
        "lib/deep/a/b/util.mts:2",
        "lib/deep/klass.ts:3",
        "scripts/tool.cts:2",
      ].sort(),
    );
  });

  test("a module-level directive outside app/ is found too (the matrix then requires its exports)", () => {
    expect(
      discoverServerDirectives(root)
        .filter((d) => d.kind === "module")
        .map((d) => d.file),
    ).toEqual(["components/forms/actions.ts"]);
  });

  test("dependencies, generated code, static files and build output are not the project's source", () => {
    const files = sourceFiles(root);
    for (const f of Object.keys(IGNORED)) expect(files, f).not.toContain(f);
    for (const f of Object.keys(PLANTED)) expect(files, f).toContain(f);
  });
});
