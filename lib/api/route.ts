import "server-only";
import { z } from "zod";
import { ASYNC_COMMIT, sqlRows } from "@/lib/db";
import { logger } from "@/lib/shared/logger";
import { Prisma } from "@/lib/generated/prisma/client";
import { markPipeline } from "@/lib/shared/action";
import { countedBody } from "@/lib/shared/route";
import { BODY_LIMITS } from "@/lib/shared/security-headers";
import { authenticateApiRequest, type ApiCaller } from "@/lib/api/authenticate";
import { ApiError, toTmfErrorResponse, tmfErrorResponse } from "@/lib/api/errors";
import type { ApiScopeName } from "@/lib/api/scopes";

// The one way an Open API handler is written (docs/open-api.md, decision 034):
//
//   export const GET = apiRoute({ scope: "ticket:read", params: idParams }, async ({ caller, params }) => Response.json(...));
//
// the counted body (413) → the bearer token (401) → the client's rate limit (429 + Retry-After) →
// the scope (403) → route params (404), query (400) and the JSON body (415, 400) parsed by zod →
// the handler, which calls the same lib functions as the UI with `caller.actor` → every error as a
// TMF error body → one audit row per call naming the client. Lib authorizes again (permission and
// team scope), as for a person; this pipeline only refuses early.

const JSON_TYPES = ["application/json", "application/merge-patch+json"];
const WITH_BODY = new Set(["POST", "PATCH", "PUT"]);

interface ApiRouteContext<P, Q, B> {
  caller: ApiCaller;
  request: Request;
  params: P;
  query: Q;
  body: B;
  /** The body as sent (for an Idempotency-Key's request hash). */
  rawBody: string;
}

