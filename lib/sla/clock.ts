// SLA business-time math: working calendars (intervals, holidays, make-up days, 24/7), and the
// SLA clock (elapsed / remaining / due / warn / breach with pauses and reopen).
// Pure and deterministic: no I/O, no env, `now` is always a parameter. Time zones via Intl only.
// Durations are exact (fractional minutes when inputs carry seconds); callers round for display.

// ---------------------------------------------------------------------------------------------
// Calendar model
// ---------------------------------------------------------------------------------------------

/** 0 = Sunday … 6 = Saturday (the `Date#getDay` convention). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Local wall-clock times 'HH:MM'; `end` may be '24:00'. Half-open: [start, end). */
export type TimeInterval = { readonly start: string; readonly end: string };

/** A worked day (调休). Without `intervals` it uses the Monday intervals of `weekly`. */
export type MakeupWorkday = {
  readonly date: string;
  readonly intervals?: readonly TimeInterval[];
};

export type BusinessCalendar = {
  /** IANA zone the intervals and dates are local to. */
  readonly timeZone: string;
  /** Every instant is business time; weekly, holidays and make-up days are then ignored. */
  readonly is24x7: boolean;
  readonly weekly: Readonly<Record<Weekday, readonly TimeInterval[]>>;
  /** 'YYYY-MM-DD' local dates with no work, even on a weekday. */
  readonly holidays: readonly string[];
  /** 'YYYY-MM-DD' (Monday's intervals) or a day with its own intervals. */
  readonly makeupWorkdays: readonly (string | MakeupWorkday)[];
};

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/** The weekday whose intervals a make-up day without its own intervals uses. */
export const MAKEUP_DEFAULT_WEEKDAY: Weekday = 1;

export type BusinessCalendarInput = {
  timeZone?: string;
  is24x7?: boolean;
  weekly?: Partial<Record<Weekday, readonly TimeInterval[]>>;
  holidays?: readonly string[];
  makeupWorkdays?: readonly (string | MakeupWorkday)[];
};

