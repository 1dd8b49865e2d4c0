import "server-only";
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { API_SCOPES, type ApiScopeName } from "@/lib/api/scopes";
import { OAUTH_TOKEN_TTL_SECONDS } from "@/lib/api/tokens";
import { TMF621_BASE, TMF629_BASE } from "@/lib/api/href";

// GET /tmf-api/openapi.json: our profile of TMF621 and TMF629 v5.0.1 as one OpenAPI 3.0 document
// (docs/open-api.md). The operations we serve are copied from the official specifications in
// docs/api/tmf (read once, at the first request) with what they reference, transitively — schemas,
// parameters, request bodies, responses, headers — and only that; then our query parameters, headers,
// error responses and security are added. A name both specifications define differently keeps
// TMF621's and gets the prefix "TMF629_" for TMF629's (its references are rewritten to match).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
type Spec = "TMF621" | "TMF629";

const FILES: Record<Spec, string> = {
  TMF621: "TMF621-Trouble_Ticket-v5.0.1.oas.yaml",
  TMF629: "TMF629-Customer_Management-v5.0.1.oas.yaml",
};

type Method = "get" | "post" | "patch" | "delete";

interface Operation {
  spec: Spec;
  /** The official path, relative to the spec's server. */
  path: string;
  method: Method;
  /** The scope the call needs (lib/api/scopes.ts); several: any one of them. */
  scope: ApiScopeName | readonly ApiScopeName[];
  /** Our list filters (query parameters beyond fields/offset/limit/sort). */
  filters?: Array<{ name: string; description: string; format?: "date-time" }>;
}

const BASE: Record<Spec, string> = { TMF621: TMF621_BASE, TMF629: TMF629_BASE };

const CREATION_DATE = ["gte", "gt", "lte", "lt"].map((op) => ({
  name: `creationDate.${op}`,
  description: `Tickets created ${{ gte: "at or after", gt: "after", lte: "at or before", lt: "before" }[op]} this instant (RFC 3339).`,
  format: "date-time" as const,
}));

const LAST_UPDATE = ["gte", "gt", "lte", "lt"].map((op) => ({
  name: `lastUpdate.${op}`,
  description: `Tickets last changed ${{ gte: "at or after", gt: "after", lte: "at or before", lt: "before" }[op]} this instant (RFC 3339).`,
  format: "date-time" as const,
}));

/** ticket:write reads too (lib/api/scopes.ts): the ticket reads accept either. */
const READ_TICKETS = ["ticket:read", "ticket:write"] as const;

/** customer:write reads too (lib/api/scopes.ts): the customer reads accept either. */
const READ_CUSTOMERS = ["customer:read", "customer:write"] as const;

