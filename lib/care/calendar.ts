import "server-only";
import type { Tx } from "@/lib/db";
import { DEFAULT_CALENDAR_WORKDAY, defineBusinessCalendar, type BusinessCalendar } from "@/lib/sla/calendar";

/**
 * The business calendar a team's care tasks come due by: the team's own (team.calendar_id), else
 * the seeded office calendar ('OFFICE'), else the built-in working-day calendar.
 */
export async function loadTeamCalendar(tx: Tx, teamId: number | null): Promise<BusinessCalendar> {
  const [row] = await tx.$queryRaw<Array<{ definition: unknown }>>`
    SELECT COALESCE(
      (SELECT bc.definition FROM team t JOIN business_calendar bc ON bc.id = t.calendar_id WHERE t.id = ${teamId}::int),
      (SELECT definition FROM business_calendar WHERE code = 'OFFICE')
    ) AS definition`;
  if (!row?.definition) return DEFAULT_CALENDAR_WORKDAY;
  return defineBusinessCalendar(row.definition as Parameters<typeof defineBusinessCalendar>[0]);
}
