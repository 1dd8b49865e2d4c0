// Every server action and route handler, derived from the code (never maintained by hand):
// - every "use server" directive in the repository, found by parsing the source (TypeScript AST),
//   module-level ones (the file's exports are actions) and inline ones (a function whose body
//   starts with the directive: a server function that no pipeline wraps);
// - app/**/route.ts(x): their exported HTTP methods are route handlers.
// The authorization matrix test imports each file, lists its exported functions and asserts that
// each one is built by a pipeline (lib/shared/action.ts `action()`, lib/shared/route.ts `route()`),
// which mark what they build: `pipelineKindOf(fn)` is "action" or "route".
// This module reads files only at call time and imports app code only in discoverEndpoints(), so
// unit tests (tests/unit/pipeline-usage.test.ts) can use the discovery without a database.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * Endpoints that are deliberately NOT built by a pipeline, each with the reason. Keep this short:
 * an entry here is a handler that checks no session and maps no errors the house way.
 */
export const PIPELINE_EXCEPTIONS: Readonly<Record<string, string>> = {
  "app/api/auth/[...nextauth]/route.ts#GET":
    "NextAuth's own handler (sign-in page data, session, CSRF token): it is the session, so there is none to check; next-auth validates its own input",
  "app/api/auth/[...nextauth]/route.ts#POST":
    "NextAuth's own handler (credentials sign-in, sign-out): CSRF-checked by next-auth; throttling and the audit row are in lib/auth/login.ts",
};

export interface EndpointFile {
  file: string; // relative to the repo root, e.g. "app/(app)/admin/users/actions.ts"
  kind: "action" | "route";
}

/** Where a "use server" directive sits: a whole module, or one function (inline). */
export interface ServerDirective {
  file: string;
  /** 1-based line of the directive. */
  line: number;
  kind: "module" | "inline";
  /** The function's name for an inline directive (or "(anonymous)"); "*" for a module. */
  name: string;
}

// What is not the project's own source: dependencies anywhere, and these folders at the root only
// (a folder named "generated" or "public" under components/ or app/ is source and is scanned).
// Dot folders are skipped at the root only (.git, .next, .data); under app/ they are still routes.
const SKIP_ANYWHERE = new Set(["node_modules"]);
const SKIP_AT_ROOT = new Set(["lib/generated", "public", "coverage", "test-results", "playwright-report", "bench/results"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

function walk(root: string, dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) {
      const r = relTo(root, p);
      return SKIP_ANYWHERE.has(d.name) || SKIP_AT_ROOT.has(r) || (dir === root && d.name.startsWith(".")) ? [] : walk(root, p);
    }
    return SOURCE.test(d.name) && !/\.d\.[mc]?ts$/.test(d.name) ? [p] : [];
  });
}

const relTo = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join("/");

/** The repository's own source files (app, components, lib, scripts, tests, root config), relative
 *  paths. `root` is for tests that plant fixtures in a folder of their own. */
export function sourceFiles(root = ROOT): string[] {
  return walk(root, root)
    .map((f) => relTo(root, f))
    .sort();
}

function isUseServer(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression) && statement.expression.text === "use server";
}

/** The directive prologue of a body: the leading string-literal statements. */
function prologueHasUseServer(statements: ts.NodeArray<ts.Statement>): ts.Statement | undefined {
  for (const s of statements) {
    if (!(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression))) return undefined;
    if (isUseServer(s)) return s;
  }
  return undefined;
}

function functionName(fn: ts.FunctionLikeDeclaration): string {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  let p: ts.Node | undefined = fn.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isCallExpression(p) || ts.isJsxExpression(p))) p = p.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isJsxAttribute(p)) return `(inline ${p.name.getText()} handler)`;
  return "(anonymous)";
}

/** Every "use server" directive of one source text (module-level and inline). */
export function serverDirectivesIn(file: string, source: string): ServerDirective[] {
  if (!source.includes("use server")) return [];
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : /\.[mc]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const out: ServerDirective[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const top = prologueHasUseServer(sf.statements);
  if (top) out.push({ file, line: lineOf(top), kind: "module", name: "*" });
  const visit = (node: ts.Node) => {
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isArrowFunction(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node) ||
        ts.isConstructorDeclaration(node)) &&
      node.body &&
      ts.isBlock(node.body)
    ) {
      const d = prologueHasUseServer(node.body.statements);
      if (d) out.push({ file, line: lineOf(d), kind: "inline", name: functionName(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every "use server" directive in the repository (or under `root`). */
export function discoverServerDirectives(root = ROOT): ServerDirective[] {
  return sourceFiles(root).flatMap((f) => serverDirectivesIn(f, fs.readFileSync(path.join(root, f), "utf8")));
}

/** Server functions declared inline (a "use server" at the start of a function body). No
 *  pipeline builds them, so the matrix test refuses every one. */
export function discoverInlineServerFunctions(root = ROOT): ServerDirective[] {
  return discoverServerDirectives(root).filter((d) => d.kind === "inline");
}

/** Modules with a file-level "use server" (anywhere in the repository) and app/**\/route.ts(x). */
export function discoverEndpointFiles(): EndpointFile[] {
  const out: EndpointFile[] = discoverServerDirectives()
    .filter((d) => d.kind === "module")
    .map((d) => ({ file: d.file, kind: "action" as const }));
  for (const f of sourceFiles()) if (/^app\/(.*\/)?route\.tsx?$/.test(f)) out.push({ file: f, kind: "route" });
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

export interface Endpoint {
  /** "file#export" */
  id: string;
  file: string;
  name: string;
  kind: EndpointFile["kind"];
  fn: (...a: unknown[]) => unknown;
  /** What built it: "action" / "route" for the pipelines, undefined for a hand-written function. */
  builtBy: "action" | "route" | undefined;
}

/** Every exported action function / HTTP method handler, imported. */
export async function discoverEndpoints(): Promise<Endpoint[]> {
  const { pipelineKindOf } = await import("@/lib/shared/action");
  const out: Endpoint[] = [];
  for (const f of discoverEndpointFiles()) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, f.file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      if (f.kind === "route" && !(HTTP_METHODS as readonly string[]).includes(name)) continue;
      out.push({ id: `${f.file}#${name}`, file: f.file, name, kind: f.kind, fn: value as Endpoint["fn"], builtBy: pipelineKindOf(value) });
    }
  }
  return out;
}

/** The endpoints that are not built by their pipeline (the documented exceptions aside). */
export function notBuiltByPipeline(endpoints: Endpoint[]): Endpoint[] {
  return endpoints.filter((e) => e.builtBy !== e.kind && !(e.id in PIPELINE_EXCEPTIONS));
}