/** What we serve: one row per operation (docs/open-api.md lists the same). */
export const OPERATIONS: readonly Operation[] = [
  {
    spec: "TMF621",
    path: "/troubleTicket",
    method: "get",
    scope: READ_TICKETS,
    filters: [
      {
        name: "status",
        description: "Ticket status (acknowledged, inProgress, pending, held, resolved, closed, cancelled, rejected); several comma-separated.",
      },
      { name: "severity", description: "Severity (the complaint grade: general, complex, major); several comma-separated." },
      { name: "ticketType", description: "Ticket type (the complaint category's code, a troubleTicketSpecification id); several comma-separated." },
      { name: "channel", description: "The channel the ticket was opened from (hotline, app, mini_program, …); several comma-separated." },
      ...CREATION_DATE,
      ...LAST_UPDATE,
      { name: "relatedParty.id", description: "The customer's id." },
    ],
  },
  { spec: "TMF621", path: "/troubleTicket", method: "post", scope: "ticket:write" },
  { spec: "TMF621", path: "/troubleTicket/{id}", method: "get", scope: READ_TICKETS },
  { spec: "TMF621", path: "/troubleTicket/{id}", method: "patch", scope: "ticket:write" },
  { spec: "TMF621", path: "/troubleTicketSpecification", method: "get", scope: READ_TICKETS },
  { spec: "TMF621", path: "/troubleTicketSpecification/{id}", method: "get", scope: READ_TICKETS },
  { spec: "TMF621", path: "/hub", method: "post", scope: "hub:manage" },
  { spec: "TMF621", path: "/hub/{id}", method: "get", scope: "hub:manage" },
  { spec: "TMF621", path: "/hub/{id}", method: "delete", scope: "hub:manage" },
  {
    spec: "TMF629",
    path: "/customer",
    method: "get",
    scope: READ_CUSTOMERS,
    filters: [
      { name: "status", description: "Customer status: active, suspended, churned." },
      { name: "valueTier", description: "Value tier: diamond, gold, silver, standard." },
      { name: "msisdn", description: "A full service number (11 or 12 digits)." },
      { name: "after", description: "Keyset paging: customers with an id above this one (the last id of the previous page)." },
    ],
  },
  { spec: "TMF629", path: "/customer", method: "post", scope: "customer:write" },
  { spec: "TMF629", path: "/customer/{id}", method: "get", scope: READ_CUSTOMERS },
  { spec: "TMF629", path: "/customer/{id}", method: "patch", scope: "customer:write" },
  { spec: "TMF629", path: "/hub", method: "post", scope: "hub:manage" },
  { spec: "TMF629", path: "/hub/{id}", method: "get", scope: "hub:manage" },
  { spec: "TMF629", path: "/hub/{id}", method: "delete", scope: "hub:manage" },
];

/** The scopes an operation accepts, any one of them. */
export function scopesOf(op: Operation): readonly ApiScopeName[] {
  return typeof op.scope === "string" ? [op.scope] : op.scope;
}

export const SCOPE_DESCRIPTIONS: Record<ApiScopeName, string> = {
  "ticket:read": "Read trouble tickets and their specifications.",
  "ticket:write": "Create trouble tickets and move them through the workflow (PATCH).",
  "customer:read": "Read customers, personal data masked.",
  "customer:write": "Create customers and change their contact media, status and consents.",
  "customer:reveal": "Read customers' personal data in clear (every reveal audited).",
  "hub:manage": "Register and remove event listeners (/hub).",
};

const specCache = new Map<Spec, Obj>();
function loadSpec(spec: Spec): Obj {
  let doc = specCache.get(spec);
  if (!doc) {
    doc = yaml.load(fs.readFileSync(path.join(process.cwd(), "docs/api/tmf", FILES[spec]), "utf8")) as Obj;
    specCache.set(spec, doc);
  }
  return doc;
}

const clone = <T extends Json>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every "#/components/<kind>/<name>" string in a value ($ref and discriminator mappings alike). */
function refsIn(v: Json, out: Set<string>): void {
  if (typeof v === "string") {
    if (v.startsWith("#/components/")) out.add(v);
  } else if (Array.isArray(v)) for (const x of v) refsIn(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) refsIn(x, out);
}

/** Rewrites every component reference string through `rename`. */
function rewrite(v: Json, rename: (ref: string) => string): Json {
  if (typeof v === "string") return v.startsWith("#/components/") ? rename(v) : v;
  if (Array.isArray(v)) return v.map((x) => rewrite(x, rename));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, rename)]));
  return v;
}

/** Drops the official examples (they describe the specification's server, not ours). */
function dropExamples(v: Json): Json {
  if (Array.isArray(v)) return v.map(dropExamples);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== "examples" && k !== "example")
        .map(([k, x]) => [k, dropExamples(x)]),
    );
  return v;
}

function component(doc: Obj, ref: string): Json {
  const [, , kind, ...rest] = ref.split("/");
  const name = rest.join("/").replace(/~1/g, "/").replace(/~0/g, "~");
  const v = ((doc.components as Obj)[kind!] as Obj | undefined)?.[name];
  if (v === undefined) throw new Error(`openapi: ${ref} is not in the specification`);
  return v;
}

