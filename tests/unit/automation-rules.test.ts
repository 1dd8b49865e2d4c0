// Automation rules (issue 22): the trigger date maths (birthdays with 29 February, contract ending,
// a new subscriber's day N, the days a pass catches up), quiet hours, and the rule's validation.
import { describe, test, expect } from "vitest";
import {
  addDays,
  birthdayFallsOn,
  contractEndFor,
  joinedOnFor,
  nextContactTime,
  operatorDay,
  passDays,
  simulationDays,
  MAX_CATCH_UP_DAYS,
} from "@/lib/automation/dates";
import { createRuleInput, TRIGGER_DEFS, AUTOMATION_TRIGGERS } from "@/lib/automation/schemas";
import { actionChannels, parseStoredRule } from "@/lib/automation/definition";

describe("the operator's day", () => {
  test.each([
    ["2027-03-14T15:59:59Z", "2027-03-14"],
    ["2027-03-14T16:00:00Z", "2027-03-15"], // midnight in Shanghai
    ["2026-12-31T16:30:00Z", "2027-01-01"],
  ])("%s is %s in Asia/Shanghai", (at, day) => {
    expect(operatorDay(new Date(at))).toBe(day);
  });
  test.each([
    ["2027-02-28", 1, "2027-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2027-01-31", 30, "2027-03-02"],
    ["2027-03-01", -1, "2027-02-28"],
  ])("%s %+d days = %s", (day, n, out) => {
    expect(addDays(day, n)).toBe(out);
  });
});

describe("birthdays", () => {
  test.each([
    ["1990-03-15", "2027-03-15", true],
    ["1990-03-15", "2027-03-16", false],
    ["1990-02-28", "2027-02-28", true],
    // 29 February: on 28 February in a common year, on the day itself in a leap year, never twice.
    ["1992-02-29", "2027-02-28", true],
    ["1992-02-29", "2027-03-01", false],
    ["1992-02-29", "2028-02-28", false],
    ["1992-02-29", "2028-02-29", true],
    ["1992-02-29", "2100-02-28", true], // 2100 is not a leap year
    ["1992-02-29", "2000-02-29", true],
  ])("born %s, on %s: %s", (birth, day, fires) => {
    expect(birthdayFallsOn(birth, day)).toBe(fires);
  });
});

describe("contract ending and new subscribers", () => {
  test.each([
    ["2027-03-15", 30, "2027-04-14"],
    ["2027-12-15", 30, "2028-01-14"],
    ["2028-02-01", 28, "2028-02-29"],
  ])("on %s, N = %d looks for contracts ending %s", (day, n, end) => {
    expect(contractEndFor(day, n)).toBe(end);
  });
  test.each([
    ["2027-03-15", 7, "2027-03-08"],
    ["2027-03-01", 1, "2027-02-28"],
  ])("on %s, day %d is of customers who joined %s", (day, n, joined) => {
    expect(joinedOnFor(day, n)).toBe(joined);
  });
});

describe("the days a pass evaluates", () => {
  const now = new Date("2027-03-15T02:00:00Z");
  test("a rule's first pass: today only", () => {
    expect(passDays(now, null)).toEqual(["2027-03-15"]);
  });
  test("later the same day: today", () => {
    expect(passDays(now, new Date("2027-03-15T01:50:00Z"))).toEqual(["2027-03-15"]);
  });
  test("after midnight: yesterday's events are not lost", () => {
    expect(passDays(new Date("2027-03-14T16:05:00Z"), new Date("2027-03-14T15:55:00Z"))).toEqual(["2027-03-14", "2027-03-15"]);
  });
  test("a trigger evaluated once a day: nothing more the same day, the missed days after an outage", () => {
    expect(passDays(now, new Date("2027-03-15T01:50:00Z"), true)).toEqual([]);
    expect(passDays(now, new Date("2027-03-13T02:00:00Z"), true)).toEqual(["2027-03-14", "2027-03-15"]);
    expect(passDays(now, null, true)).toEqual(["2027-03-15"]);
  });
  test(`after a long outage: at most ${MAX_CATCH_UP_DAYS} days back`, () => {
    const days = passDays(now, new Date("2027-01-01T00:00:00Z"));
    expect(days).toHaveLength(MAX_CATCH_UP_DAYS + 1);
    expect(days[0]).toBe("2027-03-08");
    expect(days.at(-1)).toBe("2027-03-15");
  });
  test("the simulation: the 30 days ending today", () => {
    expect(simulationDays(now)).toEqual({ from: "2027-02-14", to: "2027-03-15" });
  });
});

