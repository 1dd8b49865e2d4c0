import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import {
  assignTeamCalendar,
  createCalendar,
  getCalendar,
  listCalendars,
  restoreCalendarRevision,
  restoreTeamCalendarRevision,
  updateCalendarHours,
  updateCalendarYear,
} from "@/lib/sla/calendars";
import { loadCalendar } from "@/lib/complaints/standards";
import { addBusinessMinutes } from "@/lib/sla/calendar";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createBusinessCalendar } from "@/tests/factories/calendars";
import { createTeam } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { openComplaint } from "@/lib/complaints/intake";
import { randomUUID } from "node:crypto";

// Business calendars (issue 21): who may not, version checks, audit and revision rows, the checks
// that name their date, team assignment and restore. Each test builds its own calendar and team.

let admin1: Actor, agent1: Actor, supervisor1: Actor, manager1: Actor;
beforeAll(async () => {
  [admin1, agent1, supervisor1, manager1] = await Promise.all(["admin1", "agent1", "supervisor1", "manager1"].map(actorFor));
});

const DAY = [{ start: "08:00", end: "20:00" }];
const WEEK_0820 = { 0: [], 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY, 6: [] };
const SPRING_2027 = { holidays: "2027-02-06..2027-02-12", makeupWorkdays: "2027-01-31\n2027-02-20" };

async function fieldsOf(p: Promise<unknown>): Promise<Record<string, string>> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).fields ?? {};
}

const auditCount = (entityId: number, entity = "calendar") => db.auditLog.count({ where: { entity, entityId: String(entityId) } });
const revisions = (entityKey: string, entity = "calendar") =>
  db.serviceStandardRevision.findMany({ where: { entity, entityKey }, orderBy: { version: "asc" }, select: { version: true, data: true, changedBy: true } });

