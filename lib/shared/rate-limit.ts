import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { RateLimitError } from "@/lib/shared/errors";

// The one rate limiter. Each named limit says where it counts:
// - a token bucket kept in PostgreSQL (table rate_limit_bucket), so every app node behind a load
//   balancer shares it: one atomic UPSERT per request, refilled continuously;
// - a fixed window counted in this process only (`perProcess`), for a cheap first check that needs
//   no database round trip; it stops a script hammering one node, not a distributed one.

/** A PostgreSQL token bucket shared by every app node. */
export interface BucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

/** A fixed window in this process only: at most `capacity` requests per `windowMs`. */
export interface ProcessWindowPolicy {
  perProcess: true;
  capacity: number;
  windowMs: number;
}

export type RateLimitPolicy = BucketPolicy | ProcessWindowPolicy;

export const RATE_LIMITS = {
  /**
   * Login attempts per client IP (any outcome): a burst of 200, then 1 per second. A call centre's
   * agents share one egress address and sign in together at shift change; password guessing is
   * stopped by the per-account lockout and the per-IP back-off on failures (lib/auth/login.ts).
   */
  login: { capacity: 200, refillPerSecond: 1 },
  /**
   * Login attempts whose client address is unknown (lib/shared/client-ip.ts), all together: a burst
   * of 30, then 1 every 2 seconds. The server always knows its socket's peer, so this only catches
   * a misconfigured proxy chain or a caller that passes no address, which must not mean no limit.
   */
  loginWithoutIp: { capacity: 30, refillPerSecond: 0.5 },
  /** Subscriber searches per user: a burst of 60, then 2 per second. */
  search: { capacity: 60, refillPerSecond: 2 },
  /**
   * Searches by full national ID number per user (lib/customers/queries.ts), on top of `search`:
   * 10, then 10 per hour. An exact match confirms a guess, so a loose limit is an oracle that
   * rebuilds a number from the few digits it lacks.
   */
  idNumberSearch: { capacity: 10, refillPerSecond: 10 / 3600 },
  /**
   * Segment previews per user (the builder's live count, lib/segments/queries.ts): each one counts
   * over the whole customer base. The builder debounces, so a person editing rules stays far below
   * a burst of 30, then 1 every 2 seconds; a script looping on the action does not.
   */
  segmentPreview: { capacity: 30, refillPerSecond: 0.5 },
  /** Imports per user (app/api/imports/route.ts): a burst of 20 uploads, then 20 per hour. */
  import: { capacity: 20, refillPerSecond: 20 / 3600 },
  /** Public survey answers per client IP (app/s/[token]/actions.ts), on every node together: 30, then 30 per 10 minutes. */
  survey: { capacity: 30, refillPerSecond: 30 / 600 },
  /** First-administrator set-up attempts (lib/users/setup-commands.ts), all clients together: 20, then 2 per minute. */
  setup: { capacity: 20, refillPerSecond: 2 / 60 },
  /**
   * Public survey answers per client address in this process (lib/surveys/commands.ts), before any
   * database work: 30 per 10-minute window. Tokens are 244-bit random, so this only stops hammering.
   */
  surveyPerProcess: { perProcess: true, capacity: 30, windowMs: 10 * 60_000 },
  /**
   * Public opt-out confirmations per client address in this process (app/o/[token]/actions.ts),
   * before any database work: 30 per 10-minute window. The links are HMAC-signed, so this only stops hammering.
   */
  optOutPerProcess: { perProcess: true, capacity: 30, windowMs: 10 * 60_000 },
  /**
   * Open API calls per client (lib/api/authenticate.ts): the client's own `rateLimitPerMinute` is
   * passed as the policy; this is the default a new client gets (600 a minute, 10 a second refill).
   */
  api: { capacity: 600, refillPerSecond: 10 },
  /** Token requests at /oauth/token per client address, on every node together: 60, then 1 a second. */
  oauthToken: { capacity: 60, refillPerSecond: 1 },
  /** Own password changes per user (lib/users/commands.ts): 10, then 10 per hour, so a borrowed session cannot guess the current password. */
  passwordChange: { capacity: 10, refillPerSecond: 10 / 3600 },
} satisfies Record<string, RateLimitPolicy>;
export type RateLimitName = keyof typeof RATE_LIMITS;

/** Pure: tokens after refilling from `last` to `now` (never above capacity). */
export function refill(policy: BucketPolicy, tokens: number, last: Date, now: Date): number {
  const elapsed = Math.max(0, (now.getTime() - last.getTime()) / 1000);
  return Math.min(policy.capacity, tokens + elapsed * policy.refillPerSecond);
}

/** Takes one token; false when the limit is reached (nothing is changed then, for a bucket). */
export async function takeToken(name: RateLimitName, key: string, now = new Date(), policy: RateLimitPolicy = RATE_LIMITS[name]): Promise<boolean> {
  if ("perProcess" in policy) return takeFromWindow(`${name}:${key}`, policy, now);
  const id = `${name}:${key}`.slice(0, 300);
  const rows = await db.$queryRaw<Array<{ tokens: number }>>(
    takeTokenSql(Prisma.sql`${id}::text`, { capacity: Prisma.sql`${policy.capacity}`, refillPerSecond: Prisma.sql`${policy.refillPerSecond}` }, now),
  );
  return rows.length > 0;
}

/**
 * The bucket's one statement: take a token from bucket `id` (created full on first use), refilled
 * by the time since its last take; a row comes back only when a token was there. Expressions, so a
 * caller can fold it into a statement of its own as a CTE (lib/api/authenticate.ts: the client's
 * token lookup and its bucket in one round trip), `onlyIf` guarding the take.
 */
export function takeTokenSql(
  id: Prisma.Sql,
  policy: { capacity: Prisma.Sql; refillPerSecond: Prisma.Sql },
  now: Date,
  onlyIf: Prisma.Sql = Prisma.sql`TRUE`,
): Prisma.Sql {
  const refilled = Prisma.sql`LEAST((${policy.capacity})::float8, rate_limit_bucket.tokens + GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamptz - rate_limit_bucket.updated_at)))::float8 * (${policy.refillPerSecond})::float8)`;
  return Prisma.sql`
    INSERT INTO rate_limit_bucket (key, tokens, updated_at) SELECT ${id}, (${policy.capacity})::float8 - 1, ${now}::timestamptz WHERE ${onlyIf}
    ON CONFLICT (key) DO UPDATE SET
      tokens = ${refilled} - 1,
      updated_at = GREATEST(${now}::timestamptz, rate_limit_bucket.updated_at)
    WHERE ${refilled} >= 1
    RETURNING tokens`;
}

/** Throws RateLimitError (translated "too many requests") when the limit is reached. */
export async function assertRateLimit(name: RateLimitName, key: string | number, now = new Date()): Promise<void> {
  if (!(await takeToken(name, String(key), now))) throw new RateLimitError();
}

// Per-process windows: every key's window start and count. Cleared when it grows past 10 000 keys.
const windows = new Map<string, { start: number; n: number }>();

function takeFromWindow(id: string, policy: ProcessWindowPolicy, now: Date): boolean {
  const t = now.getTime();
  const w = windows.get(id);
  if (!w || t - w.start >= policy.windowMs) {
    if (windows.size > 10_000) windows.clear();
    windows.set(id, { start: t, n: 1 });
    return true;
  }
  w.n += 1;
  return w.n <= policy.capacity;
}
