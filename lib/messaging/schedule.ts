// Pure timing rules of the outbox (issue 22): quiet hours in the operator's time zone and the
// retry back-off. No I/O: the dispatcher passes `now` and the admin's settings.

/** Asia/Shanghai has no daylight saving: a fixed UTC+8 offset. */
const SHANGHAI_OFFSET_MIN = 8 * 60;
const DAY_MIN = 24 * 60;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/** Minutes since midnight in Asia/Shanghai at `now`. */
function shanghaiMinuteOfDay(now: Date): number {
  const utcMin = Math.floor(now.getTime() / 60_000);
  return (((utcMin + SHANGHAI_OFFSET_MIN) % DAY_MIN) + DAY_MIN) % DAY_MIN;
}

/**
 * When quiet hours ({start, end} "HH:MM", Asia/Shanghai, start inclusive, end exclusive) are on at
 * `now`, the instant they end; otherwise null. A window may wrap midnight (21:00–08:00); start =
 * end means no quiet hours.
 */
export function quietHoursEnd(now: Date, quiet: { start: string; end: string }): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const t = shanghaiMinuteOfDay(now);
  const inside = start < end ? t >= start && t < end : t >= start || t < end;
  if (!inside) return null;
  const untilEnd = (end - t + DAY_MIN) % DAY_MIN; // minutes from this minute to the end
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(minuteStart + untilEnd * 60_000);
}

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
