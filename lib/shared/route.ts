import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { markPipeline } from "@/lib/shared/action";
import { statusForError, toActionError, validationErrorFromZod } from "@/lib/shared/action-result";
import { BODY_LIMITS } from "@/lib/shared/security-headers";
import { PayloadTooLargeError } from "@/lib/shared/errors";

// The one way a route handler is written (docs/building-a-feature.md):
//
//   export const GET = route({ permission: "customer:export", query: exportQuery }, async ({ actor, query }) => csvResponse(...));
//
// actor from the session (401 without one) → permission (403) → on state-changing methods the
// same-origin check (403: cross-site requests never reach lib) → route params and query parsed
// by zod (400 with field keys) → the handler → errors as the JSON result shape with the right
// status. Lib still authorizes every call (scope, record-level rules); `permission` only refuses early.

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A browser request from another site: Sec-Fetch-Site says so, or Origin names another host.
 *  Requests without either header (curl, server-to-server) carry no ambient browser credentials. */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function jsonError(code: string, fields?: Record<string, string>): NextResponse {
  return NextResponse.json(fields ? { ok: false, error: code, fields } : { ok: false, error: code }, { status: statusForError(code), headers: { "cache-control": "no-store" } });
}

interface RouteContext<P, Q, Authed extends boolean> {
  actor: Authed extends true ? Actor : Actor | null;
  request: Request;
  params: P;
  query: Q;
}

interface RouteOptions<PS extends z.ZodType | undefined, QS extends z.ZodType | undefined> {
  /** Refused with 403 unless the actor holds it (lib checks again, with scope). */
  permission?: Permission;
  /** Route params (`[id]` folders), parsed from strings. */
  params?: PS;
  /** Search params, parsed from strings (last value wins). */
  query?: QS;
  /** Reachable without a session by design (health, readiness): the handler gets no actor. */
  public?: boolean;
  /** Most bytes the request body may carry (default BODY_LIMITS.default, 2 MB), counted as read. */
  bodyLimit?: number;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export function route<PS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(options: RouteOptions<PS, QS> & { public?: false }, handler: (ctx: RouteContext<Out<PS>, Out<QS>, true>) => Promise<Response>): Handler;
export function route<PS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(options: RouteOptions<PS, QS> & { public: true }, handler: (ctx: RouteContext<Out<PS>, Out<QS>, false>) => Promise<Response>): Handler;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function route(options: RouteOptions<z.ZodType | undefined, z.ZodType | undefined>, handler: (ctx: any) => Promise<Response>): Handler {
  const run: Handler = async (original, context) => {
    // The body is counted as it is read: Content-Length may be absent (chunked) or lie.
    const body = countedBody(original, options.bodyLimit ?? BODY_LIMITS.default);
    const request = body.request;
    try {
      if (STATE_CHANGING.has(request.method) && isCrossSite(request)) return jsonError("crossSite");
      if (body.tooLarge()) return jsonError("payloadTooLarge");
      const actor = options.public ? null : await getActor();
      if (!actor && !options.public) return jsonError("unauthenticated");
      // Someone who must enrol a second factor first reaches nothing but the enrolment page.
      if (actor?.mfaEnrolmentRequired) return jsonError("forbidden");
      if (actor && options.permission) assertCan(actor, options.permission);
      let params: unknown = undefined;
      if (options.params) {
        const p = options.params.safeParse((await context?.params) ?? {}, { reportInput: true });
        // A malformed id is a record that does not exist, as for an unknown one.
        if (!p.success) return jsonError("notFound");
        params = p.data;
      }
      let query: unknown = undefined;
      if (options.query) {
        const q = options.query.safeParse(Object.fromEntries(new URL(request.url).searchParams), { reportInput: true });
        if (!q.success) {
          const err = toActionError(validationErrorFromZod(q.error));
          return jsonError(err.error, err.fields);
        }
        query = q.data;
      }
      const response = await handler({ actor, request, params, query });
      // The handler may have caught the read error (a form parser's failure): the limit still answers.
      return body.tooLarge() ? jsonError("payloadTooLarge") : response;
    } catch (e) {
      if (body.tooLarge()) return jsonError("payloadTooLarge");
      const err = toActionError(e);
      return jsonError(err.error, err.fields);
    }
  };
  return markPipeline(run, "route");
}

/**
 * The request with its body counted as it is read. `tooLarge()` is true once more than `limit`
 * bytes arrived (the read then fails), or when Content-Length already says so (nothing is read).
 */
export function countedBody(request: Request, limit: number): { request: Request; tooLarge: () => boolean } {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limit) return { request, tooLarge: () => true };
  if (!request.body) return { request, tooLarge: () => false };
  let seen = 0;
  let exceeded = false;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          exceeded = true;
          controller.error(new PayloadTooLargeError());
        } else controller.enqueue(chunk);
      },
    }),
  );
  // `duplex` is required by Node's fetch for a streamed body (not yet in the DOM typings).
  const init = { method: request.method, headers: request.headers, body: counted, duplex: "half", signal: request.signal } as RequestInit;
  return { request: new Request(request.url, init), tooLarge: () => exceeded };
}

/** A CSV download: never cached, always an attachment. */
export function csvResponse(csv: string, fileName: string): NextResponse {
  return new NextResponse(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
}