/** Fills the defaults: Asia/Shanghai, not 24/7, missing weekdays closed, no holidays. */
export function defineBusinessCalendar(
  input: BusinessCalendarInput = {},
): BusinessCalendar {
  const w = input.weekly ?? {};
  return {
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    is24x7: input.is24x7 ?? false,
    weekly: {
      0: w[0] ?? [],
      1: w[1] ?? [],
      2: w[2] ?? [],
      3: w[3] ?? [],
      4: w[4] ?? [],
      5: w[5] ?? [],
      6: w[6] ?? [],
    },
    holidays: input.holidays ?? [],
    makeupWorkdays: input.makeupWorkdays ?? [],
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const OFFICE_DAY: readonly TimeInterval[] = [
  { start: "09:00", end: "12:00" },
  { start: "13:30", end: "18:00" },
];

/**
 * Seeded default: Mon–Fri 09:00–12:00 and 13:30–18:00 in Asia/Shanghai, with the 2026 Chinese
 * public holidays and make-up working days (国办发明电〔2025〕7号). A sample to seed the admin
 * calendar with; later years must be added by an admin.
 */
export const DEFAULT_CALENDAR_WORKDAY: BusinessCalendar = deepFreeze(
  defineBusinessCalendar({
    timeZone: DEFAULT_TIME_ZONE,
    weekly: {
      1: OFFICE_DAY,
      2: OFFICE_DAY,
      3: OFFICE_DAY,
      4: OFFICE_DAY,
      5: OFFICE_DAY,
    },
    // prettier-ignore
    holidays: [
      // 元旦
      "2026-01-01", "2026-01-02", "2026-01-03",
      // 春节
      "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
      "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
      // 清明节
      "2026-04-04", "2026-04-05", "2026-04-06",
      // 劳动节
      "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
      // 端午节
      "2026-06-19", "2026-06-20", "2026-06-21",
      // 中秋节
      "2026-09-25", "2026-09-26", "2026-09-27",
      // 国庆节
      "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05",
      "2026-10-06", "2026-10-07",
    ],
    // prettier-ignore
    makeupWorkdays: [
      "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ],
  }),
);

const WHOLE_DAY: readonly TimeInterval[] = [{ start: "00:00", end: "24:00" }];

/** Round the clock, every day (weekly is filled in only to be self-describing). */
export const CALENDAR_24X7: BusinessCalendar = deepFreeze(
  defineBusinessCalendar({
    timeZone: DEFAULT_TIME_ZONE,
    is24x7: true,
    weekly: {
      0: WHOLE_DAY,
      1: WHOLE_DAY,
      2: WHOLE_DAY,
      3: WHOLE_DAY,
      4: WHOLE_DAY,
      5: WHOLE_DAY,
      6: WHOLE_DAY,
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export type CalendarProblemCode =
  | "BAD_TIME_ZONE"
  | "BAD_TIME_FORMAT"
  | "END_NOT_AFTER_START"
  | "OVERLAP"
  | "BAD_DATE"
  | "DUPLICATE_DATE"
  | "HOLIDAY_MAKEUP_CONFLICT"
  | "MAKEUP_WITHOUT_INTERVALS"
  | "NO_WORKING_TIME";

/** `code` is for the UI to translate; `path` points into the calendar; `message` is for logs. */
export type CalendarProblem = {
  code: CalendarProblemCode;
  path: string;
  message: string;
};

const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** Minutes since local midnight, or null. 'HH:MM' with 00–23 hours, plus '24:00'. */
function parseTime(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min === 0) return MINUTES_PER_DAY;
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** Days since 1970-01-01 for a real 'YYYY-MM-DD' date, or null. */
function parseDate(text: string): number | null {
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

function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

type Span = readonly [number, number];

function checkIntervals(
  intervals: readonly TimeInterval[],
  path: string,
  problems: CalendarProblem[],
): Span[] {
  const spans: Span[] = [];
  intervals.forEach((iv, i) => {
    const at = `${path}[${i}]`;
    const start = parseTime(iv.start);
    const end = parseTime(iv.end);
    if (start === null || start === MINUTES_PER_DAY) {
      problems.push({
        code: "BAD_TIME_FORMAT",
        path: `${at}.start`,
        message: `bad start time "${iv.start}" (HH:MM)`,
      });
    }
    if (end === null) {
      problems.push({
        code: "BAD_TIME_FORMAT",
        path: `${at}.end`,
        message: `bad end time "${iv.end}" (HH:MM or 24:00)`,
      });
    }
    if (start === null || start === MINUTES_PER_DAY || end === null) return;
    if (end <= start) {
      problems.push({
        code: "END_NOT_AFTER_START",
        path: at,
        message: `${iv.start}-${iv.end} ends before it starts`,
      });
      return;
    }
    spans.push([start, end]);
  });
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i][0] < sorted[i - 1][1]) {
      problems.push({
        code: "OVERLAP",
        path,
        message: `intervals overlap in ${path}`,
      });
      break;
    }
  }
  return sorted;
}

/** Every problem with a calendar; empty when it is usable. Pure. */
export function validateCalendar(cal: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isValidTimeZone(cal.timeZone)) {
    problems.push({
      code: "BAD_TIME_ZONE",
      path: "timeZone",
      message: `unknown time zone "${cal.timeZone}"`,
    });
  }
  let hasWeekly = false;
  for (const wd of WEEKDAYS) {
    const spans = checkIntervals(cal.weekly[wd], `weekly.${wd}`, problems);
    if (spans.length > 0) hasWeekly = true;
  }
  const holidayDays = new Set<number>();
  cal.holidays.forEach((date, i) => {
    const day = parseDate(date);
    if (day === null) {
      problems.push({
        code: "BAD_DATE",
        path: `holidays[${i}]`,
        message: `bad date "${date}" (YYYY-MM-DD)`,
      });
    } else {
      holidayDays.add(day);
    }
  });
  const makeupDays = new Set<number>();
  const mondayEmpty = cal.weekly[MAKEUP_DEFAULT_WEEKDAY].length === 0;
  cal.makeupWorkdays.forEach((entry, i) => {
    const path = `makeupWorkdays[${i}]`;
    const date = typeof entry === "string" ? entry : entry.date;
    const day = parseDate(date);
    if (day === null) {
      problems.push({
        code: "BAD_DATE",
        path,
        message: `bad date "${date}" (YYYY-MM-DD)`,
      });
    } else if (makeupDays.has(day)) {
      problems.push({
        code: "DUPLICATE_DATE",
        path,
        message: `make-up day ${date} listed twice`,
      });
    } else {
      makeupDays.add(day);
      if (holidayDays.has(day)) {
        problems.push({
          code: "HOLIDAY_MAKEUP_CONFLICT",
          path,
          message: `${date} is both a holiday and a make-up day`,
        });
      }
    }
    const own = typeof entry === "string" ? undefined : entry.intervals;
    if (own !== undefined) {
      checkIntervals(own, `${path}.intervals`, problems);
    } else if (mondayEmpty) {
      problems.push({
        code: "MAKEUP_WITHOUT_INTERVALS",
        path,
        message: `make-up day ${date} has no intervals and Monday has none to borrow`,
      });
    }
  });
  if (!cal.is24x7 && !hasWeekly && cal.makeupWorkdays.length === 0) {
    problems.push({
      code: "NO_WORKING_TIME",
      path: "weekly",
      message:
        "no working time at all: every weekday is empty and there are no make-up days",
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Time zones (Intl only): offsets computed per instant, so DST zones work
// ---------------------------------------------------------------------------------------------

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
function wallToInstant(timeZone: string, wallMs: number): number {
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

function localDayOf(timeZone: string, instantMs: number): number {
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
function steadyOffset(timeZone: string, day: number): number | null {
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

function weekdayOf(day: number): Weekday {
  return ((((day + 4) % 7) + 7) % 7) as Weekday; // 1970-01-01 was a Thursday
}

// ---------------------------------------------------------------------------------------------
// Working segments
// ---------------------------------------------------------------------------------------------

type CompiledCalendar = {
  timeZone: string;
  is24x7: boolean;
  weekly: readonly (readonly Span[])[];
  holidays: ReadonlySet<number>;
  makeups: ReadonlyMap<number, readonly Span[]>;
  hasWeekly: boolean;
  lastMakeupDay: number;
};

// A year of holidays in a row means the calendar is unusable, not that work is far away.
const MAX_IDLE_DAYS = 732;

// Compiled calendars keyed by their content (not identity), so a mutated object is recompiled.
const compiled = new Map<string, CompiledCalendar>();
const MAX_COMPILED = 1_000;

function compile(cal: BusinessCalendar): CompiledCalendar {
  const key = JSON.stringify(cal);
  const hit = compiled.get(key);
  if (hit) return hit;
  const result = compileUncached(cal);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, result);
  return result;
}

function compileUncached(cal: BusinessCalendar): CompiledCalendar {
  const problems = validateCalendar(cal);
  if (problems.length > 0) {
    throw new Error(
      `Invalid business calendar: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    );
  }
  const toSpans = (ivs: readonly TimeInterval[]): Span[] =>
    ivs
      .map((iv): Span => [parseTime(iv.start) ?? 0, parseTime(iv.end) ?? 0])
      .sort((a, b) => a[0] - b[0]);
  const weekly = WEEKDAYS.map((wd) => toSpans(cal.weekly[wd]));
  const makeups = new Map<number, readonly Span[]>();
  for (const entry of cal.makeupWorkdays) {
    const date = typeof entry === "string" ? entry : entry.date;
    const own = typeof entry === "string" ? undefined : entry.intervals;
    makeups.set(
      parseDate(date) ?? 0,
      own ? toSpans(own) : weekly[MAKEUP_DEFAULT_WEEKDAY],
    );
  }
  return {
    timeZone: cal.timeZone,
    is24x7: cal.is24x7,
    weekly,
    holidays: new Set(cal.holidays.map((d) => parseDate(d) ?? 0)),
    makeups,
    hasWeekly: weekly.some((s) => s.length > 0),
    lastMakeupDay: Math.max(-Infinity, ...makeups.keys()),
  };
}

function spansOn(cc: CompiledCalendar, day: number): readonly Span[] {
  if (cc.holidays.has(day)) return [];
  return cc.makeups.get(day) ?? cc.weekly[weekdayOf(day)];
}

function noWorkingTimeError(fromMs: number): Error {
  return new Error(
    `Business calendar has no working time after ${new Date(fromMs).toISOString()}: check its intervals, holidays and make-up days`,
  );
}

/**
 * Working periods [start, end) as instants, in order, clipped to start at `fromMs`. Walks day
 * by day (never minute by minute). Unbounded walks throw once no working time can follow.
 */
function* workingSegments(
  cc: CompiledCalendar,
  fromMs: number,
  untilMs?: number,
): Generator<Span> {
  const lastDay =
    untilMs === undefined ? Infinity : localDayOf(cc.timeZone, untilMs);
  let idle = 0;
  for (let day = localDayOf(cc.timeZone, fromMs); day <= lastDay; day++) {
    let worked = false;
    const spans = spansOn(cc, day);
    const offset = spans.length > 0 ? steadyOffset(cc.timeZone, day) : null;
    const toInstant = (minute: number): number => {
      const wall = day * MS_PER_DAY + minute * MS_PER_MINUTE;
      return offset === null ? wallToInstant(cc.timeZone, wall) : wall - offset;
    };
    for (const [s, e] of spans) {
      const start = toInstant(s);
      const end = toInstant(e);
      if (end <= start || end <= fromMs) continue;
      worked = true;
      yield [Math.max(start, fromMs), end];
    }
    if (untilMs !== undefined) continue;
    idle = worked ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS || (!cc.hasWeekly && day >= cc.lastMakeupDay)) {
      throw noWorkingTimeError(fromMs);
    }
  }
}

function addMs(cc: CompiledCalendar, startMs: number, ms: number): number {
  if (ms <= 0) return startMs;
  if (cc.is24x7) return startMs + ms;
  let left = ms;
  for (const [a, b] of workingSegments(cc, startMs)) {
    if (b - a >= left) return a + left;
    left -= b - a;
  }
  throw noWorkingTimeError(startMs); // unreachable: the walk throws first
}

function betweenMs(cc: CompiledCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  if (cc.is24x7) return toMs - fromMs;
  let sum = 0;
  for (const [a, b] of workingSegments(cc, fromMs, toMs)) {
    if (a >= toMs) break;
    sum += Math.min(b, toMs) - a;
  }
  return sum;
}

function msOf(date: Date, name: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

function minutesToMs(minutes: number, name: string): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${minutes}`);
  }
  return Math.round(minutes * MS_PER_MINUTE);
}

// ---------------------------------------------------------------------------------------------
// Business-time API
// ---------------------------------------------------------------------------------------------

/**
 * The earliest instant at which `minutes` of business time have elapsed since `start`. Outside
 * working time the count starts at the next working moment; 0 minutes returns `start` itself,
 * and a total that ends exactly at a closing time returns that closing time.
 */
export function addBusinessMinutes(
  calendar: BusinessCalendar,
  start: Date,
  minutes: number,
): Date {
  const cc = compile(calendar);
  return new Date(
    addMs(cc, msOf(start, "start"), minutesToMs(minutes, "minutes")),
  );
}

/** Business minutes in [from, to); 0 when `to` ≤ `from`. */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  from: Date,
  to: Date,
): number {
  const cc = compile(calendar);
  return betweenMs(cc, msOf(from, "from"), msOf(to, "to")) / MS_PER_MINUTE;
}

/** `at` itself when it is working time, else the start of the next working period. */
export function nextWorkingMoment(calendar: BusinessCalendar, at: Date): Date {
  const cc = compile(calendar);
  const atMs = msOf(at, "at");
  if (cc.is24x7) return new Date(atMs);
  for (const [a] of workingSegments(cc, atMs)) return new Date(a);
  throw noWorkingTimeError(atMs); // unreachable: the walk throws first
}

// ---------------------------------------------------------------------------------------------
// SLA clock
// ---------------------------------------------------------------------------------------------

export const SLA_STATUSES = [
  "ON_TRACK",
  "AT_RISK",
  "BREACHED",
  "PAUSED",
  "MET",
  "MET_LATE",
] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

/** A period the clock does not count (complaint PENDING/HELD, or resolved-then-reopened). */
export type ClockPause = { readonly from: Date; readonly to: Date | null };

export type ClockInput = {
  calendar: BusinessCalendar;
  /** Business minutes allowed: always the current target (see computeClock). */
  targetMinutes: number;
  startedAt: Date;
  /** Any order, may overlap; `to: null` = still paused. */
  pauses?: readonly ClockPause[];
  /** When the clock stopped for good (the goal was reached); null/undefined = not stopped. */
  stoppedAt?: Date | null;
  now: Date;
  /** Share of the target at which the clock turns AT_RISK; default 0.8. */
  warnAtRatio?: number;
};

export type SlaClock = {
  /** Precedence: MET / MET_LATE (stopped) > BREACHED > PAUSED > AT_RISK > ON_TRACK. */
  status: SlaStatus;
  targetMinutes: number;
  /** Business minutes counted so far, pauses excluded. */
  elapsedMinutes: number;
  /** targetMinutes − elapsedMinutes; negative when overdue. */
  remainingMinutes: number;
  /** When the target is (or was) reached; projected from `now` while running or paused. */
  dueAt: Date;
  /** When the warning share is (or was) reached; projected like dueAt. */
  warnAt: Date;
  /** dueAt once the clock ran past it, else null. */
  breachedAt: Date | null;
  /** BREACHED or MET_LATE. */
  isBreached: boolean;
  isPaused: boolean;
  isStopped: boolean;
};

/**
 * The state of one SLA clock as of `now`.
 *
 * - Everything after `now` is ignored (a stop or pause later than `now` has not happened yet),
 *   so replaying history with an earlier `now` gives the state at that time.
 * - Pauses are clipped to [startedAt, now/stoppedAt] and merged; their business time is not
 *   counted. An open pause (`to: null`) runs until `now`.
 * - Breach is strict: reaching the target exactly at `dueAt` is not a breach; any unpaused instant
 *   after it is, even in non-working time (a 12:00 deadline is breached at 12:30 over lunch). A
 *   clock paused exactly at `dueAt` is not breached until it resumes. A clock stopped at or
 *   before `dueAt` is MET, after it MET_LATE.
 * - While paused, dueAt/warnAt are projected as if the clock resumed at `now` (so they move
 *   forward while the pause lasts); for a stopped clock that never reached the target they are
 *   projected from the stop.
 * - Target changes (regrading, a new tier): elapsed time never depends on the target, so calling
 *   again with the new target is the recomputation; a breach recorded under the old target is
 *   the caller's history to keep, this reports the current target only.
 * - Reopen: see computeClockSpans; closure-to-reopen is a pause, so the clock resumes from the
 *   time elapsed before closure.
 */
export function computeClock(input: ClockInput): SlaClock {
  const cc = compile(input.calendar);
  const targetMs = minutesToMs(input.targetMinutes, "targetMinutes");
  const ratio = input.warnAtRatio ?? 0.8;
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new RangeError(`warnAtRatio must be within [0, 1], got ${ratio}`);
  }
  const warnMs = Math.round(targetMs * ratio);
  const startMs = msOf(input.startedAt, "startedAt");
  const nowMs = msOf(input.now, "now");
  const stopMs = input.stoppedAt ? msOf(input.stoppedAt, "stoppedAt") : null;
  const isStopped = stopMs !== null && stopMs <= nowMs;
  const endMs = Math.max(startMs, isStopped ? stopMs : nowMs);

  const pauses = (input.pauses ?? []).map((p, i): Span => {
    const from = msOf(p.from, `pauses[${i}].from`);
    const to = p.to === null ? Infinity : msOf(p.to, `pauses[${i}].to`);
    if (to < from) throw new RangeError(`pauses[${i}] ends before it starts`);
    return [from, to];
  });
  const isPaused =
    !isStopped &&
    nowMs >= startMs &&
    pauses.some(([from, to]) => from <= nowMs && nowMs < to);

  // Active (counted) periods: [startMs, endMs] minus the merged pauses.
  const merged = pauses
    .map(([from, to]): Span => [Math.max(from, startMs), Math.min(to, endMs)])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const active: Span[] = [];
  let cursor = startMs;
  for (const [from, to] of merged) {
    if (from > cursor) active.push([cursor, from]);
    cursor = Math.max(cursor, to);
  }
  if (endMs > cursor) active.push([cursor, endMs]);

  const counted = active.map(([a, b]) => betweenMs(cc, a, b));
  const elapsedMs = counted.reduce((sum, ms) => sum + ms, 0);

  // The earliest instant the count reaches `goal`: inside the past, or projected from the end.
  const instantAt = (goal: number): number => {
    let acc = 0;
    for (let i = 0; i < active.length; i++) {
      if (acc + counted[i] >= goal) return addMs(cc, active[i][0], goal - acc);
      acc += counted[i];
    }
    return addMs(cc, endMs, goal - elapsedMs);
  };
  const dueMs = instantAt(targetMs);
  const warnAtMs = instantAt(warnMs);
  // Past the deadline without being paused there (non-working time after it still counts).
  const isBreached = active.some(([, b]) => b > dueMs);
  const isAtRisk = elapsedMs >= warnMs;

  let status: SlaStatus;
  if (isStopped) status = isBreached ? "MET_LATE" : "MET";
  else if (isBreached) status = "BREACHED";
  else if (isPaused) status = "PAUSED";
  else if (isAtRisk) status = "AT_RISK";
  else status = "ON_TRACK";

  return {
    status,
    targetMinutes: input.targetMinutes,
    elapsedMinutes: elapsedMs / MS_PER_MINUTE,
    remainingMinutes: (targetMs - elapsedMs) / MS_PER_MINUTE,
    dueAt: new Date(dueMs),
    warnAt: new Date(warnAtMs),
    breachedAt: isBreached ? new Date(dueMs) : null,
    isBreached,
    isPaused,
    isStopped,
  };
}

/** What a clock does from `at` until the next entry. */
export type ClockPhase = "RUNNING" | "PAUSED" | "STOPPED";

/**
 * Turns a clock's phase timeline into computeClock's `pauses` and `stoppedAt`. The caller maps
 * complaint statuses to phases per clock kind (for resolution: PENDING/HELD → PAUSED,
 * RESOLVED/CLOSED → STOPPED, others RUNNING). A STOPPED phase followed by anything (a reopen)
 * becomes a pause, so the clock continues from the time elapsed before closure; only a final
 * STOPPED stops the clock.
 */
export function computeClockSpans(
  timeline: readonly { readonly at: Date; readonly phase: ClockPhase }[],
): { pauses: ClockPause[]; stoppedAt: Date | null } {
  const pauses: ClockPause[] = [];
  let haltedSince: Date | null = null;
  let prevMs = -Infinity;
  for (const [i, entry] of timeline.entries()) {
    const ms = msOf(entry.at, `timeline[${i}].at`);
    if (ms < prevMs) {
      throw new RangeError("timeline must be in chronological order");
    }
    prevMs = ms;
    if (entry.phase === "RUNNING") {
      if (haltedSince !== null) {
        pauses.push({ from: haltedSince, to: entry.at });
      }
      haltedSince = null;
    } else if (haltedSince === null) {
      haltedSince = entry.at;
    }
  }
  const last = timeline.at(-1);
  if (haltedSince === null || last === undefined) {
    return { pauses, stoppedAt: null };
  }
  if (last.phase === "STOPPED") {
    // Paused, then stopped from the pause: the pause runs up to the stop.
    if (haltedSince.getTime() < last.at.getTime()) {
      pauses.push({ from: haltedSince, to: last.at });
    }
    return { pauses, stoppedAt: last.at };
  }
  pauses.push({ from: haltedSince, to: null });
  return { pauses, stoppedAt: null };
}
