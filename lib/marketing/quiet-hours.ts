// Quiet hours (issue 22): no message goes out and no call is offered between start and end,
// Asia/Shanghai, as the admin set them (lib/marketing/schemas.ts). Pure: the outbox dispatcher and
// the call list's claim both ask these.

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

/** Is `now` inside the quiet hours? */
export function isQuietTime(now: Date, quiet: { start: string; end: string }): boolean {
  return quietHoursEnd(now, quiet) !== null;
}
