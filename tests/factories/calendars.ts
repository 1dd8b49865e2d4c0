// Business calendars, for tests and the demo data: a calendar row with a definition
// (lib/sla/calendar.ts BusinessCalendar), office hours unless given.
import type { BusinessCalendarDef, Prisma } from "@/lib/generated/prisma/client";
import { defineBusinessCalendar, type BusinessCalendarInput } from "@/lib/sla/calendar";
import { clientOr, uniqueNumber, type FactoryDb } from "@/tests/factories/db";

const OFFICE = [
  { start: "09:00", end: "12:00" },
  { start: "13:30", end: "18:00" },
];

export async function createBusinessCalendar(
  definition: BusinessCalendarInput = {},
  overrides: { code?: string; nameZh?: string; nameEn?: string } = {},
  db?: FactoryDb,
): Promise<BusinessCalendarDef> {
  const n = uniqueNumber();
  const def = defineBusinessCalendar({ weekly: { 1: OFFICE, 2: OFFICE, 3: OFFICE, 4: OFFICE, 5: OFFICE }, ...definition });
  return (await clientOr(db)).businessCalendarDef.create({
    data: { code: `CAL_${n}`, nameZh: `测试日历${n}`, nameEn: `Test calendar ${n}`, ...overrides, definition: def as unknown as Prisma.InputJsonValue },
  });
}
