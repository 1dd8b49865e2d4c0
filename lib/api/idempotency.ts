import "server-only";
import { ASYNC_COMMIT, db } from "@/lib/db";
import { sha256Hex } from "@/lib/api/tokens";
import { ApiError } from "@/lib/api/errors";

// Idempotency-Key on create (decision 034): the first request with a key claims it; a retry with
// the same key and the same request gets the first response again (`Idempotent-Replayed: true`);
// the same key with another request is 422; a retry while the first is still running is 409.
// Keys are per client and kept 24 hours. A create that fails frees its key.
//
// The key's own writes (claim, stored answer, release) do not wait for the WAL flush
// (ASYNC_COMMIT): the create between them commits synchronously, which makes the claim before it
// durable too (the WAL is flushed in order). Only the stored answer can be lost, to a database
// crash in the moment after the create; its claim is then taken over after CLAIM_ABANDONED_MS and
// the retry meets the same complaint through the intake's own key (lib/api/tmf621/commands.ts).

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim still running after this long was abandoned (its answer never stored): a retry takes it over. */
const CLAIM_ABANDONED_MS = 60_000;

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
  const expired = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000);
  const abandoned = new Date(now.getTime() - CLAIM_ABANDONED_MS);
  // The key is claimed (status 0: running) in one statement, taking over an expired or abandoned claim.
  const claimed = await db.$executeRaw`
    INSERT INTO api_idempotency (client_id, key, request_hash, status, body, created_at)
    SELECT ${clientId}, ${key}, ${hash}, 0, 'null'::jsonb, ${now} FROM ${ASYNC_COMMIT}
    ON CONFLICT (client_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0, body = 'null'::jsonb, headers = NULL, created_at = EXCLUDED.created_at
    WHERE api_idempotency.created_at < ${expired} OR (api_idempotency.status = 0 AND api_idempotency.created_at < ${abandoned} AND api_idempotency.request_hash = EXCLUDED.request_hash)`;
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
    await db.$executeRaw`DELETE FROM api_idempotency USING ${ASYNC_COMMIT} WHERE client_id = ${clientId} AND key = ${key}`;
    throw e;
  }
  await db.$executeRaw`
    UPDATE api_idempotency SET status = ${stored.status}, body = ${JSON.stringify(stored.body ?? null)}::jsonb, headers = ${JSON.stringify(stored.headers ?? {})}::jsonb
    FROM ${ASYNC_COMMIT} WHERE client_id = ${clientId} AND key = ${key}`;
  return toResponse(stored);
}

export function toResponse(r: StoredResponse): Response {
  return Response.json(r.body, { status: r.status, headers: { "cache-control": "no-store", ...(r.headers ?? {}) } });
}
