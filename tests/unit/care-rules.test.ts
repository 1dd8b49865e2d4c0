// Care (issue 23): the festival days from the lunar calendar (lunar-javascript), the care triggers'
// date maths, the due day of a care task across quiet hours, weekends, holidays and 调休 make-up
// days, the care rule schemas and the outcomes each kind of task takes.
import { describe, expect, test } from "vitest";
import { FESTIVALS, festivalDay, festivalsOfYears } from "@/lib/care/festivals";
import { careTaskDueDay, isWorkingDay, nextWorkingDay } from "@/lib/care/due";
import { billMonthDueIn, paymentDueDay, specialCareVisitKey } from "@/lib/automation/dates";
import { ruleDefinition, PURPOSE_ACTIONS } from "@/lib/automation/schemas";
import { outcomesFor } from "@/lib/care/schemas";
import { defineBusinessCalendar, CALENDAR_24X7 } from "@/lib/sla/calendar";
import { describeAuditEntry } from "@/lib/audit/describe";
import { tEn, tZh } from "@/tests/translator";

const def = (code: string) => FESTIVALS.find((f) => f.code === code)!;

describe("festivals by the lunar calendar", () => {
  test.each([
    ["SPRING_FESTIVAL", 2027, "2027-02-06"],
    ["MID_AUTUMN", 2027, "2027-09-15"],
    ["SPRING_FESTIVAL", 2026, "2026-02-17"],
    ["LANTERN", 2027, "2027-02-20"],
    ["DRAGON_BOAT", 2027, "2027-06-09"],
    ["QIXI", 2027, "2027-08-08"],
    ["DOUBLE_NINTH", 2027, "2027-10-08"],
    ["MID_AUTUMN", 2026, "2026-09-25"],
    ["DRAGON_BOAT", 2026, "2026-06-19"],
    ["SPRING_FESTIVAL", 2028, "2028-01-26"],
    ["NEW_YEAR", 2027, "2027-01-01"],
    ["NATIONAL_DAY", 2027, "2027-10-01"],
  ])("%s %i is %s", (code, year, day) => {
    expect(festivalDay(def(code), year)).toBe(day);
  });

  test("a year has each festival once, by day", () => {
    const y = festivalsOfYears(2027, 2027);
    expect(y).toHaveLength(FESTIVALS.length);
    expect(y.map((f) => f.day)).toEqual([...y.map((f) => f.day)].sort());
    expect(y.every((f) => f.day.startsWith("2027-"))).toBe(true);
  });
});

describe("care trigger dates", () => {
  test.each([
    ["2027-02", "2027-03-20"],
    ["2027-12", "2028-01-20"],
  ])("the bill of %s is due on %s", (month, due) => expect(paymentDueDay(month)).toBe(due));

  test.each([
    ["2027-03-15", 5, "2027-02"],
    ["2027-03-15", 4, null],
    ["2027-12-31", 20, "2027-12"],
    ["2028-01-20", 0, "2027-12"],
  ])("PAYMENT_DUE on %s with N = %i reminds of %s", (day, n, month) => expect(billMonthDueIn(day, n)).toBe(month));

  test("SPECIAL_CARE_VISIT: each customer once per period of N days, customers spread over it", () => {
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2027, 2, 1 + i)).toISOString().slice(0, 10));
    for (const id of [1, 2, 17]) {
      const keys = days.map((d) => specialCareVisitKey(d, id, 10)).filter(Boolean);
      expect(keys).toHaveLength(3);
      expect(new Set(keys).size).toBe(3);
    }
    const firstDay = (id: number) => days.find((d) => specialCareVisitKey(d, id, 10));
    expect(firstDay(1)).not.toBe(firstDay(2));
  });
});

describe("a care task's due day", () => {
  const office = defineBusinessCalendar({
    weekly: {
      1: [{ start: "09:00", end: "18:00" }],
      2: [{ start: "09:00", end: "18:00" }],
      3: [{ start: "09:00", end: "18:00" }],
      4: [{ start: "09:00", end: "18:00" }],
      5: [{ start: "09:00", end: "18:00" }],
    },
    holidays: ["2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07", "2027-10-08"],
    makeupWorkdays: ["2027-10-09"],
  });
  const noQuiet = { start: "00:00", end: "00:00" };
  const quiet = { start: "21:00", end: "08:00" };
  // Instants in Shanghai (UTC+8).
  const at = (local: string) => new Date(`${local}+08:00`);

  test.each([
    ["a working Monday at 10:00", at("2027-03-15T10:00:00"), noQuiet, "2027-03-15"],
    ["Monday 22:00 in the quiet hours: Tuesday", at("2027-03-15T22:00:00"), quiet, "2027-03-16"],
    ["Monday 07:00 in the quiet hours: still Monday", at("2027-03-15T07:00:00"), quiet, "2027-03-15"],
    ["Friday 22:00 in the quiet hours: the next Monday", at("2027-03-19T22:00:00"), quiet, "2027-03-22"],
    ["Saturday: Monday", at("2027-03-20T10:00:00"), noQuiet, "2027-03-22"],
    ["National Day (a holiday): the make-up Saturday 9 October", at("2027-10-01T10:00:00"), noQuiet, "2027-10-09"],
    ["Thursday 30 September 22:00: the holidays after it, then the make-up day", at("2027-09-30T22:00:00"), quiet, "2027-10-09"],
  ])("%s", (_label, now, q, day) => {
    expect(careTaskDueDay(now, q, office)).toBe(day);
  });

  test("working days: make-up days work, holidays do not, 24×7 always", () => {
    expect(isWorkingDay(office, "2027-10-09")).toBe(true);
    expect(isWorkingDay(office, "2027-10-04")).toBe(false);
    expect(isWorkingDay(CALENDAR_24X7, "2027-10-04")).toBe(true);
    expect(nextWorkingDay(office, "2027-10-02")).toBe("2027-10-09");
    expect(nextWorkingDay(office, "2027-10-11")).toBe("2027-10-11");
  });
});

