import "server-only";
import { db } from "@/lib/db";
import { decryptPii } from "@/lib/pii/crypto";
import { logger } from "@/lib/shared/logger";
import { eventNameOf } from "@/lib/api/hub/event-types";
import { signedHubHeaders } from "@/lib/api/hub/signature";
import { afterHubFailure, HUB_MAX_ATTEMPTS } from "@/lib/api/hub/schedule";
import { callbackAddressProblem } from "@/lib/api/hub/callback";

// The delivery job (pg-boss queue "hub-delivery", lib/jobs/boss.ts: nudged after each change,
// polled every second, swept every minute). One pass:
//   retire the due deliveries of removed subscriptions (deleted, client disabled, owner inactive) → DEAD;
//   claim a batch of due PENDING deliveries (FOR UPDATE SKIP LOCKED and a lease on next_attempt_at,
//   so two workers never send the same one at once);
//   POST each event's TMF body to its callback, signed (lib/api/hub/signature.ts), 5 s timeout,
//   redirects not followed;
//   2xx → DELIVERED; anything else → attempts + 1 and the next try after the back-off
//   (lib/api/hub/schedule.ts), DEAD after the last attempt.
// At least once: a listener may see an event twice (a crash between its 2xx and our write); the
// X-Event-Id header and the body's eventId tell duplicates apart.

const BATCH = 50;
const PARALLEL_SENDS = 16;
/** A claimed delivery belongs to its worker this long; one that crashed mid-send is retried after it. */
const LEASE_SECONDS = 60;
/** One pass stops claiming after this long (the next poll goes on). */
const PASS_BUDGET_MS = 45_000;
export const HUB_TIMEOUT_MS = 5_000;
const ERROR_MAX = 300;

export interface DeliverOptions {
  /** The pass's clock (tests); otherwise the time of each claim. */
  now?: Date;
  batchSize?: number;
  maxAttempts?: number;
  timeoutMs?: number;
}

export interface DeliverResult {
  delivered: number;
  retried: number;
  dead: number;
  retired: number;
}

interface Claimed {
  id: bigint;
  attempts: number;
  event_id: bigint;
  type: string;
  payload: Record<string, unknown>;
  event_at: Date;
  callback: string;
  secret_enc: string;
}

interface Outcome {
  id: bigint;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  attempts: number;
}

/** The TMF event body a listener receives (TMF621/TMF629 v5 `…Event` schemas). */
export function hubEventBody(e: { eventId: bigint | string; type: string; eventTime: Date; payload: Record<string, unknown> }): Record<string, unknown> {
  const name = eventNameOf(e.type) ?? e.type;
  return {
    "@type": name,
    "@baseType": "Event",
    eventId: String(e.eventId),
    eventTime: e.eventTime.toISOString(),
    eventType: name,
    timeOccurred: e.eventTime.toISOString(),
    title: name,
    event: e.payload,
  };
}

/** Sends what is due. Idempotent and safe to run in several workers at once. */
export async function deliverDueHubEvents(opts: DeliverOptions = {}): Promise<DeliverResult> {
  const result: DeliverResult = { delivered: 0, retried: 0, dead: 0, retired: 0 };
  const started = Date.now();
  const batchSize = opts.batchSize ?? BATCH;
  result.retired = await retireRemoved(opts.now ?? new Date());
  for (;;) {
    const now = opts.now ?? new Date();
    const claimed = await claimBatch(now, batchSize);
    if (!claimed.length) break;
    const outcomes = await sendAll(claimed, opts.timeoutMs ?? HUB_TIMEOUT_MS);
    const tally = await finish(outcomes, opts.now ?? new Date(), opts.maxAttempts ?? HUB_MAX_ATTEMPTS);
    result.delivered += tally.delivered;
    result.retried += tally.retried;
    result.dead += tally.dead;
    if (claimed.length < batchSize || Date.now() - started > PASS_BUDGET_MS) break;
  }
  if (result.delivered || result.retried || result.dead || result.retired) logger.info("hub.delivered", { ...result });
  return result;
}

