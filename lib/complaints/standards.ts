import "server-only";
import type { Tx } from "@/lib/db";
import { NotFoundError } from "@/lib/shared/errors";
import { defineBusinessCalendar, type BusinessCalendar, type BusinessCalendarInput } from "@/lib/sla/calendar";

// Reading the service standards' business calendars for the clocks. The configuration itself is
// edited elsewhere: categories in lib/complaints/categories.ts, the SLA matrix in lib/sla/matrix.ts,
// calendars in lib/sla/calendars.ts, routing and the escalation ladder in lib/routing/,
// compensation limits in lib/complaints/compensation-limits.ts (docs/service-configuration.md).

// Parsed calendars by id, with the version they were parsed from (calendars are versioned; see
// lib/sla/calendars.ts). Read-only once defined, so sharing them across requests is safe.
const calendarCache = new Map<number, { version: number; calendar: BusinessCalendar }>();

/**
 * A business calendar, parsed once per version. A caller that already read the calendar's version
 * (joined in its own query, as the work queues do) passes it and skips the read when it matches.
 */
export async function loadCalendar(tx: Tx, calendarId: number, version?: number): Promise<BusinessCalendar> {
  const hit = calendarCache.get(calendarId);
  if (hit && version !== undefined && hit.version === version) return hit.calendar;
  const row = await tx.businessCalendarDef.findUnique({ where: { id: calendarId }, select: { definition: true, version: true } });
  if (!row) throw new NotFoundError("calendar");
  if (hit && hit.version === row.version) return hit.calendar;
  const calendar = defineBusinessCalendar(row.definition as BusinessCalendarInput);
  calendarCache.set(calendarId, { version: row.version, calendar });
  return calendar;
}
