// Inputs of the calendar commands (lib/sla/calendars.ts); browser-safe, so the editor and the
// server actions share them.
import { z } from "zod";

const id = z.coerce.number().int().positive();
const version = z.coerce.number().int().positive();
const name = (max: number) => z.string().trim().min(1).max(max);
/** "" (a select's "none") as null; a number otherwise. */
const optionalId = z.preprocess((v) => (v === "" || v === "none" || v === undefined ? null : v), z.coerce.number().int().positive().nullable());

export const CALENDAR_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

export const calendarCreate = z.object({
  code: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(CALENDAR_CODE)),
  nameZh: name(60),
  nameEn: name(80),
});
export type CalendarCreateInput = z.infer<typeof calendarCreate>;

// Times are checked by validateCalendar (field-level, per weekday); here only their shape.
const interval = z.object({ start: z.string().max(5), end: z.string().max(5) });
const day = z.array(interval).max(8);

export const calendarHoursUpdate = z.object({
  id,
  version,
  nameZh: name(60),
  nameEn: name(80),
  is24x7: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  weekly: z.object({ 0: day, 1: day, 2: day, 3: day, 4: day, 5: day, 6: day }),
});
export type CalendarHoursInput = z.infer<typeof calendarHoursUpdate>;

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

/** One year's holidays and make-up days, as typed: dates and ranges, one per line. */
export const calendarYearUpdate = z.object({
  id,
  version,
  year: z.coerce.number().int().min(MIN_CALENDAR_YEAR).max(MAX_CALENDAR_YEAR),
  holidays: z.string().max(20_000),
  makeupWorkdays: z.string().max(20_000),
});
export type CalendarYearInput = z.infer<typeof calendarYearUpdate>;

/** Which calendar a team works by (null: the SLA cell's own). `expectedCalendarId` is what the
 *  editor saw: a team changed meanwhile is a conflict (team rows carry no version). */
export const teamCalendarAssign = z.object({
  teamId: id,
  calendarId: optionalId,
  expectedCalendarId: optionalId,
});
export type TeamCalendarInput = z.infer<typeof teamCalendarAssign>;