/** The components an operation needs, transitively: ref → its (example-free) value. */
function closure(doc: Obj, roots: Json[]): Map<string, Json> {
  const found = new Map<string, Json>();
  const queue: string[] = [];
  const seed = new Set<string>();
  for (const r of roots) refsIn(r, seed);
  queue.push(...seed);
  while (queue.length) {
    const ref = queue.pop()!;
    if (found.has(ref)) continue;
    const value = dropExamples(component(doc, ref));
    found.set(ref, value);
    const next = new Set<string>();
    refsIn(value, next);
    for (const n of next) if (!found.has(n)) queue.push(n);
  }
  return found;
}

const ERROR_REF = "#/components/schemas/Error";
const errorResponse = (description: string, headers?: Obj): Obj => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: { $ref: ERROR_REF } } },
});

/** Our responses beyond the official ones, and the official ones we answer differently. */
const OUR_RESPONSES: Record<string, Obj> = {
  "400": errorResponse("Bad Request: malformed JSON, a body or query the schema refuses, an If-Match that is not one of our ETags."),
  "401": errorResponse("Unauthorized: no bearer token, or one unknown, expired or revoked; the client disabled or its owner deactivated.", {
    "WWW-Authenticate": { schema: { type: "string" }, description: 'Bearer realm="crm"' },
  }),
  "403": errorResponse("Forbidden: the client lacks the scope, or its owner the permission."),
  "404": errorResponse("Not Found, or outside the client's team."),
  "409": errorResponse("Conflict: If-Match names another version (someone changed the record)."),
  "413": errorResponse("Payload Too Large."),
  "415": errorResponse("Unsupported Media Type: send application/json (application/merge-patch+json for PATCH)."),
  "422": errorResponse("Unprocessable Entity: a business rule refuses the change (a workflow transition not allowed from the current state, …)."),
  "429": errorResponse("Too Many Requests: the client's rate limit.", { "Retry-After": { $ref: "#/components/headers/Retry-After" } }),
};

const OUR_HEADERS: Obj = {
  ETag: { description: 'The version of the record, "<version>": send it back in If-Match.', schema: { type: "string" } },
  "Retry-After": { description: "Seconds to wait before the next call.", schema: { type: "integer" } },
  Location: { description: "The created resource.", schema: { type: "string" } },
};

const OUR_PARAMETERS: Obj = {
  IfMatch: {
    name: "If-Match",
    in: "header",
    required: false,
    description: 'The ETag of the version the change starts from ("3"); another version answers 409.',
    schema: { type: "string" },
  },
  IdempotencyKey: {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "A key of the client's choosing (up to 200 characters): the same create sent again within 24 hours answers the first response; the same key with another body answers 422.",
    schema: { type: "string", maxLength: 200 },
  },
};

export interface OpenApiDocument extends Obj {
  openapi: string;
  paths: Obj;
  components: Obj;
}

