import { nextWorkingMoment, type BusinessCalendar } from "@/lib/sla/calendar";

// "On shift" (issue 21): an active agent who is marked available (agent_profile.is_available, the
// supervisor's switch for leave and training) and whose team is in working time of its calendar
// now. A team without a calendar of its own works around the clock (the hotline default).

/** Whether `now` is working time of the team's calendar (null = no calendar of its own: always). */
export function isOnShift(calendar: BusinessCalendar | null, now: Date): boolean {
  if (!calendar) return true;
  return nextWorkingMoment(calendar, now).getTime() === now.getTime();
}
