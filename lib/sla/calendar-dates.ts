// Holidays and make-up working days (调休) for one year, as people enter them: ranges and single
// dates typed one per line ("2027-02-06..2027-02-12"), or the State Council's annual notice pasted
// as it is published ("春节：2月6日（周六）至12日（周五）放假调休，共7天。1月31日（周日）、2月20日（周六）上班。").
// Pure and browser-safe: the editor previews with it and lib/sla/calendars.ts saves with it.
import { MS_PER_DAY, parseDate, weekdayOf } from "@/lib/sla/local-time";

/** A problem with one entered line or date; `date` (or the line's text) names it in the message. */
export type DateEntryProblemCode = "BAD_DATE" | "BAD_RANGE" | "OUTSIDE_YEAR" | "RANGE_TOO_LONG" | "WEEKDAY_MISMATCH" | "NOTHING_FOUND";
export type DateEntryProblem = { code: DateEntryProblemCode; date: string };

/** A range longer than this is a typo (a holiday spans days, not months). */
export const MAX_RANGE_DAYS = 31;

/** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Accepts 2027-02-06, 2027-2-6, 2027/02/06, 2027.2.6 and 2027年2月6日; null when not a real date. */
export function normaliseDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return parseDate(iso) === null ? null : iso;
}

/** Every date from `from` to `to`, both included. */
export function expandRange(from: string, to: string): string[] {
  const a = parseDate(from);
  const b = parseDate(to);
  if (a === null || b === null || b < a) return [];
  const out: string[] = [];
  for (let d = a; d <= b; d++) out.push(formatDay(d));
  return out;
}

/** Sorted dates folded into ranges: ["2027-02-06..2027-02-12", "2027-04-05"]. */
export function compactDates(dates: readonly string[]): string[] {
  const days = [...new Set(dates.map(parseDate).filter((d): d is number => d !== null))].sort((x, y) => x - y);
  const out: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    out.push(i === j ? formatDay(days[i]) : `${formatDay(days[i])}..${formatDay(days[j])}`);
    i = j + 1;
  }
  return out;
}

export interface ParsedDates {
  /** Distinct dates, sorted. */
  dates: string[];
  problems: DateEntryProblem[];
}

const RANGE_SEPARATOR = /\s*(?:\.\.|～|~|—|–|至|到|\s-\s|\s+to\s+)\s*/i;

/**
 * Dates typed one per line (or separated by commas / semicolons): single dates or ranges
 * ("2027-02-06..2027-02-12", "~", "至", " - "). When `year` is given a date of another year is
 * a problem. Duplicates are dropped (a pasted range may repeat a typed date).
 */
export function parseDateList(text: string, year?: number): ParsedDates {
  const problems: DateEntryProblem[] = [];
  const dates = new Set<string>();
  const items = text
    .split(/[\n,，;；、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    const parts = item.split(RANGE_SEPARATOR);
    if (parts.length > 2) {
      problems.push({ code: "BAD_RANGE", date: item });
      continue;
    }
    const from = normaliseDate(parts[0]);
    const to = parts.length === 2 ? normaliseDate(parts[1]) : from;
    if (from === null || to === null) {
      problems.push({ code: "BAD_DATE", date: from === null ? parts[0] : parts[1] });
      continue;
    }
    const span = (parseDate(to) ?? 0) - (parseDate(from) ?? 0);
    if (span < 0) {
      problems.push({ code: "BAD_RANGE", date: item });
      continue;
    }
    if (span >= MAX_RANGE_DAYS) {
      problems.push({ code: "RANGE_TOO_LONG", date: item });
      continue;
    }
    for (const d of expandRange(from, to)) {
      if (year !== undefined && Number(d.slice(0, 4)) !== year) problems.push({ code: "OUTSIDE_YEAR", date: d });
      else dates.add(d);
    }
  }
  return { dates: [...dates].sort(), problems };
}

export interface NoticeFestival {
  /** The name as the notice gives it ("春节"), or "" when the line has none. */
  name: string;
  holidays: string[];
  makeupWorkdays: string[];
}

export interface ParsedNotice {
  festivals: NoticeFestival[];
  holidays: string[];
  makeupWorkdays: string[];
  /** BAD_DATE (a day that does not exist), WEEKDAY_MISMATCH (the notice's 周X is not that
   *  date's weekday in the chosen year: usually the wrong year), NOTHING_FOUND. */
  problems: DateEntryProblem[];
}

const WEEKDAY_NAMES: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
// "2027年1月1日（周五）", "2月6日", "12日（星期五）"; the bracket may hold more ("农历腊月二十八、周六").
const DATE_MENTION = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*[（(]([^）)]*)[）)])?/g;

interface Mention {
  date: string | null;
  text: string;
  weekday: number | null;
  index: number;
}

