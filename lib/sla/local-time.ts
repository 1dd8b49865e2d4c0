// Local wall-clock time in an IANA zone, with Intl only: 'HH:MM' and 'YYYY-MM-DD' parsing, day
// numbers (days since 1970-01-01), and wall time ↔ instant with offsets computed per instant, so
// DST zones work. Pure: the caches below only memoise fixed mappings. Used by lib/sla/calendar.ts.

export const MINUTES_PER_DAY = 1440;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** Minutes since local midnight, or null. 'HH:MM' with 00–23 hours, plus '24:00'. */
export function parseTime(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min === 0) return MINUTES_PER_DAY;
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** Days since 1970-01-01 for a real 'YYYY-MM-DD' date, or null. */
export function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  // Days from civil (proleptic Gregorian), without allocating Dates: this runs per holiday.
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, mo: number): number {
  if (mo === 2) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  }
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local wall time minus UTC at this instant, in ms. */
function offsetAt(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const hour = get("hour") % 24;
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    hour,
    get("minute"),
    get("second"),
  );
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant of a local wall time (ms since epoch read as if UTC). Like Temporal's
 * 'compatible': a time skipped by a DST gap moves forward, a repeated one takes the earlier.
 */
export function wallToInstant(timeZone: string, wallMs: number): number {
  const before = offsetAt(timeZone, wallMs - MS_PER_DAY);
  const after = offsetAt(timeZone, wallMs + MS_PER_DAY);
  if (before === after) {
    const guess = wallMs - before;
    const actual = offsetAt(timeZone, guess);
    return actual === before ? guess : wallMs - actual;
  }
  const early = wallMs - before;
  const late = wallMs - after;
  const earlyOk = offsetAt(timeZone, early) === before;
  const lateOk = offsetAt(timeZone, late) === after;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  return early; // in the gap: the pre-transition offset lands after it
}

export function localDayOf(timeZone: string, instantMs: number): number {
  const offset =
    steadyOffset(timeZone, Math.floor(instantMs / MS_PER_DAY)) ??
    offsetAt(timeZone, instantMs);
  return Math.floor((instantMs + offset) / MS_PER_DAY);
}

// Memo of steadyOffset: the mapping is fixed for a zone, so caching keeps calls pure. Bounded.
const steadyOffsets = new Map<string, number | null>();
const MAX_STEADY_OFFSETS = 100_000;

/**
 * The zone's offset at instants day−1 … day+2 (in 24 h units since the epoch) when it is the
 * same at both ends, so it holds for local day `day` and for UTC day `day`; null when a
 * transition is near and each wall time needs wallToInstant. Two Intl calls per day at most.
 */
export function steadyOffset(timeZone: string, day: number): number | null {
  const key = `${timeZone}|${day}`;
  const cached = steadyOffsets.get(key);
  if (cached !== undefined) return cached;
  const before = offsetAt(timeZone, (day - 1) * MS_PER_DAY);
  const after = offsetAt(timeZone, (day + 2) * MS_PER_DAY);
  const result = before === after ? before : null;
  if (steadyOffsets.size >= MAX_STEADY_OFFSETS) steadyOffsets.clear();
  steadyOffsets.set(key, result);
  return result;
}

/** 0 = Sunday … 6 = Saturday for a day number. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}