interface ApiRouteOptions<PS, QS, BS> {
  /** Refused with 403 unless the client holds one of these scopes. */
  scope: ApiScopeName | ApiScopeName[];
  params?: PS;
  query?: QS;
  /** The JSON body's schema (POST/PATCH). */
  body?: BS;
  /** Most bytes the body may carry (default 2 MB). */
  bodyLimit?: number;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export function apiRoute<PS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(
  options: ApiRouteOptions<PS, QS, BS>,
  handler: (ctx: ApiRouteContext<Out<PS>, Out<QS>, Out<BS>>) => Promise<Response>,
): Handler {
  const scopes = Array.isArray(options.scope) ? options.scope : [options.scope];
  const run: Handler = async (original, context) => {
    const counted = countedBody(original, options.bodyLimit ?? BODY_LIMITS.default);
    const request = counted.request;
    let caller: ApiCaller | null = null;
    let response: Response;
    try {
      if (counted.tooLarge()) throw new ApiError(413, "The request body is over the limit.");
      caller = await authenticateApiRequest(request);
      if (!scopes.some((s) => caller!.scopes.includes(s))) throw new ApiError(403, `This client lacks the scope ${scopes.join(" or ")}.`);
      let params: unknown = undefined;
      if (options.params) {
        const p = options.params.safeParse((await context?.params) ?? {});
        if (!p.success) throw new ApiError(404, "No such resource.");
        params = p.data;
      }
      let query: unknown = undefined;
      if (options.query) {
        const q = options.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        if (!q.success) throw new ApiError(400, `Invalid query: ${describeZod(q.error)}`);
        query = q.data;
      }
      let body: unknown = undefined;
      let rawBody = "";
      if (WITH_BODY.has(request.method)) {
        const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
        if (!JSON_TYPES.includes(type)) throw new ApiError(415, "Send the body as application/json (or application/merge-patch+json for PATCH).");
        try {
          rawBody = await request.text();
        } catch {
          throw new ApiError(413, "The request body is over the limit.");
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(rawBody);
        } catch {
          throw new ApiError(400, "The body is not valid JSON.");
        }
        if (options.body) {
          const b = options.body.safeParse(parsed);
          if (!b.success) throw new ApiError(400, `Invalid body: ${describeZod(b.error)}`);
          body = b.data;
        } else body = parsed;
      }
      response = await handler({ caller, request, params, query, body, rawBody } as ApiRouteContext<Out<PS>, Out<QS>, Out<BS>>);
    } catch (e) {
      response = counted.tooLarge() ? tmfErrorResponse(413, "The request body is over the limit.") : toTmfErrorResponse(e);
    }
    if (caller) auditCall(caller, request, response.status);
    return response;
  };
  return markPipeline(run, "route");
}

/** "severity: Required; relatedParty.0.role: Required" (paths and zod's messages, never the input). */
export function describeZod(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
    .join("; ");
}

// One audit row per call, naming the client (the changes themselves are audited by lib, in their
// transactions, and a PII reveal by lib's reveal with it). These rows are the API's access log, not
// the record of a change: they are queued and written together every FLUSH_MS (or FLUSH_AT rows)
// in one statement that does not wait for the WAL flush (ASYNC_COMMIT), so a call pays no write of
// its own. What a crash or a server stop can lose: the last FLUSH_MS of access rows. `at` is the call's own time.

interface CallRow {
  at: Date;
  actorId: number;
  actorName: string;
  clientId: number;
  ip: string | null;
  userAgent: string | null;
  data: string;
}

const FLUSH_MS = 50;
const FLUSH_AT = 200;
const pendingCalls: CallRow[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let written: Promise<void> = Promise.resolve();

function auditCall(caller: ApiCaller, request: Request, status: number): void {
  const url = new URL(request.url);
  pendingCalls.push({
    at: new Date(),
    actorId: caller.actor.id,
    actorName: caller.actor.username,
    clientId: caller.clientId,
    ip: caller.actor.ip ?? null,
    userAgent: caller.actor.userAgent?.slice(0, 300) ?? null,
    data: JSON.stringify({ method: request.method, path: url.pathname.slice(0, 300), status }),
  });
  if (pendingCalls.length >= FLUSH_AT) void flushApiCallAudit();
  else if (!flushTimer) {
    flushTimer = setTimeout(() => void flushApiCallAudit(), FLUSH_MS);
    flushTimer.unref?.();
  }
}

/** Writes the queued call rows now; resolves once every row queued so far is written (tests/api/call.ts). */
export function flushApiCallAudit(): Promise<void> {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  const rows = pendingCalls.splice(0);
  if (rows.length) {
    written = written.then(() =>
      sqlRows(
        Prisma.sql`
        INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, ip, user_agent, data)
        SELECT r.at, r.actor_id, r.actor_name, 'api.called', 'api_client', r.client_id::text, r.ip, r.user_agent, r.data
        FROM unnest(${rows.map((r) => r.at)}::timestamptz[], ${rows.map((r) => r.actorId)}::int[], ${rows.map((r) => r.actorName)}::text[],
                    ${rows.map((r) => r.clientId)}::int[], ${rows.map((r) => r.ip)}::text[], ${rows.map((r) => r.userAgent)}::text[],
                    ${rows.map((r) => r.data)}::jsonb[]) AS r(at, actor_id, actor_name, client_id, ip, user_agent, data),
             ${ASYNC_COMMIT}`,
        { prepared: true },
      ).then(
        () => undefined,
        (e: unknown) => logger.error("api.call_audit_failed", { rows: rows.length, message: e instanceof Error ? e.message : String(e) }),
      ),
    );
  }
  return written;
}

/** The strong ETag of a versioned record: `"<version>"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version an If-Match names (null without one, or `*`); 400 when it is not one of our ETags. */
export function ifMatchVersion(request: Request): number | null {
  const h = request.headers.get("if-match");
  if (!h || h.trim() === "*") return null;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(h);
  if (!m) throw new ApiError(400, 'If-Match must be an ETag this API sent, such as "3".');
  return Number(m[1]);
}