describe("quiet hours (Asia/Shanghai)", () => {
  const quiet = { start: "21:00", end: "08:00" };
  test.each([
    ["2027-03-15T02:00:00Z", "2027-03-15T02:00:00Z"], // 10:00: now
    ["2027-03-15T12:59:00Z", "2027-03-15T12:59:00Z"], // 20:59: now
    ["2027-03-15T13:00:00Z", "2027-03-16T00:00:00Z"], // 21:00: 08:00 the next morning
    ["2027-03-15T17:30:00Z", "2027-03-16T00:00:00Z"], // 01:30: 08:00 the same morning
    ["2027-03-15T23:59:00Z", "2027-03-16T00:00:00Z"], // 07:59
    ["2027-03-16T00:00:00Z", "2027-03-16T00:00:00Z"], // 08:00: now
  ])("at %s the next contact is %s", (at, next) => {
    expect(nextContactTime(new Date(at), quiet).toISOString()).toBe(new Date(next).toISOString());
  });
  test("quiet hours within a day, and none", () => {
    expect(nextContactTime(new Date("2027-03-15T05:00:00Z"), { start: "12:00", end: "14:00" }).toISOString()).toBe("2027-03-15T06:00:00.000Z");
    expect(nextContactTime(new Date("2027-03-15T13:00:00Z"), { start: "00:00", end: "00:00" }).toISOString()).toBe("2027-03-15T13:00:00.000Z");
  });
});

describe("validation of a rule", () => {
  const call = {
    name: "合约到期",
    trigger: "CONTRACT_ENDING",
    triggerParam: 30,
    conditions: { tiers: [] },
    action: "CALL_TASK",
    actionParams: { teamId: 1, note: "请联系" },
  };
  const fields = (input: unknown) => {
    const r = createRuleInput.safeParse(input);
    return r.success ? null : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };
  test("a valid rule parses; parameterless triggers store 0", () => {
    expect(fields(call)).toBeNull();
    expect(createRuleInput.parse({ ...call, trigger: "BIRTHDAY", triggerParam: 12 }).triggerParam).toBe(0);
  });
  test.each([
    [{ triggerParam: 0 }, "triggerParam", "tooSmall"],
    [{ triggerParam: 366 }, "triggerParam", "tooBig"],
    [{ trigger: "DATA_USAGE_HIGH", triggerParam: 501 }, "triggerParam", undefined],
    [{ actionParams: { teamId: 1, note: "" } }, "actionParams.note", "required"],
    [{ actionParams: { note: "x" } }, "actionParams.teamId", "required"],
    [{ action: "ENROL_CAMPAIGN", actionParams: {} }, "actionParams.campaignId", "required"],
    [{ action: "SEND_MESSAGE", actionParams: { channel: "FAX", messageZh: "a", messageEn: "b" } }, "actionParams.channel", "invalidOption"],
    [
      { action: "SEND_MESSAGE", actionParams: { channel: "SMS", messageZh: "您好{nmae}", messageEn: "Hi {name}" } },
      "actionParams.messageZh",
      "automationUnknownPlaceholder",
    ],
    [
      { action: "SEND_MESSAGE", actionParams: { channel: "EMAIL", messageZh: "您好", messageEn: "Hi", subjectEn: "{offerr}" } },
      "actionParams.subjectEn",
      "automationUnknownPlaceholder",
    ],
    [{ conditions: { tiers: ["PLATINUM"] } }, "conditions.tiers.0", undefined],
    [{ name: "  " }, "name", undefined],
  ])("%j is refused at %s", (change, field, key) => {
    const f = fields({ ...call, ...change });
    expect(f).not.toBeNull();
    expect(Object.keys(f!)).toContain(field);
    if (key) expect(f![field]).toBe(key);
  });
  test("every trigger has its table row: parameter bounds around the default", () => {
    for (const trigger of AUTOMATION_TRIGGERS) {
      const p = TRIGGER_DEFS[trigger].param;
      if (p) expect(p.min <= p.default && p.default <= p.max).toBe(true);
    }
  });
  test("a stored rule reads back, and the action names its channels", () => {
    const def = parseStoredRule({ ...call, conditions: { segmentId: null, tiers: ["GOLD"], consent: true } })!;
    expect(def.conditions.tiers).toEqual(["GOLD"]);
    expect(actionChannels(def)).toEqual(["OUTBOUND_CALL"]);
    const sms = parseStoredRule({ ...call, action: "SEND_MESSAGE", actionParams: { channel: "WECHAT", messageZh: "a", messageEn: "b" } })!;
    expect(actionChannels(sms)).toEqual(["WECHAT"]);
    const enrol = parseStoredRule({ ...call, action: "ENROL_CAMPAIGN", actionParams: { campaignId: 3 } })!;
    expect(actionChannels(enrol, ["SMS", "EMAIL"])).toEqual(["SMS", "EMAIL"]);
    expect(parseStoredRule({ ...call, actionParams: {} })).toBeNull();
  });
});
