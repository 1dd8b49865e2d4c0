// Conformance against the official TM Forum specifications (docs/api/tmf/*.oas.yaml, v5.0.1,
// Apache-2.0): every request the tests send and every response the API answers is validated with
// ajv, the standard JSON-Schema validator, over the specs' own schemas.
//
// OpenAPI 3.0 schemas are JSON Schema with a few differences, converted here once:
// - `nullable: true` → the type also allows null;
// - `discriminator` with a `oneOf` (PartyRefOrPartyRoleRef, AttachmentRefOrValue, …): the branch is
//   picked by `@type` through the mapping, as the spec means (docs/api/tmf/NOTES.md: a plain `oneOf`
//   rejects the spec's own examples because the branches overlap); an unmapped `@type` must match
//   one of the branches (anyOf);
// - a `discriminator` without a `oneOf` (the Entity / Extensible bases) is an annotation: dropped;
// - `format: base64` (non-standard) is checked as base64 text.
import fs from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import yaml from "js-yaml";

export type Spec = "TMF621" | "TMF629";

const FILES: Record<Spec, string> = {
  TMF621: "TMF621-Trouble_Ticket-v5.0.1.oas.yaml",
  TMF629: "TMF629-Customer_Management-v5.0.1.oas.yaml",
};

type Json = Record<string, unknown>;
interface Loaded {
  doc: Json;
  ajv: Ajv;
  cache: Map<string, ValidateFunction>;
}

const loaded = new Map<Spec, Loaded>();

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== "object") return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (
      k === "discriminator" ||
      k === "example" ||
      k === "examples" ||
      k === "xml" ||
      k === "externalDocs" ||
      k === "deprecated" ||
      k === "readOnly" ||
      k === "writeOnly"
    )
      continue;
    if (k === "nullable") continue;
    out[k] = convert(v);
  }
  if (src.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (!out.type) {
      /* no type: null already allowed unless constrained */
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  const d = src.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (d?.mapping && Array.isArray(src.oneOf)) {
    const prop = d.propertyName ?? "@type";
    const mapping = d.mapping;
    const branches = out.oneOf as unknown[];
    delete out.oneOf;
    out.if = { type: "object", required: [prop], properties: { [prop]: { enum: Object.keys(mapping) } } };
    out.then = { allOf: Object.entries(mapping).map(([name, ref]) => ({ if: { properties: { [prop]: { const: name } } }, then: { $ref: ref } })) };
    out.else = { anyOf: branches };
  }
  return out;
}

function load(spec: Spec): Loaded {
  const hit = loaded.get(spec);
  if (hit) return hit;
  const file = path.join(process.cwd(), "docs/api/tmf", FILES[spec]);
  const doc = yaml.load(fs.readFileSync(file, "utf8")) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat("base64", /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat("float", true);
  ajv.addFormat("double", true);
  ajv.addFormat("int32", true);
  ajv.addFormat("int64", true);
  const components = doc.components as Json;
  ajv.addSchema({ $id: spec, components: { schemas: convert(components.schemas) } });
  const l = { doc, ajv, cache: new Map<string, ValidateFunction>() };
  loaded.set(spec, l);
  return l;
}

/** Follows a local `$ref` ("#/components/responses/…") in the spec document. */
function deref(doc: Json, node: unknown): Json | undefined {
  let n = node as Json | undefined;
  for (let i = 0; n && typeof n.$ref === "string" && i < 10; i++) {
    n = (n.$ref as string)
      .slice(2)
      .split("/")
      .reduce<unknown>((o, k) => (o as Json | undefined)?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc) as Json | undefined;
  }
  return n;
}

function validatorFor(spec: Spec, schema: Json, key: string): ValidateFunction {
  const l = load(spec);
  let v = l.cache.get(key);
  if (!v) {
    // A schema from the document: its $refs point into the registered components.
    const ref =
      typeof schema.$ref === "string"
        ? { $ref: `${spec}${schema.$ref}` }
        : { $id: `${spec}-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`, ...(retarget(spec, convert(schema)) as Json) };
    v = l.ajv.compile(ref);
    l.cache.set(key, v);
  }
  return v;
}

function retarget(spec: Spec, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => retarget(spec, n));
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node as Json).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${spec}${v}` : retarget(spec, v)]),
  );
}

function errorsOf(v: ValidateFunction): string[] {
  return (v.errors ?? []).map(
    (e) => `${e.instancePath || "(root)"} ${e.message ?? ""}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""}`,
  );
}

/** The errors of `value` against a named schema of the spec (components.schemas), [] when valid. */
export function schemaErrors(spec: Spec, schemaName: string, value: unknown): string[] {
  const schemas = (load(spec).doc.components as Json).schemas as Json;
  if (!schemas[schemaName]) throw new Error(`${spec} has no schema ${schemaName}`);
  const v = validatorFor(spec, { $ref: `#/components/schemas/${schemaName}` }, `schema:${schemaName}`);
  return v(value) ? [] : errorsOf(v);
}