/** Due deliveries of a subscription that no longer receives (deleted, client disabled, owner inactive) are DEAD. */
async function retireRemoved(now: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE hub_delivery d SET status = 'DEAD', last_error = 'subscription removed'
    FROM hub_subscription s
    JOIN api_client k ON k.id = s.client_id
    JOIN app_user o ON o.id = k.owner_id
    WHERE d.subscription_id = s.id AND d.status = 'PENDING' AND d.next_attempt_at <= ${now}
      AND (s.deleted_at IS NOT NULL OR k.disabled_at IS NOT NULL OR NOT o.is_active)`;
}

async function claimBatch(now: Date, limit: number): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + LEASE_SECONDS * 1000);
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM hub_delivery d
      WHERE d.status = 'PENDING' AND d.next_attempt_at <= ${now}
      ORDER BY d.next_attempt_at, d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED)
    UPDATE hub_delivery d SET next_attempt_at = ${lease}
    FROM due, api_event e, hub_subscription s
    WHERE d.id = due.id AND e.id = d.event_id AND s.id = d.subscription_id AND s.deleted_at IS NULL
    RETURNING d.id, d.attempts, e.id AS event_id, e.type::text AS type, e.payload, e.created_at AS event_at, s.callback, s.secret_enc`;
}

async function sendAll(rows: Claimed[], timeoutMs: number): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      out.push(await sendOne(row, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, rows.length) }, worker));
  return out;
}

async function sendOne(row: Claimed, timeoutMs: number): Promise<Outcome> {
  const fail = (statusCode: number | null, error: string): Outcome => ({ id: row.id, ok: false, statusCode, error: error.slice(0, ERROR_MAX), attempts: row.attempts });
  const problem = await callbackAddressProblem(row.callback);
  if (problem) return fail(null, problem);
  let secret: string;
  try {
    secret = decryptPii(row.secret_enc);
  } catch {
    return fail(null, "the subscription's secret cannot be decrypted (PII key missing)");
  }
  const body = JSON.stringify(hubEventBody({ eventId: row.event_id, type: row.type, eventTime: row.event_at, payload: row.payload }));
  try {
    const res = await fetch(row.callback, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "crm-hub/1", ...signedHubHeaders(secret, String(row.event_id), body, new Date()) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The listener's answer is not read beyond its status (a few bytes at most are drained).
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { id: row.id, ok: true, statusCode: res.status, error: null, attempts: row.attempts };
    return fail(res.status, res.status >= 300 && res.status < 400 ? "redirect not followed" : `HTTP ${res.status}`);
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    if (name === "TimeoutError" || name === "AbortError") return fail(null, `no answer within ${timeoutMs} ms`);
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    return fail(null, `connection failed: ${cause}`);
  }
}

/** Records a batch's outcomes in one statement. */
async function finish(outcomes: Outcome[], now: Date, maxAttempts: number): Promise<{ delivered: number; retried: number; dead: number }> {
  const tally = { delivered: 0, retried: 0, dead: 0 };
  const ids: bigint[] = [];
  const statuses: string[] = [];
  const attempts: number[] = [];
  const nexts: Date[] = [];
  const codes: (number | null)[] = [];
  const errors: (string | null)[] = [];
  for (const o of outcomes) {
    ids.push(o.id);
    codes.push(o.statusCode);
    errors.push(o.error);
    if (o.ok) {
      tally.delivered++;
      statuses.push("DELIVERED");
      attempts.push(o.attempts + 1);
      nexts.push(now);
    } else {
      const f = afterHubFailure(o.attempts, now, maxAttempts);
      if (f.status === "DEAD") tally.dead++;
      else tally.retried++;
      statuses.push(f.status);
      attempts.push(f.attempts);
      nexts.push(f.nextAttemptAt);
    }
  }
  if (ids.length) {
    await db.$executeRaw`
      UPDATE hub_delivery d SET status = v.status::"HubDeliveryStatus", attempts = v.attempts, next_attempt_at = v.next_at,
             last_status_code = v.code, last_error = v.error,
             delivered_at = CASE WHEN v.status = 'DELIVERED' THEN ${now}::timestamptz ELSE d.delivered_at END
      FROM unnest(${ids.map(String)}::bigint[], ${statuses}::text[], ${attempts}::int[], ${nexts.map((d) => d.toISOString())}::timestamptz[], ${codes}::int[], ${errors}::text[])
           AS v(id, status, attempts, next_at, code, error)
      WHERE d.id = v.id AND d.status = 'PENDING'`;
  }
  return tally;
}