function mentionsIn(text: string, year: number, start: { year: number; month: number | null }): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(DATE_MENTION)) {
    if (m[1]) start.year = Number(m[1]);
    if (m[2]) start.month = Number(m[2]);
    const wd = m[4] ? /(?:周|星期|礼拜)([日天一二三四五六])/.exec(m[4]) : null;
    const iso = start.month === null ? null : `${start.year}-${pad(start.month)}-${pad(Number(m[3]))}`;
    out.push({
      date: iso !== null && parseDate(iso) !== null ? iso : null,
      text: iso ?? `${year}-??-${pad(Number(m[3]))}`,
      weekday: wd ? WEEKDAY_NAMES[wd[1]] : null,
      index: m.index ?? 0,
    });
  }
  return out;
}

/**
 * The State Council's notice on public holidays (国务院办公厅关于XXXX年部分节假日安排的通知),
 * pasted: one festival per line or sentence group, "…放假…" giving the days off (a range with
 * 至, or single days) and "…上班" the make-up working days. Months carry over within a line
 * ("2月6日至12日"); a year written in the text ("2026年12月31日") overrides `year`.
 */
export function parseHolidayNotice(text: string, year: number): ParsedNotice {
  const problems: DateEntryProblem[] = [];
  const festivals: NoticeFestival[] = [];
  // A festival starts at "一、春节：" or "春节：" at a line start; a line without it joins the previous.
  const lines = text
    .replace(/\r/g, "")
    // (only after a full stop: "农历腊月二十八、周日" inside a bracket is not a new festival)
    .split(/\n+|(?<=。)\s*(?=[一二三四五六七八九十]+、)/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const raw of lines) {
    const line = raw.replace(/^[一二三四五六七八九十]+、\s*/, "");
    const named = /^([^：:\d，。]{1,12})[：:]/.exec(line);
    const body = named ? line.slice(named[0].length) : line;
    const offAt = body.indexOf("放假");
    if (offAt < 0 && !body.includes("上班")) continue;
    const cursor = { year, month: null as number | null };
    const check = (m: Mention): string | null => {
      if (m.date === null) {
        problems.push({ code: "BAD_DATE", date: m.text });
        return null;
      }
      const day = parseDate(m.date) ?? 0;
      if (m.weekday !== null && weekdayOf(day) !== m.weekday) problems.push({ code: "WEEKDAY_MISMATCH", date: m.date });
      return m.date;
    };
    const festival: NoticeFestival = { name: named ? named[1].trim() : "", holidays: [], makeupWorkdays: [] };
    // A day of another year (a New Year range from 31 December) belongs to that year's list.
    const keep = (list: string[], d: string) => {
      if (Number(d.slice(0, 4)) === year) list.push(d);
      else problems.push({ code: "OUTSIDE_YEAR", date: d });
    };
    // The days off: everything before 放假 ("2月6日（周六）至12日（周五）", or "1月1日").
    if (offAt >= 0) {
      const part = body.slice(0, offAt);
      const ms = mentionsIn(part, year, cursor);
      const ranged = ms.length === 2 && /至|到|—|～|~|-/.test(part.slice(ms[0].index, ms[1].index));
      if (ranged) {
        const a = check(ms[0]);
        const b = check(ms[1]);
        if (a && b) {
          const days = expandRange(a, b);
          if (days.length === 0) problems.push({ code: "BAD_RANGE", date: `${a}..${b}` });
          else if (days.length > MAX_RANGE_DAYS) problems.push({ code: "RANGE_TOO_LONG", date: `${a}..${b}` });
          else for (const d of days) keep(festival.holidays, d);
        }
      } else {
        for (const m of ms) {
          const d = check(m);
          if (d) keep(festival.holidays, d);
        }
      }
    }
    // The make-up days: every date in a sentence that ends in 上班 after the days off.
    const rest = offAt >= 0 ? body.slice(offAt) : body;
    for (const sentence of rest.split(/[。；;]/)) {
      if (!sentence.includes("上班")) continue;
      for (const m of mentionsIn(sentence, year, cursor)) {
        const d = check(m);
        if (d) keep(festival.makeupWorkdays, d);
      }
    }
    if (festival.holidays.length || festival.makeupWorkdays.length) festivals.push(festival);
  }
  if (festivals.length === 0 && problems.length === 0) problems.push({ code: "NOTHING_FOUND", date: "" });
  const all = (pick: (f: NoticeFestival) => string[]) => [...new Set(festivals.flatMap(pick))].sort();
  return { festivals, holidays: all((f) => f.holidays), makeupWorkdays: all((f) => f.makeupWorkdays), problems };
}

/** The dates of one year in a list. */
export function datesOfYear(dates: readonly string[], year: number): string[] {
  const prefix = `${year}-`;
  return dates.filter((d) => d.startsWith(prefix)).sort();
}

/** The years a calendar has holidays or make-up days for, newest first. */
export function yearsOf(dates: readonly string[]): number[] {
  return [...new Set(dates.map((d) => Number(d.slice(0, 4))).filter((y) => Number.isInteger(y) && y > 1900))].sort((a, b) => b - a);
}
