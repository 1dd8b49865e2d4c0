// The business calendar: working intervals per weekday, breaks, holidays, make-up working days
// (调休) and 24/7, with business-time arithmetic over it (add minutes, minutes between, next
// working moment). The SLA clock built on it is lib/sla/clock.ts.
// Pure and deterministic: no I/O, no env, `now` is always a parameter. Time zones via Intl only
// (lib/sla/local-time.ts). Durations are exact (fractional minutes when inputs carry seconds).
import {
  MINUTES_PER_DAY,
  MS_PER_DAY,
  MS_PER_MINUTE,
  isValidTimeZone,
  localDayOf,
  parseDate,
  parseTime,
  steadyOffset,
  wallToInstant,
  weekdayOf,
} from "@/lib/sla/local-time";

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
  | "MAKEUP_ON_WORKDAY"
  | "NO_WORKING_TIME";

/** `code` is for the UI to translate; `path` points into the calendar; `message` is for logs;
 *  `date` names the day a dated problem is about (as typed), so the error can say which. */
export type CalendarProblem = {
  code: CalendarProblemCode;
  path: string;
  message: string;
  date?: string;
};

const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

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
        date,
      });
    } else if (holidayDays.has(day)) {
      problems.push({
        code: "DUPLICATE_DATE",
        path: `holidays[${i}]`,
        message: `holiday ${date} listed twice`,
        date,
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
        date,
      });
    } else if (makeupDays.has(day)) {
      problems.push({
        code: "DUPLICATE_DATE",
        path,
        message: `make-up day ${date} listed twice`,
        date,
      });
    } else {
      makeupDays.add(day);
      if (holidayDays.has(day)) {
        problems.push({
          code: "HOLIDAY_MAKEUP_CONFLICT",
          path,
          message: `${date} is both a holiday and a make-up day`,
          date,
        });
      } else if (!cal.is24x7 && cal.weekly[weekdayOf(day) as Weekday].length > 0) {
        // A make-up day is a rest day worked instead; on a day that is worked anyway it changes
        // nothing, which almost always means a mistyped date.
        problems.push({
          code: "MAKEUP_ON_WORKDAY",
          path,
          message: `make-up day ${date} is already a working weekday`,
          date,
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
        date,
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
// Working segments
// ---------------------------------------------------------------------------------------------

/** A calendar parsed for arithmetic (compileCalendar); opaque to callers. */
export type CompiledCalendar = {
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

export function compileCalendar(cal: BusinessCalendar): CompiledCalendar {
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

/** The instant `ms` of business time after `startMs` (addBusinessMinutes in ms, compiled). */
export function addBusinessMs(cc: CompiledCalendar, startMs: number, ms: number): number {
  if (ms <= 0) return startMs;
  if (cc.is24x7) return startMs + ms;
  let left = ms;
  for (const [a, b] of workingSegments(cc, startMs)) {
    if (b - a >= left) return a + left;
    left -= b - a;
  }
  throw noWorkingTimeError(startMs); // unreachable: the walk throws first
}

/** Business ms in [fromMs, toMs) (businessMinutesBetween in ms, compiled). */
export function businessMsBetween(cc: CompiledCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  if (cc.is24x7) return toMs - fromMs;
  let sum = 0;
  for (const [a, b] of workingSegments(cc, fromMs, toMs)) {
    if (a >= toMs) break;
    sum += Math.min(b, toMs) - a;
  }
  return sum;
}

/** A Date's epoch ms; a RangeError naming the parameter when it is invalid. */
export function msOf(date: Date, name: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

/** Minutes ≥ 0 as whole ms; a RangeError naming the parameter otherwise. */
export function minutesToMs(minutes: number, name: string): number {
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
  const cc = compileCalendar(calendar);
  return new Date(
    addBusinessMs(cc, msOf(start, "start"), minutesToMs(minutes, "minutes")),
  );
}

/** Business minutes in [from, to); 0 when `to` ≤ `from`. */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  from: Date,
  to: Date,
): number {
  const cc = compileCalendar(calendar);
  return businessMsBetween(cc, msOf(from, "from"), msOf(to, "to")) / MS_PER_MINUTE;
}

/** `at` itself when it is working time, else the start of the next working period. */
export function nextWorkingMoment(calendar: BusinessCalendar, at: Date): Date {
  const cc = compileCalendar(calendar);
  const atMs = msOf(at, "at");
  if (cc.is24x7) return new Date(atMs);
  for (const [a] of workingSegments(cc, atMs)) return new Date(a);
  throw noWorkingTimeError(atMs); // unreachable: the walk throws first
}
