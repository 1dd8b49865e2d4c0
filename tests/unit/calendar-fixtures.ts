// Calendars shared by the business-calendar and SLA-clock tests.
import { defineBusinessCalendar, type TimeInterval, type Weekday } from "@/lib/sla/calendar";

export const WHOLE_DAY: readonly TimeInterval[] = [{ start: "00:00", end: "24:00" }];
const NINE_TO_FIVE: readonly TimeInterval[] = [{ start: "09:00", end: "17:00" }];

/** The same hours on the given weekdays (0 = Sunday). */
export function onDays(days: Weekday[], hours: readonly TimeInterval[]): Partial<Record<Weekday, readonly TimeInterval[]>> {
  return Object.fromEntries(days.map((d) => [d, hours]));
}

/** Mon–Fri 09:00–17:00 in New York: a zone with daylight saving. */
export const NEW_YORK = defineBusinessCalendar({ timeZone: "America/New_York", weekly: onDays([1, 2, 3, 4, 5], NINE_TO_FIVE) });
/** Every hour of every day in New York: 23- and 25-hour days at the DST changes. */
export const NEW_YORK_EVERY_DAY = defineBusinessCalendar({ timeZone: "America/New_York", weekly: onDays([0, 1, 2, 3, 4, 5, 6], WHOLE_DAY) });
