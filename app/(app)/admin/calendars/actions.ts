"use server";

import { action } from "@/lib/shared/action";
import { calendarCreate, calendarHoursUpdate, calendarYearUpdate, teamCalendarAssign } from "@/lib/sla/calendar-schemas";
import { assignTeamCalendar, createCalendar, updateCalendarHours, updateCalendarYear } from "@/lib/sla/calendars";

// Business calendars: each a line on the pipeline; lib checks permission, version and dates.
const list = "/admin/calendars";
const detail = (i: { id: number }) => [list, `/admin/calendars/${i.id}`];
// A team is shown on every calendar's page (which one it uses): the form refreshes its own page.


export const createCalendarAction = action(calendarCreate, createCalendar, { revalidate: list });
export const saveCalendarHoursAction = action(calendarHoursUpdate, updateCalendarHours, { revalidate: detail });
export const saveCalendarYearAction = action(calendarYearUpdate, updateCalendarYear, { revalidate: detail });
export const assignTeamCalendarAction = action(teamCalendarAssign, assignTeamCalendar, { revalidate: list });
