// Pure timing rules of the outbox (issue 22): the retry back-off (quiet hours are in
// lib/marketing/quiet-hours.ts). No I/O: the dispatcher passes `now` and the admin's settings.

/**
 * Seconds to wait after the `attempts`-th failed attempt (1, 2, …): base × 2^(attempts−1), at
 * most a day.
 */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), 86_400);
}

/** What a failed attempt leads to: another try at `nextAttemptAt`, or FAILED for good. */
export function afterFailure(
  attemptsBefore: number,
  policy: { maxAttempts: number; retryBaseSeconds: number },
  now: Date,
): { status: "QUEUED"; attempts: number; nextAttemptAt: Date } | { status: "FAILED"; attempts: number } {
  const attempts = attemptsBefore + 1;
  if (attempts >= policy.maxAttempts) return { status: "FAILED", attempts };
  return { status: "QUEUED", attempts, nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts, policy.retryBaseSeconds) * 1000) };
}
