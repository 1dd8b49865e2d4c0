import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { sha256Hex } from "@/lib/api/tokens";
import { ApiError } from "@/lib/api/errors";

// Idempotency-Key on create (decision 034): the first request with a key claims it; a retry with
// the same key and the same request gets the first response again (`Idempotent-Replayed: true`);
// the same key with another request is 422; a retry while the first is still running is 409.
// Keys are per client and kept 24 hours. A create that fails frees its key.

export const IDEMPOTENCY_TTL_HOURS = 24;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function keyOf(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ApiError(400, "Idempotency-Key must be 1 to 200 visible ASCII characters.");
  return key;
}

/** Runs `create` once per (client, Idempotency-Key); without the header it just runs it. */
export async function withIdempotency(clientId: number, request: Request, rawBody: string, create: () => Promise<StoredResponse>, now = new Date()): Promise<Response> {
  const key = keyOf(request);
  if (key === null) return toResponse(await create());
  const hash = sha256Hex(`${request.method} ${new URL(request.url).pathname}\n${rawBody}`);
  const since = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000);
  // An expired claim of this key is forgotten first; then the key is claimed (status 0: running).
  await db.$executeRaw`DELETE FROM api_idempotency WHERE client_id = ${clientId} AND key = ${key} AND created_at < ${since}`;
  const claimed = await db.$executeRaw`
    INSERT INTO api_idempotency (client_id, key, request_hash, status, body, created_at)
    VALUES (${clientId}, ${key}, ${hash}, 0, 'null'::jsonb, ${now}) ON CONFLICT DO NOTHING`;
  if (claimed === 0) {
    const prior = await db.apiIdempotency.findUnique({ where: { clientId_key: { clientId, key } } });
    if (!prior) throw new ApiError(409, "A request with this Idempotency-Key is being processed; retry shortly.");
    if (prior.requestHash !== hash) throw new ApiError(422, "This Idempotency-Key was used for another request.");
    if (prior.status === 0) throw new ApiError(409, "A request with this Idempotency-Key is being processed; retry shortly.");
    return toResponse({ status: prior.status, body: prior.body, headers: { ...((prior.headers as Record<string, string> | null) ?? {}), "idempotent-replayed": "true" } });
  }
  let stored: StoredResponse;
  try {
    stored = await create();
  } catch (e) {
    await db.$executeRaw`DELETE FROM api_idempotency WHERE client_id = ${clientId} AND key = ${key}`;
    throw e;
  }
  await db.apiIdempotency.update({
    where: { clientId_key: { clientId, key } },
    data: { status: stored.status, body: (stored.body ?? null) as Prisma.InputJsonValue, headers: (stored.headers ?? {}) as Prisma.InputJsonValue },
  });
  return toResponse(stored);
}

export function toResponse(r: StoredResponse): Response {
  return Response.json(r.body, { status: r.status, headers: { "cache-control": "no-store", ...(r.headers ?? {}) } });
}