describe("who may not", () => {
  test("agents, supervisors and managers are refused every command; nothing changes, no audit row", async () => {
    const cal = await createBusinessCalendar();
    const team = await createTeam();
    for (const actor of [agent1, supervisor1, manager1]) {
      await expect(createCalendar(actor, { code: "NOPE_CAL", nameZh: "不可", nameEn: "No" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateCalendarHours(actor, { id: cal.id, version: 1, nameZh: "x", nameEn: "x", is24x7: false, weekly: WEEK_0820 })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(updateCalendarYear(actor, { id: cal.id, version: 1, year: 2027, ...SPRING_2027 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(assignTeamCalendar(actor, { teamId: team.id, calendarId: cal.id, expectedCalendarId: null })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listCalendars(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getCalendar(actor, cal.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(db.$transaction((tx) => restoreCalendarRevision(tx, actor, cal.code, { nameZh: "x", nameEn: "x", definition: {} }))).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    const after = await db.businessCalendarDef.findUniqueOrThrow({ where: { id: cal.id } });
    expect(after.version).toBe(1);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).calendarId).toBeNull();
    expect(await db.businessCalendarDef.count({ where: { code: "NOPE_CAL" } })).toBe(0);
    expect(await auditCount(cal.id)).toBe(0);
    expect(await auditCount(team.id, "team")).toBe(0);
  });

  test("a calendar that does not exist is not found", async () => {
    await expect(getCalendar(admin1, 2_000_000_000)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCalendarYear(admin1, { id: 2_000_000_000, version: 1, year: 2027, ...SPRING_2027 })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a team calendar 08:00–20:00 with the 2027 Spring Festival", () => {
  test("create, set hours, enter the year, assign a team: each a version with its revision and audit row", async () => {
    const code = `TEAM_0820_${Date.now() % 100000}`;
    const { id } = await createCalendar(admin1, { code: code.toLowerCase(), nameZh: "班组日历", nameEn: "Team calendar" });
    const created = await db.businessCalendarDef.findUniqueOrThrow({ where: { id } });
    expect(created.code).toBe(code);
    expect(await fieldsOf(createCalendar(admin1, { code, nameZh: "重复", nameEn: "Again" }))).toEqual({ code: "calendar.codeTaken" });

    await updateCalendarHours(admin1, { id, version: 1, nameZh: "客服班组 8-20", nameEn: "Care team 8–20", is24x7: false, weekly: WEEK_0820 });
    const r = await updateCalendarYear(admin1, { id, version: 2, year: 2027, ...SPRING_2027 });
    expect(r).toEqual({ version: 3, holidays: 7, makeupWorkdays: 2 });

    const team = await createTeam();
    await assignTeamCalendar(admin1, { teamId: team.id, calendarId: id, expectedCalendarId: null });
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).calendarId).toBe(id);

    const detail = await getCalendar(admin1, id);
    expect(detail.version).toBe(3);
    expect(detail.definition.weekly[1]).toEqual(DAY);
    expect(detail.definition.holidays).toHaveLength(7);
    expect(detail.definition.makeupWorkdays).toEqual(["2027-01-31", "2027-02-20"]);
    expect((await listCalendars(admin1)).find((c) => c.id === id)?.teams.map((t) => t.id)).toEqual([team.id]);

    const revs = await revisions(code);
    expect(revs.map((x) => x.version)).toEqual([1, 2, 3]);
    expect(revs.every((x) => x.changedBy === admin1.id)).toBe(true);
    expect((revs[2].data as { definition: { holidays: string[] } }).definition.holidays[0]).toBe("2027-02-06");
    expect(await db.auditLog.findMany({ where: { entity: "calendar", entityId: String(id) }, orderBy: { id: "asc" }, select: { action: true } })).toEqual([
      { action: "calendar.created" },
      { action: "calendar.hoursUpdated" },
      { action: "calendar.yearUpdated" },
    ]);
    expect((await revisions(team.code, "teamCalendar")).map((x) => x.data)).toEqual([
      { teamCode: team.code, calendarCode: null },
      { teamCode: team.code, calendarCode: code },
    ]);
    expect(await auditCount(team.id, "team")).toBe(1);

    // The clocks count in the new version: Friday 2027-02-05 19:00 + 120 business minutes is one
    // hour that Friday, then the holidays and the weekend, then Monday 2027-02-15 08:00–09:00.
    const cal = await loadCalendar(db, id);
    expect(addBusinessMinutes(cal, new Date("2027-02-05T19:00:00+08:00"), 120).toISOString()).toBe(new Date("2027-02-15T09:00:00+08:00").toISOString());
  });

  test("a make-up day on a holiday is refused, naming the date; nothing changes", async () => {
    const cal = await createBusinessCalendar({ weekly: WEEK_0820 });
    const fields = await fieldsOf(
      updateCalendarYear(admin1, { id: cal.id, version: 1, year: 2027, holidays: SPRING_2027.holidays, makeupWorkdays: "2027-02-08\n2027-02-20" }),
    );
    expect(fields).toEqual({ "makeupWorkdays:2027-02-08": "calendar.HOLIDAY_MAKEUP_CONFLICT" });
    const after = await db.businessCalendarDef.findUniqueOrThrow({ where: { id: cal.id } });
    expect(after.version).toBe(1);
    expect((after.definition as { holidays: string[] }).holidays).toEqual([]);
    expect(await auditCount(cal.id)).toBe(0);
    expect(await revisions(cal.code)).toEqual([]);
  });

  test.each([
    ["a date of another year", { holidays: "2026-12-31", makeupWorkdays: "" }, { "holidays:2026-12-31": "calendar.OUTSIDE_YEAR" }],
    ["a date that does not exist", { holidays: "2027-02-30", makeupWorkdays: "" }, { "holidays:2027-02-30": "calendar.BAD_DATE" }],
    ["a make-up day on a working Monday", { holidays: "", makeupWorkdays: "2027-02-15" }, { "makeupWorkdays:2027-02-15": "calendar.MAKEUP_ON_WORKDAY" }],
    ["a backwards range", { holidays: "2027-02-12..2027-02-06", makeupWorkdays: "" }, { "holidays:2027-02-12..2027-02-06": "calendar.BAD_RANGE" }],
  ])("%s is refused with its date", async (_name, lists, expected) => {
    const cal = await createBusinessCalendar({ weekly: WEEK_0820 });
    expect(await fieldsOf(updateCalendarYear(admin1, { id: cal.id, version: 1, year: 2027, ...lists }))).toEqual(expected);
  });

  test("hours: overlapping intervals and an end before the start are refused per weekday", async () => {
    const cal = await createBusinessCalendar();
    const weekly = {
      ...WEEK_0820,
      1: [
        { start: "08:00", end: "12:30" },
        { start: "12:00", end: "20:00" },
      ],
      3: [{ start: "20:00", end: "08:00" }],
    };
    expect(await fieldsOf(updateCalendarHours(admin1, { id: cal.id, version: 1, nameZh: cal.nameZh, nameEn: cal.nameEn, is24x7: false, weekly }))).toEqual({
      "weekly.1": "calendar.OVERLAP",
      "weekly.3": "calendar.END_NOT_AFTER_START",
    });
    expect((await db.businessCalendarDef.findUniqueOrThrow({ where: { id: cal.id } })).version).toBe(1);
  });

  test("editing one year leaves the other years as they were", async () => {
    const cal = await createBusinessCalendar({ weekly: WEEK_0820, holidays: ["2026-10-01", "2027-10-01"], makeupWorkdays: ["2026-10-10"] });
    await updateCalendarYear(admin1, { id: cal.id, version: 1, year: 2027, ...SPRING_2027 });
    const d = (await db.businessCalendarDef.findUniqueOrThrow({ where: { id: cal.id } })).definition as { holidays: string[]; makeupWorkdays: string[] };
    expect(d.holidays).toContain("2026-10-01");
    expect(d.holidays).not.toContain("2027-10-01");
    expect(d.makeupWorkdays).toEqual(["2026-10-10", "2027-01-31", "2027-02-20"]);
  });
});

describe("concurrent edits", () => {
  test("a stale version is a conflict and writes nothing", async () => {
    const cal = await createBusinessCalendar({ weekly: WEEK_0820 });
    await updateCalendarYear(admin1, { id: cal.id, version: 1, year: 2027, ...SPRING_2027 });
    await expect(updateCalendarYear(admin1, { id: cal.id, version: 1, year: 2027, holidays: "", makeupWorkdays: "" })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateCalendarHours(admin1, { id: cal.id, version: 1, nameZh: "x", nameEn: "x", is24x7: true, weekly: WEEK_0820 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await db.businessCalendarDef.findUniqueOrThrow({ where: { id: cal.id } })).version).toBe(2);
    expect(await auditCount(cal.id)).toBe(1);
  });

  test("two editors saving the same version at once: exactly one wins", async () => {
    const cal = await createBusinessCalendar({ weekly: WEEK_0820 });
    const results = await Promise.allSettled([
      updateCalendarYear(admin1, { id: cal.id, version: 1, year: 2027, ...SPRING_2027 }),
      updateCalendarHours(admin1, { id: cal.id, version: 1, nameZh: cal.nameZh, nameEn: cal.nameEn, is24x7: true, weekly: WEEK_0820 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect((await db.businessCalendarDef.findUniqueOrThrow({ where: { id: cal.id } })).version).toBe(2);
    expect((await revisions(cal.code)).map((r) => r.version)).toEqual([1, 2]);
  });

  test("a team changed by someone else meanwhile is a conflict", async () => {
    const [a, b] = [await createBusinessCalendar(), await createBusinessCalendar()];
    const team = await createTeam();
    await assignTeamCalendar(admin1, { teamId: team.id, calendarId: a.id, expectedCalendarId: null });
    await expect(assignTeamCalendar(admin1, { teamId: team.id, calendarId: b.id, expectedCalendarId: null })).rejects.toBeInstanceOf(ConflictError);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).calendarId).toBe(a.id);
    await expect(assignTeamCalendar(admin1, { teamId: team.id, calendarId: 2_000_000_000, expectedCalendarId: a.id })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("restore", () => {
  test("a calendar goes back to an earlier revision as a new version", async () => {
    const cal = await createBusinessCalendar({ weekly: WEEK_0820 }, { nameZh: "原名", nameEn: "Original" });
    await updateCalendarYear(admin1, { id: cal.id, version: 1, year: 2027, ...SPRING_2027 });
    await updateCalendarHours(admin1, { id: cal.id, version: 2, nameZh: "改名", nameEn: "Renamed", is24x7: true, weekly: WEEK_0820 });
    const [v1] = await revisions(cal.code);
    expect(v1.version).toBe(1);
    await db.$transaction((tx) => restoreCalendarRevision(tx, admin1, cal.code, v1.data));
    const after = await db.businessCalendarDef.findUniqueOrThrow({ where: { id: cal.id } });
    expect(after.version).toBe(4);
    expect(after.nameEn).toBe("Original");
    expect((after.definition as { is24x7: boolean; holidays: string[] }).is24x7).toBe(false);
    expect((after.definition as { holidays: string[] }).holidays).toEqual([]);
    expect((await revisions(cal.code)).map((r) => r.version)).toEqual([1, 2, 3, 4]);
    expect(await db.auditLog.count({ where: { entity: "calendar", entityId: String(cal.id), action: "calendar.restored" } })).toBe(1);
    // A revision that is not a usable calendar is refused.
    await expect(
      db.$transaction((tx) =>
        restoreCalendarRevision(tx, admin1, cal.code, { nameZh: "x", nameEn: "x", definition: { weekly: { 1: [{ start: "20:00", end: "08:00" }] } } }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  test("a team's calendar goes back to a revision's", async () => {
    const cal = await createBusinessCalendar();
    const team = await createTeam();
    await assignTeamCalendar(admin1, { teamId: team.id, calendarId: cal.id, expectedCalendarId: null });
    await db.$transaction((tx) => restoreTeamCalendarRevision(tx, admin1, team.code, { teamCode: team.code, calendarCode: null }));
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).calendarId).toBeNull();
    expect((await revisions(team.code, "teamCalendar")).map((r) => r.version)).toEqual([1, 2, 3]);
  });
});

describe("open complaints", () => {
  test("keep their targets and calendar; a new holiday today moves their stored deadlines to the next working day", async () => {
    const ALL_DAY = [{ start: "00:00", end: "24:00" }];
    const cal = await createBusinessCalendar({ weekly: { 0: ALL_DAY, 1: ALL_DAY, 2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY, 5: ALL_DAY, 6: ALL_DAY } });
    const { customer } = await createCustomer();
    const billing = await db.complaintCategory.findUniqueOrThrow({ where: { code: "BILLING" } });
    const c = await openComplaint(agent1, {
      customerId: customer.id,
      channel: "HOTLINE",
      categoryId: billing.id,
      grade: "GENERAL",
      summary: "日历测试",
      details: "",
      idempotencyKey: randomUUID(),
    });
    // Counting in the test calendar from now on (intake took the SLA cell's).
    await db.complaint.update({ where: { id: c.id }, data: { calendarId: cal.id } });
    const other = await openComplaint(agent1, {
      customerId: customer.id,
      channel: "HOTLINE",
      categoryId: billing.id,
      grade: "GENERAL",
      summary: "别的日历",
      details: "",
      idempotencyKey: randomUUID(),
    });
    const before = await db.complaint.findUniqueOrThrow({ where: { id: c.id } });
    const otherBefore = await db.complaint.findUniqueOrThrow({ where: { id: other.id } });

    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    const tomorrowStart = new Date(`${today}T00:00:00+08:00`).getTime() + 86_400_000;
    await updateCalendarYear(admin1, { id: cal.id, version: 1, year: Number(today.slice(0, 4)), holidays: today, makeupWorkdays: "" });

    const after = await db.complaint.findUniqueOrThrow({ where: { id: c.id } });
    expect([after.firstResponseMin, after.resolutionMin, after.calendarId, after.version]).toEqual([
      before.firstResponseMin,
      before.resolutionMin,
      cal.id,
      before.version,
    ]);
    expect(after.nextDueAt!.getTime()).toBeGreaterThanOrEqual(tomorrowStart);
    expect(after.firstResponseDueAt!.getTime()).toBe(tomorrowStart + before.firstResponseMin * 60_000);
    // A complaint counting in another calendar is untouched.
    expect((await db.complaint.findUniqueOrThrow({ where: { id: other.id } })).nextDueAt).toEqual(otherBefore.nextDueAt);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "calendar", entityId: String(cal.id), action: "calendar.yearUpdated" } });
    expect((audit.data as { reclockedComplaints: number }).reclockedComplaints).toBe(1);
  });
});