function operation(spec: Spec, method: string, template: string): Json {
  const doc = load(spec).doc;
  const item = (doc.paths as Json)[template] as Json | undefined;
  if (!item) throw new Error(`${spec} declares no path ${template} (declared: ${Object.keys(doc.paths as Json).join(", ")})`);
  const op = item[method.toLowerCase()] as Json | undefined;
  if (!op) throw new Error(`${spec} declares no ${method.toUpperCase()} ${template}`);
  return op;
}

function jsonSchemaOf(doc: Json, holder: Json | undefined): Json | undefined {
  const content = deref(doc, holder)?.content as Json | undefined;
  if (!content) return undefined;
  const media = (content["application/json"] ?? content["application/merge-patch+json"] ?? Object.values(content)[0]) as Json | undefined;
  return media?.schema as Json | undefined;
}

/**
 * The errors of a response against the operation's declared response for its status. A status
 * the spec does not declare for the operation (v5 declares no 413, 415, 422 or 429) is checked
 * against the spec's `Error` schema when it is an error, and is an error itself otherwise.
 */
export function responseErrors(spec: Spec, method: string, template: string, status: number, body: unknown): string[] {
  const l = load(spec);
  const op = operation(spec, method, template);
  const responses = op.responses as Json;
  const declared = responses[String(status)] as Json | undefined;
  if (!declared) {
    if (status >= 400) return schemaErrors(spec, "Error", body);
    return [`${spec} declares no ${status} for ${method.toUpperCase()} ${template} (declared: ${Object.keys(responses).join(", ")})`];
  }
  const schema = jsonSchemaOf(l.doc, declared);
  if (!schema) return body === null || body === "" || body === undefined ? [] : [`${status} for ${method.toUpperCase()} ${template} has no body in the spec`];
  const v = validatorFor(spec, schema, `res:${method}:${template}:${status}`);
  return v(body) ? [] : errorsOf(v);
}

/** The errors of a request body against the operation's declared request body. */
export function requestErrors(spec: Spec, method: string, template: string, body: unknown): string[] {
  const l = load(spec);
  const op = operation(spec, method, template);
  const schema = jsonSchemaOf(l.doc, op.requestBody as Json | undefined);
  if (!schema) return [`${method.toUpperCase()} ${template} declares no request body`];
  const v = validatorFor(spec, schema, `req:${method}:${template}`);
  return v(body) ? [] : errorsOf(v);
}

export function expectValidResponse(spec: Spec, method: string, template: string, status: number, body: unknown): void {
  const errors = responseErrors(spec, method, template, status, body);
  if (errors.length)
    throw new Error(
      `${spec} ${method.toUpperCase()} ${template} ${status}: the response does not conform:\n  ${errors.slice(0, 20).join("\n  ")}\n${JSON.stringify(body).slice(0, 1500)}`,
    );
}

export function expectValidRequest(spec: Spec, method: string, template: string, body: unknown): void {
  const errors = requestErrors(spec, method, template, body);
  if (errors.length) throw new Error(`${spec} ${method.toUpperCase()} ${template}: the request does not conform:\n  ${errors.slice(0, 20).join("\n  ")}`);
}
