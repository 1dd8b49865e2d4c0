// GET /tmf-api/openapi.json (issue 25): our profile of TMF621 and TMF629 as an OpenAPI 3.0
// document. Every reference resolves, every operation we serve is there with its scope, errors and
// headers, every schema compiles as JSON Schema, and nothing unreferenced is copied from the specs.
import { describe, expect, test } from "vitest";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import fs from "node:fs";
import path from "node:path";
import { buildOpenApiDocument, OPERATIONS, scopesOf } from "@/lib/api/openapi";
import { TMF621_BASE, TMF629_BASE } from "@/lib/api/href";
import { API_SCOPES } from "@/lib/api/scopes";

type Obj = Record<string, unknown>;
const doc = buildOpenApiDocument("https://crm.example.com");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function refs(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string" && v.startsWith("#/")) out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => refs(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => refs(x, out));
  return out;
}
function resolve(ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Obj)[key] : undefined), doc);
}
const deref = (v: Obj): Obj => (typeof v.$ref === "string" ? (resolve(v.$ref) as Obj) : v);

describe("openapi.json", () => {
  test("is an OpenAPI 3.0 document with info, servers, paths and components", () => {
    expect(doc.openapi).toMatch(/^3\.0\.\d$/);
    expect((doc.info as Obj).title).toBeTruthy();
    expect((doc.info as Obj).version).toBeTruthy();
    expect(doc.servers).toEqual([{ url: "https://crm.example.com" }]);
    // Serialisable as JSON (the route sends it so) and back without loss.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  test("every $ref and discriminator mapping resolves", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(50);
    const broken = [...new Set(all)].filter((r) => resolve(r) === undefined);
    expect(broken).toEqual([]);
  });

  test("every component is referenced (only what our paths need is copied)", () => {
    const used = new Set(refs(doc));
    const unused: string[] = [];
    for (const [kind, entries] of Object.entries(doc.components)) {
      if (kind === "securitySchemes") continue;
      for (const name of Object.keys(entries as Obj)) {
        const ref = `#/components/${kind}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (!used.has(ref)) unused.push(ref);
      }
    }
    expect(unused).toEqual([]);
    // The listener paths and their event schemas are not ours to serve.
    expect(Object.keys(doc.components.schemas as Obj).some((n) => /Event$/.test(n))).toBe(false);
  });

  test("every operation we serve is there, with its scope, security and TMF errors", () => {
    const base = { TMF621: TMF621_BASE, TMF629: TMF629_BASE };
    for (const op of OPERATIONS) {
      const o = (doc.paths[`${base[op.spec]}${op.path}`] as Obj | undefined)?.[op.method] as Obj | undefined;
      expect(o, `${op.method} ${op.path}`).toBeDefined();
      expect(o!.security).toEqual([{ bearerToken: [] }, ...scopesOf(op).map((sc) => ({ clientCredentials: [sc] }))]);
      const responses = o!.responses as Obj;
      for (const code of ["400", "401", "403", "429"]) {
        const r = deref(responses[code] as Obj);
        expect(((r.content as Obj)["application/json"] as Obj).schema, `${op.method} ${op.path} ${code}`).toEqual({
          $ref: expect.stringMatching(/\/schemas\/(TMF629_)?Error$/),
        });
      }
      expect(Object.keys(responses).some((c) => /^2\d\d$/.test(c))).toBe(true);
      if (op.method === "patch") {
        expect(responses["409"]).toBeDefined();
        expect(o!.parameters).toContainEqual({ $ref: "#/components/parameters/IfMatch" });
      }
      if (op.method === "post" && !op.path.startsWith("/hub")) expect(o!.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
    }
    // No more than what we serve (plus the token endpoint), and no hard delete of a ticket.
    const served = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops as Obj)
        .filter((m) => METHODS.includes(m))
        .map((m) => `${m} ${p}`),
    );
    expect(served).toHaveLength(OPERATIONS.length + 1);
    expect(served).toContain("post /oauth/token");
    expect(served).not.toContain(`delete ${TMF621_BASE}/troubleTicket/{id}`);
  });

  test("lists declare our filters and paging, and answer X-Result-Count", () => {
    const list = (doc.paths[`${TMF621_BASE}/troubleTicket`] as Obj).get as Obj;
    const params = (list.parameters as Obj[]).map((p) => deref(p).name);
    expect(params).toEqual(
      expect.arrayContaining(["fields", "offset", "limit", "sort", "status", "severity", "ticketType", "creationDate.gte", "creationDate.lt"]),
    );
    expect(params).not.toContain("filter");
    const ok = deref((list.responses as Obj)["200"] as Obj);
    expect(Object.keys(ok.headers as Obj)).toEqual(expect.arrayContaining(["X-Result-Count", "X-Total-Count"]));
    const one = deref(((doc.paths[`${TMF621_BASE}/troubleTicket/{id}`] as Obj).get as Obj).responses as Obj);
    expect(Object.keys(deref(one["200"] as Obj).headers as Obj)).toContain("ETag");
  });

  test("path parameters are declared, and every parameter has a name, a place and a schema", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops as Obj)) {
        const params = ((op as Obj).parameters as Obj[] | undefined)?.map(deref) ?? [];
        for (const x of params) {
          expect(x.name, `${m} ${p}`).toBeTruthy();
          expect(["query", "header", "path", "cookie"]).toContain(x.in);
          expect(x.schema).toBeTruthy();
        }
        for (const name of [...p.matchAll(/\{(\w+)\}/g)].map((x) => x[1])) {
          expect(
            params.some((x) => x.in === "path" && x.name === name && x.required === true),
            `${m} ${p} declares {${name}}`,
          ).toBe(true);
        }
      }
    }
  });

  test("the security schemes: bearer, and OAuth 2 client credentials with every scope", () => {
    const schemes = doc.components.securitySchemes as Obj;
    expect(schemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    const flow = ((schemes.clientCredentials as Obj).flows as Obj).clientCredentials as Obj;
    expect(flow.tokenUrl).toBe("https://crm.example.com/oauth/token");
    expect(Object.keys(flow.scopes as Obj)).toEqual([...API_SCOPES]);
  });

  test("every schema compiles as JSON Schema, and a TMF error body validates against Error", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    // The specs' non-standard `format: base64` (docs/api/tmf/NOTES.md).
    ajv.addFormat("base64", true);
    // OpenAPI 3.0's own keywords (nullable, discriminator, …) are annotations to JSON Schema.
    for (const k of ["xml", "externalDocs", "example"]) ajv.addKeyword(k);
    const schemas = doc.components.schemas as Obj;
    // Component refs as ajv ids: "#/components/schemas/X" → a schema added under that id.
    const rewrite = (v: unknown): unknown =>
      typeof v === "string" && v.startsWith("#/components/schemas/")
        ? `schemas.json#/${v.split("/")[3]}`
        : Array.isArray(v)
          ? v.map(rewrite)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]))
            : v;
    ajv.addSchema({ $id: "schemas.json", definitions: {}, ...(rewrite(schemas) as Obj) });
    for (const name of Object.keys(schemas)) expect(() => ajv.getSchema(`schemas.json#/${name}`), name).not.toThrow();
    const validate = ajv.getSchema("schemas.json#/Error")!;
    expect(validate({ "@type": "Error", code: "404", reason: "Not Found", message: "No such resource.", status: "404" })).toBe(true);
    expect(validate({ code: 404 })).toBe(false);
  });

  test.each(OPERATIONS.map((op) => [`${op.spec} ${op.method} ${op.path}`, op] as const))(
    "%s: its route handler exists, exports the method and asks the same scopes",
    (_, op) => {
      const base = op.spec === "TMF621" ? TMF621_BASE : TMF629_BASE;
      const file = path.resolve(import.meta.dirname, "../../app", `${base}${op.path}`.slice(1).replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
      let source = fs.readFileSync(file, "utf8");
      const method = op.method.toUpperCase();
      if (op.path.startsWith("/hub")) {
        // The /hub routes of both APIs are built by one factory (lib/api/hub/handlers.ts hubRoutes).
        expect(source, `${file} exports ${method}`).toMatch(new RegExp(`export const ${method} = hub\\.${method};`));
        source = fs
          .readFileSync(path.resolve(import.meta.dirname, "../../lib/api/hub/handlers.ts"), "utf8")
          .replace(new RegExp(`\\b${method}: apiRoute`), `export const ${method} = apiRoute`);
      }
      const m = new RegExp(`export const ${method} = apiRoute\\(\\s*\\{\\s*scope: (\\[[^\\]]*\\]|"[^"]*")`).exec(source);
      expect(m, `${file} exports ${method} = apiRoute({ scope: … })`).not.toBeNull();
      expect([...m![1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1])).toEqual([...scopesOf(op)]);
    },
  );
});