/** The document (built per origin; the specifications are parsed once per process). */
export function buildOpenApiDocument(origin: string): OpenApiDocument {
  const paths: Obj = {};
  const components: Record<string, Obj> = { schemas: {}, parameters: {}, requestBodies: {}, responses: {}, headers: {}, securitySchemes: {} };
  const picked: Record<Spec, Map<string, Json>> = { TMF621: new Map(), TMF629: new Map() };
  const operations: Array<{ op: Operation; value: Obj }> = [];

  for (const op of OPERATIONS) {
    const doc = loadSpec(op.spec);
    const official = ((doc.paths as Obj)[op.path] as Obj | undefined)?.[op.method] as Obj | undefined;
    if (!official) throw new Error(`openapi: ${op.spec} has no ${op.method} ${op.path}`);
    const value = dropExamples(clone(official)) as Obj;
    // The JSONPath filter and cursor paging are not served; our attribute filters are (below).
    value.parameters = ((value.parameters as Obj[] | undefined) ?? []).filter(
      (p) => !["#/components/parameters/Before", "#/components/parameters/After", "#/components/parameters/Filter"].includes(p.$ref as string),
    );
    // Error responses: ours (added below, with the official Error schema); 405 and 5xx are never
    // the answer to input, and the official `default` says what ours say.
    const responses = value.responses as Obj;
    for (const code of Object.keys(responses)) if (/^([45]\d\d|default)$/.test(code)) delete responses[code];
    operations.push({ op, value });
    for (const [ref, v] of closure(doc, [value, { $ref: ERROR_REF }])) picked[op.spec].set(ref, v);
  }

  // Names both specifications define differently: TMF629's get a prefix.
  const renamed = new Set<string>();
  for (const [ref, v] of picked.TMF629) {
    const other = picked.TMF621.get(ref);
    if (other !== undefined && JSON.stringify(other) !== JSON.stringify(v)) renamed.add(ref);
  }
  const rename629 = (ref: string) => {
    if (!renamed.has(ref)) return ref;
    const parts = ref.split("/");
    parts[3] = `TMF629_${parts[3]}`;
    return parts.join("/");
  };
  const place = (spec: Spec, ref: string, v: Json) => {
    const finalRef = spec === "TMF629" ? rename629(ref) : ref;
    const [, , kind, name] = finalRef.split("/");
    components[kind!] ??= {};
    // Error response components are replaced by ours below.
    components[kind!]![name!] = spec === "TMF629" ? rewrite(v, rename629) : v;
  };
  for (const [ref, v] of picked.TMF621) place("TMF621", ref, v);
  for (const [ref, v] of picked.TMF629) place("TMF629", ref, v);
  const errorSchemaRef = (spec: Spec) => (spec === "TMF629" ? rename629(ERROR_REF) : ERROR_REF);

  for (const { op, value } of operations) {
    const finalValue = (op.spec === "TMF629" ? rewrite(value, rename629) : value) as Obj;
    const responses = finalValue.responses as Obj;
    const params = finalValue.parameters as Obj[];
    const listing = op.method === "get" && !op.path.endsWith("{id}");
    if (listing) {
      for (const f of op.filters ?? []) {
        params.push({
          name: f.name,
          in: "query",
          required: false,
          description: f.description,
          schema: f.format ? { type: "string", format: f.format } : { type: "string" },
        });
      }
    }
    const codes = ["400", "401", "403", "429"];
    if (op.path.endsWith("{id}")) codes.push("404");
    if (op.method === "post" || op.method === "patch") codes.push("413", "415", "422");
    if (op.method === "patch") {
      codes.push("409");
      params.push({ $ref: "#/components/parameters/IfMatch" });
    }
    if (op.method === "post" && !op.path.startsWith("/hub")) params.push({ $ref: "#/components/parameters/IdempotencyKey" });
    for (const code of codes) {
      const r = clone(OUR_RESPONSES[code]!);
      ((r.content as Obj)["application/json"] as Obj).schema = { $ref: errorSchemaRef(op.spec) };
      responses[code] = r;
    }
    // The record's version on a single resource's answer (the response components are used by these operations only).
    for (const code of ["200", "201"]) {
      const ok = responses[code] as Obj | undefined;
      if (!ok || op.path.startsWith("/hub") || listing) continue;
      const target = ok.$ref ? (components.responses![(ok.$ref as string).split("/")[3]!] as Obj) : ok;
      target.headers = {
        ...((target.headers as Obj | undefined) ?? {}),
        ETag: { $ref: "#/components/headers/ETag" },
        ...(code === "201" ? { Location: { $ref: "#/components/headers/Location" } } : {}),
      };
    }
    const scopes = scopesOf(op);
    finalValue.security = [{ bearerToken: [] }, ...scopes.map((sc) => ({ clientCredentials: [sc] }))];
    finalValue.description = `${(finalValue.description as string | undefined) ?? ""}\n\nScope: ${scopes.map((sc) => `\`${sc}\``).join(" or ")}.`.trim();
    const fullPath = `${BASE[op.spec]}${op.path}`;
    paths[fullPath] ??= {};
    (paths[fullPath] as Obj)[op.method] = finalValue;
  }

  Object.assign(components.headers!, OUR_HEADERS);
  Object.assign(components.parameters!, OUR_PARAMETERS);
  components.securitySchemes = {
    bearerToken: { type: "http", scheme: "bearer", description: "A token from POST /oauth/token, or a static token an admin issued (crm_at_…)." },
    clientCredentials: {
      type: "oauth2",
      description: `OAuth 2 client credentials (RFC 6749 §4.4): tokens live ${OAUTH_TOKEN_TTL_SECONDS} seconds and carry the client's scopes.`,
      flows: { clientCredentials: { tokenUrl: `${origin}/oauth/token`, scopes: Object.fromEntries(API_SCOPES.map((s) => [s, SCOPE_DESCRIPTIONS[s]])) } },
    },
  };
  // Drop kinds nothing uses.
  for (const [kind, v] of Object.entries(components)) if (Object.keys(v).length === 0) delete components[kind];

  paths["/oauth/token"] = {
    post: {
      tags: ["oauth"],
      operationId: "createToken",
      summary: "A bearer token by client credentials",
      description:
        "RFC 6749 §4.4. Authenticate with HTTP Basic (client_id:client_secret) or client_id and client_secret in the body. A `scope` beyond the client's is refused (invalid_scope); the token carries the client's scopes.",
      security: [],
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: {
              type: "object",
              required: ["grant_type"],
              properties: {
                grant_type: { type: "string", enum: ["client_credentials"] },
                scope: { type: "string", description: "Space-separated scopes, each one the client holds." },
                client_id: { type: "string" },
                client_secret: { type: "string" },
              },
            },
          },
        },
      },
      responses: {
        "200": {
          description: "The token (Cache-Control: no-store).",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["access_token", "token_type", "expires_in", "scope"],
                properties: {
                  access_token: { type: "string" },
                  token_type: { type: "string", enum: ["Bearer"] },
                  expires_in: { type: "integer" },
                  scope: { type: "string" },
                },
              },
            },
          },
        },
        "400": { $ref: "#/components/responses/OAuthError" },
        "401": { $ref: "#/components/responses/OAuthError" },
        "429": { $ref: "#/components/responses/OAuthError" },
      },
    },
  };
  components.responses!.OAuthError = {
    description: "RFC 6749 §5.2: invalid_request, invalid_client (401, with WWW-Authenticate), unsupported_grant_type, invalid_scope; slow_down with 429.",
    content: {
      "application/json": {
        schema: { type: "object", required: ["error"], properties: { error: { type: "string" }, error_description: { type: "string" } } },
      },
    },
  };

  return {
    openapi: "3.0.3",
    info: {
      title: "Telecom CRM Open API (TMF621 Trouble Ticket, TMF629 Customer)",
      version: "5.0.1",
      description:
        "Our profile of the TM Forum Open APIs TMF621 Trouble Ticket and TMF629 Customer Management v5.0.1 (Apache-2.0): the operations below, with the official schemas. Lists take `fields`, `offset`, `limit` (capped) and `sort` and answer `X-Result-Count` (and `X-Total-Count` where it is cheap). Errors are TMF `Error` bodies.",
      license: { name: "Apache-2.0 (the TM Forum specifications)", url: "https://www.apache.org/licenses/LICENSE-2.0" },
    },
    servers: [{ url: origin }],
    tags: [{ name: "troubleTicket" }, { name: "troubleTicketSpecification" }, { name: "customer" }, { name: "events subscription" }, { name: "oauth" }],
    paths,
    components,
  };
}
