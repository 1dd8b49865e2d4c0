import "server-only";
import { db } from "@/lib/db";
import { RateLimitError } from "@/lib/shared/errors";

// Token buckets kept in PostgreSQL (table rate_limit_bucket), so every app node behind a load
// balancer shares them. One atomic UPSERT per request; a bucket refills continuously.
export interface BucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

export const RATE_LIMITS = {
  /**
   * Login attempts per client IP (any outcome): a burst of 200, then 1 per second. A call centre's
   * agents share one egress address and sign in together at shift change; password guessing is
   * stopped by the per-account lockout and the per-IP back-off on failures (lib/auth/login.ts).
   */
  login: { capacity: 200, refillPerSecond: 1 },
  /** Subscriber searches per user: a burst of 60, then 2 per second. */
  search: { capacity: 60, refillPerSecond: 2 },
  /** Imports per user (app/api/imports/route.ts): a burst of 20 uploads, then 20 per hour. */
  import: { capacity: 20, refillPerSecond: 20 / 3600 },
  /** Public survey answers per client IP (app/s/[token]/actions.ts), on every node together: 30, then 30 per 10 minutes. */
  survey: { capacity: 30, refillPerSecond: 30 / 600 },
} satisfies Record<string, BucketPolicy>;
export type RateLimitName = keyof typeof RATE_LIMITS;

/** Pure: tokens after refilling from `last` to `now` (never above capacity). */
export function refill(policy: BucketPolicy, tokens: number, last: Date, now: Date): number {
  const elapsed = Math.max(0, (now.getTime() - last.getTime()) / 1000);
  return Math.min(policy.capacity, tokens + elapsed * policy.refillPerSecond);
}

/** Takes one token; false when the bucket is empty (nothing is changed then). */
export async function takeToken(name: RateLimitName, key: string, now = new Date(), policy: BucketPolicy = RATE_LIMITS[name]): Promise<boolean> {
  const id = `${name}:${key}`.slice(0, 300);
  const rows = await db.$queryRaw<Array<{ tokens: number }>>`
    INSERT INTO rate_limit_bucket (key, tokens, updated_at) VALUES (${id}, ${policy.capacity - 1}, ${now})
    ON CONFLICT (key) DO UPDATE SET
      tokens = LEAST(${policy.capacity}::float8, rate_limit_bucket.tokens + GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamptz - rate_limit_bucket.updated_at)))::float8 * ${policy.refillPerSecond}::float8) - 1,
      updated_at = GREATEST(${now}::timestamptz, rate_limit_bucket.updated_at)
    WHERE LEAST(${policy.capacity}::float8, rate_limit_bucket.tokens + GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamptz - rate_limit_bucket.updated_at)))::float8 * ${policy.refillPerSecond}::float8) >= 1
    RETURNING tokens`;
  return rows.length > 0;
}

/** Throws RateLimitError (translated "too many requests") when the bucket is empty. */
export async function assertRateLimit(name: RateLimitName, key: string | number, now = new Date()): Promise<void> {
  if (!(await takeToken(name, String(key), now))) throw new RateLimitError();
}
