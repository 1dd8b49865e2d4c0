// When a failed /hub delivery is tried again (pure; lib/api/hub/delivery-commands.ts passes `now`).

/** Seconds to wait after the 1st, 2nd, … failed attempt; the last value repeats. */
export const HUB_RETRY_DELAYS_S = [10, 30, 120, 600, 3600, 3 * 3600, 6 * 3600] as const;
/** Attempts before a delivery is DEAD (the 8th failure: about 10 hours after the event). */
export const HUB_MAX_ATTEMPTS = 8;

export function hubRetryDelaySeconds(attempts: number): number {
  return HUB_RETRY_DELAYS_S[Math.min(Math.max(attempts, 1), HUB_RETRY_DELAYS_S.length) - 1];
}

/** What the `attemptsBefore + 1`-th failed attempt leads to: another try later, or DEAD. */
export function afterHubFailure(
  attemptsBefore: number,
  now: Date,
  maxAttempts = HUB_MAX_ATTEMPTS,
): { status: "PENDING"; attempts: number; nextAttemptAt: Date } | { status: "DEAD"; attempts: number; nextAttemptAt: Date } {
  const attempts = attemptsBefore + 1;
  if (attempts >= maxAttempts) return { status: "DEAD", attempts, nextAttemptAt: now };
  return { status: "PENDING", attempts, nextAttemptAt: new Date(now.getTime() + hubRetryDelaySeconds(attempts) * 1000) };
}