describe("care rule definitions", () => {
  const base = { name: "r", trigger: "BIRTHDAY", triggerParam: 0, conditions: { tiers: [] } };
  test("GRANT_POINTS: a fixed number needs at least one point; the grade's birthday points need none", () => {
    expect(ruleDefinition.safeParse({ ...base, action: "GRANT_POINTS", actionParams: { source: "FIXED", points: 0 } }).success).toBe(false);
    const ok = ruleDefinition.parse({ ...base, action: "GRANT_POINTS", actionParams: { source: "GRADE_BIRTHDAY", points: 50 } });
    expect(ok.actionParams).toEqual({ source: "GRADE_BIRTHDAY", points: 0 });
  });

  test("CARE_TASK: a care kind (not a win-back, which comes from the retention list)", () => {
    expect(ruleDefinition.safeParse({ ...base, action: "CARE_TASK", actionParams: { teamId: 1, kind: "BIRTHDAY", note: "n" } }).success).toBe(true);
    expect(ruleDefinition.safeParse({ ...base, action: "CARE_TASK", actionParams: { teamId: 1, kind: "WIN_BACK", note: "n" } }).success).toBe(false);
  });

  test.each([
    ["FESTIVAL", 31, false],
    ["FESTIVAL", 0, true],
    ["SPECIAL_CARE_VISIT", 6, false],
    ["SPECIAL_CARE_VISIT", 30, true],
    ["PLAN_CHANGED", 0, false],
  ])("%s with N = %i valid: %s", (trigger, n, ok) => {
    expect(
      ruleDefinition.safeParse({
        ...base,
        trigger,
        triggerParam: n,
        action: "SEND_MESSAGE",
        actionParams: { channel: "SMS", messageZh: "您好", messageEn: "Hi" },
      }).success,
    ).toBe(ok);
  });

  test("marketing and care rules take different actions", () => {
    expect(PURPOSE_ACTIONS.MARKETING).not.toContain("GRANT_POINTS");
    expect(PURPOSE_ACTIONS.CARE).toEqual(["CARE_TASK", "SEND_MESSAGE", "GRANT_POINTS"]);
  });

  test("outcomes: four for care, three for a win-back", () => {
    expect(outcomesFor("BIRTHDAY")).toEqual(["COMPLETED", "NOT_REACHABLE", "DECLINED", "CALL_BACK"]);
    expect(outcomesFor("WIN_BACK")).toEqual(["RETAINED", "LOST", "NOT_REACHABLE"]);
  });
});

describe("care audit entries read as sentences", () => {
  test.each([
    [tEn, "Care task outcome recorded", "Care task 7", ["Outcome", "Call back"], ["Kind", "Birthday"]],
    [tZh, "记录关怀任务结果", "关怀任务 7", ["到期日", "2027-03-17"], ["类型", tZh("enums.careTaskKind.BIRTHDAY")]],
  ])("careTask.outcomeRecorded", (t, action, record, outcome, kind) => {
    const d = describeAuditEntry(
      { action: "careTask.outcomeRecorded", entity: "care_task", entityId: "7", data: { outcome: "CALL_BACK", kind: "BIRTHDAY", dueOn: "2027-03-17" } },
      t,
    );
    expect(d.action).toBe(action);
    expect(d.record).toBe(record);
    expect(d.details.map((x) => [x.label, x.value])).toEqual(expect.arrayContaining([outcome, kind]));
  });

  test("special care set: from → to in words", () => {
    const d = describeAuditEntry({ action: "customer.specialCareSet", entity: "customer", entityId: "3", data: { from: "NONE", to: "ELDERLY" } }, tEn);
    expect(d.action).toBe("Special care set");
    expect(d.details.map((x) => x.value)).toEqual(["None", "Elderly"]);
  });
});
