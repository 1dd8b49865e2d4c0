// When a care task comes due (pure, issue 23, docs/care.md "Care tasks"): on the day the rule
// fires, or — when the pass runs in the quiet hours after the day's last contact time, or the day is
// not a working day of the team's business calendar (a weekend, a holiday; 调休 make-up days work)
// — on the next working day. Asia/Shanghai calendar days, as the automation triggers.
import type { BusinessCalendar, Weekday } from "@/lib/sla/calendar";
import { addDays, nextContactTime, operatorDay } from "@/lib/automation/dates";

/** A calendar day is worked: a make-up day, or a weekday with hours that is not a holiday. */
export function isWorkingDay(calendar: BusinessCalendar, day: string): boolean {
  if (calendar.is24x7) return true;
  if (calendar.makeupWorkdays.some((m) => (typeof m === "string" ? m : m.date) === day)) return true;
  if (calendar.holidays.includes(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() as Weekday;
  return (calendar.weekly[weekday] ?? []).length > 0;
}

/** The first working day at or after `day` (a calendar without any working day: `day` itself). */
export function nextWorkingDay(calendar: BusinessCalendar, day: string): string {
  let d = day;
  for (let i = 0; i < 400; i++, d = addDays(d, 1)) if (isWorkingDay(calendar, d)) return d;
  return day;
}

/** The due day of a care task created at `now`: the contact day (after the quiet hours), moved to a working day. */
export function careTaskDueDay(now: Date, quietHours: { start: string; end: string }, calendar: BusinessCalendar): string {
  return nextWorkingDay(calendar, operatorDay(nextContactTime(now, quietHours)));
}
