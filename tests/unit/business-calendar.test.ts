import { describe, test, expect } from "vitest";
import {
  CALENDAR_24X7,
  DEFAULT_CALENDAR_WORKDAY,
  addBusinessMinutes,
  businessMinutesBetween,
  defineBusinessCalendar,
  nextWorkingMoment,
  validateCalendar,
  type BusinessCalendar,
  type TimeInterval,
} from "@/lib/sla/calendar";
import { NEW_YORK, NEW_YORK_EVERY_DAY, WHOLE_DAY } from "./calendar-fixtures";

// Expected values are worked out by hand. The default calendar: Mon–Fri 09:00–12:00 and
// 13:30–18:00 (450 business minutes a day), Asia/Shanghai, 2026 holidays and make-up days.
// 2026-03-09 is a Monday; nothing is off between 2026-03-09 and 2026-04-03.

const at = (iso: string): Date => new Date(iso);

const OFFICE: readonly TimeInterval[] = [
  { start: "09:00", end: "12:00" },
  { start: "13:30", end: "18:00" },
];

const W = DEFAULT_CALENDAR_WORKDAY;
const PLAIN_WITH_MAKEUP_MORNING = defineBusinessCalendar({
  weekly: { 1: OFFICE, 2: OFFICE, 3: OFFICE, 4: OFFICE, 5: OFFICE },
  makeupWorkdays: [{ date: "2026-03-14", intervals: [{ start: "09:00", end: "12:00" }] }],
});
// Sunday 01:00–04:00 contains the US DST change (02:00) on both 2026-03-08 and 2026-11-01.
const NEW_YORK_SUNDAY_NIGHT = defineBusinessCalendar({
  timeZone: "America/New_York",
  weekly: { 0: [{ start: "01:00", end: "04:00" }] },
});
// 02:30 does not exist on 2026-03-08 (moves to 03:30 EDT: an empty interval); 01:30 happens
// twice on 2026-11-01 (the earlier, EDT, is taken: 01:30 EDT → 02:30 EST is two real hours).
const NEW_YORK_SUNDAY_AMBIGUOUS = defineBusinessCalendar({
  timeZone: "America/New_York",
  weekly: {
    0: [
      { start: "01:30", end: "02:30" },
      { start: "02:30", end: "03:30" },
    ],
  },
});
const NEW_YORK_24X7: BusinessCalendar = {
  ...CALENDAR_24X7,
  timeZone: "America/New_York",
};
const KOLKATA = defineBusinessCalendar({
  timeZone: "Asia/Kolkata",
  weekly: {
    1: [{ start: "10:00", end: "18:00" }],
    2: [{ start: "10:00", end: "18:00" }],
  },
});

describe("addBusinessMinutes", () => {
  // prettier-ignore
  test.each<[string, BusinessCalendar, string, number, string]>([
    ["within one interval", W, "2026-03-09T09:30:00+08:00", 60, "2026-03-09T10:30:00+08:00"],
    ["ending exactly at lunch gives 12:00, not 13:30", W, "2026-03-09T09:00:00+08:00", 180, "2026-03-09T12:00:00+08:00"],
    ["spanning the lunch break", W, "2026-03-09T11:00:00+08:00", 90, "2026-03-09T14:00:00+08:00"],
    ["starting during lunch", W, "2026-03-09T12:15:00+08:00", 30, "2026-03-09T14:00:00+08:00"],
    ["starting before opening", W, "2026-03-09T07:00:00+08:00", 15, "2026-03-09T09:15:00+08:00"],
    ["starting after closing", W, "2026-03-09T19:00:00+08:00", 15, "2026-03-10T09:15:00+08:00"],
    ["overnight", W, "2026-03-09T17:00:00+08:00", 120, "2026-03-10T10:00:00+08:00"],
    ["a full working day ends at closing time", W, "2026-03-09T09:00:00+08:00", 450, "2026-03-09T18:00:00+08:00"],
    ["one minute past a full day", W, "2026-03-09T09:00:00+08:00", 451, "2026-03-10T09:01:00+08:00"],
    ["over the weekend", W, "2026-03-13T17:30:00+08:00", 60, "2026-03-16T09:30:00+08:00"],
    ["starting on a Saturday", W, "2026-03-14T10:00:00+08:00", 15, "2026-03-16T09:15:00+08:00"],
    ["24 business hours (3 days + 90 min)", W, "2026-03-09T09:00:00+08:00", 1440, "2026-03-12T10:30:00+08:00"],
    ["48 business hours across a weekend", W, "2026-03-09T10:00:00+08:00", 2880, "2026-03-17T14:30:00+08:00"],
    ["10 000 minutes (22 days + 100) across Qingming 04-04..06", W, "2026-03-09T09:00:00+08:00", 10_000, "2026-04-09T10:40:00+08:00"],
    ["Labour Day holidays 05-01..05", W, "2026-04-30T17:00:00+08:00", 120, "2026-05-06T10:00:00+08:00"],
    ["make-up working Saturday 05-09", W, "2026-05-08T17:00:00+08:00", 120, "2026-05-09T10:00:00+08:00"],
    ["New Year holidays, then make-up Sunday 01-04", W, "2025-12-31T17:30:00+08:00", 60, "2026-01-04T09:30:00+08:00"],
    ["Spring Festival 02-15..23 after make-up Saturday 02-14", W, "2026-02-14T17:00:00+08:00", 120, "2026-02-24T10:00:00+08:00"],
    ["National Day 10-01..07", W, "2026-09-30T17:00:00+08:00", 540, "2026-10-09T09:30:00+08:00"],
    ["make-up Saturday 10-10", W, "2026-10-09T17:00:00+08:00", 120, "2026-10-10T10:00:00+08:00"],
    ["make-up day with its own (morning-only) intervals", PLAIN_WITH_MAKEUP_MORNING, "2026-03-13T17:30:00+08:00", 240, "2026-03-16T09:30:00+08:00"],
    ["zero minutes outside hours returns start itself", W, "2026-03-14T10:00:00+08:00", 0, "2026-03-14T10:00:00+08:00"],
    ["zero minutes in hours", W, "2026-03-09T10:00:00+08:00", 0, "2026-03-09T10:00:00+08:00"],
    ["seconds are kept", W, "2026-03-09T09:00:30+08:00", 1, "2026-03-09T09:01:30+08:00"],
    ["fractional minutes", W, "2026-03-09T11:59:00+08:00", 1.5, "2026-03-09T13:30:30+08:00"],
    ["24/7 across midnight", CALENDAR_24X7, "2026-03-14T23:00:00+08:00", 90, "2026-03-15T00:30:00+08:00"],
    ["24/7 ignores holidays", CALENDAR_24X7, "2026-10-01T00:00:00+08:00", 2880, "2026-10-03T00:00:00+08:00"],
    ["New York across the DST change (EST → EDT)", NEW_YORK, "2026-03-06T16:00:00-05:00", 120, "2026-03-09T10:00:00-04:00"],
    ["New York 24/7 over the 23-hour day", NEW_YORK_24X7, "2026-03-07T12:00:00-05:00", 1440, "2026-03-08T13:00:00-04:00"],
    ["Kolkata (+05:30)", KOLKATA, "2026-03-09T17:30:00+05:30", 60, "2026-03-10T10:30:00+05:30"],
    ["Kolkata, expressed in +08:00", KOLKATA, "2026-03-09T20:00:00+08:00", 60, "2026-03-10T13:00:00+08:00"],
  ])("%s", (_name, calendar, start, minutes, expected) => {
    expect(addBusinessMinutes(calendar, at(start), minutes).toISOString()).toBe(at(expected).toISOString());
  });
});

describe("businessMinutesBetween", () => {
  // prettier-ignore
  test.each<[string, BusinessCalendar, string, string, number]>([
    ["within one interval", W, "2026-03-09T09:30:00+08:00", "2026-03-09T10:30:00+08:00", 60],
    ["across lunch", W, "2026-03-09T11:00:00+08:00", "2026-03-09T14:00:00+08:00", 90],
    ["inside lunch", W, "2026-03-09T12:10:00+08:00", "2026-03-09T13:20:00+08:00", 0],
    ["overnight", W, "2026-03-09T17:00:00+08:00", "2026-03-10T10:00:00+08:00", 120],
    ["over the weekend", W, "2026-03-13T17:30:00+08:00", "2026-03-16T09:30:00+08:00", 60],
    ["a whole week (5 × 450)", W, "2026-03-09T00:00:00+08:00", "2026-03-16T00:00:00+08:00", 2250],
    ["over Qingming", W, "2026-04-03T17:00:00+08:00", "2026-04-07T10:00:00+08:00", 120],
    ["a holiday weekday counts nothing", W, "2026-05-01T00:00:00+08:00", "2026-05-02T00:00:00+08:00", 0],
    ["a make-up Saturday counts a full day", W, "2026-05-09T08:00:00+08:00", "2026-05-09T20:00:00+08:00", 450],
    ["from inside National Day", W, "2026-10-01T10:00:00+08:00", "2026-10-08T10:00:00+08:00", 60],
    ["the 10 000-minute span", W, "2026-03-09T09:00:00+08:00", "2026-04-09T10:40:00+08:00", 10_000],
    ["to equal to from", W, "2026-03-09T10:00:00+08:00", "2026-03-09T10:00:00+08:00", 0],
    ["to before from", W, "2026-03-09T11:00:00+08:00", "2026-03-09T10:00:00+08:00", 0],
    ["24/7", CALENDAR_24X7, "2026-03-14T23:00:00+08:00", "2026-03-15T00:30:00+08:00", 90],
    ["New York across the DST change", NEW_YORK, "2026-03-06T16:00:00-05:00", "2026-03-09T10:00:00-04:00", 120],
    ["New York whole-day calendar, 23-hour day", NEW_YORK_EVERY_DAY, "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 1380],
    ["New York whole-day calendar, 25-hour day", NEW_YORK_EVERY_DAY, "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 1500],
    ["interval 01:00–04:00 across spring-forward is 2 real hours", NEW_YORK_SUNDAY_NIGHT, "2026-03-08T00:00:00-05:00", "2026-03-08T12:00:00-04:00", 120],
    ["interval 01:00–04:00 across fall-back is 4 real hours", NEW_YORK_SUNDAY_NIGHT, "2026-11-01T00:00:00-04:00", "2026-11-01T12:00:00-05:00", 240],
    ["wall times skipped by spring-forward", NEW_YORK_SUNDAY_AMBIGUOUS, "2026-03-08T00:00:00-05:00", "2026-03-08T12:00:00-04:00", 60],
    ["wall times repeated by fall-back", NEW_YORK_SUNDAY_AMBIGUOUS, "2026-11-01T00:00:00-04:00", "2026-11-01T12:00:00-05:00", 180],
    ["the same intervals on an ordinary Sunday", NEW_YORK_SUNDAY_AMBIGUOUS, "2026-03-15T00:00:00-04:00", "2026-03-15T12:00:00-04:00", 120],
    ["Kolkata overnight", KOLKATA, "2026-03-09T17:30:00+05:30", "2026-03-10T10:30:00+05:30", 60],
  ])("%s", (_name, calendar, from, to, expected) => {
    expect(businessMinutesBetween(calendar, at(from), at(to))).toBe(expected);
  });
});

describe("nextWorkingMoment", () => {
  // prettier-ignore
  test.each<[string, BusinessCalendar, string, string]>([
    ["in hours: itself", W, "2026-03-09T10:00:00+08:00", "2026-03-09T10:00:00+08:00"],
    ["at lunch: 13:30", W, "2026-03-09T12:30:00+08:00", "2026-03-09T13:30:00+08:00"],
    ["closing time is not working time", W, "2026-03-13T18:00:00+08:00", "2026-03-16T09:00:00+08:00"],
    ["before Labour Day", W, "2026-04-30T19:00:00+08:00", "2026-05-06T09:00:00+08:00"],
    ["make-up Saturday morning", W, "2026-05-09T07:00:00+08:00", "2026-05-09T09:00:00+08:00"],
    ["24/7: itself", CALENDAR_24X7, "2026-10-01T03:00:00+08:00", "2026-10-01T03:00:00+08:00"],
  ])("%s", (_name, calendar, when, expected) => {
    expect(nextWorkingMoment(calendar, at(when)).toISOString()).toBe(at(expected).toISOString());
  });
});

describe("calendars without working time and bad input", () => {
  const EMPTY = defineBusinessCalendar();
  const ONE_MAKEUP_DAY = defineBusinessCalendar({
    makeupWorkdays: [{ date: "2026-03-14", intervals: OFFICE }],
  });

  // prettier-ignore

  test.each<[string, () => unknown]>([
    ["addBusinessMinutes", () => addBusinessMinutes(EMPTY, at("2026-03-09T10:00:00+08:00"), 60)],
    ["businessMinutesBetween", () => businessMinutesBetween(EMPTY, at("2026-03-09T10:00:00+08:00"), at("2026-03-10T10:00:00+08:00"))],
    ["nextWorkingMoment", () => nextWorkingMoment(EMPTY, at("2026-03-09T10:00:00+08:00"))],
  ])("an empty calendar makes %s throw", (_name, run) => {
    expect(run).toThrow(/no working time/);
  });

  test("a make-up-only calendar works on its day", () => {
    expect(addBusinessMinutes(ONE_MAKEUP_DAY, at("2026-03-14T09:00:00+08:00"), 60).toISOString()).toBe(at("2026-03-14T10:00:00+08:00").toISOString());
  });

  test("a make-up-only calendar throws once its last day is used up, without looping forever", () => {
    expect(() => addBusinessMinutes(ONE_MAKEUP_DAY, at("2026-03-14T17:00:00+08:00"), 120)).toThrow(/no working time/);
  });

  test("a calendar whose only working day is always a holiday throws after a bounded search", () => {
    const everyMonday2026To2028 = Array.from({ length: 3 * 53 }, (_, i) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10));
    const mondaysOff = defineBusinessCalendar({
      weekly: { 1: OFFICE },
      holidays: everyMonday2026To2028,
    });
    expect(() => addBusinessMinutes(mondaysOff, at("2026-01-01T00:00:00+08:00"), 1)).toThrow(/no working time/);
  });

  // prettier-ignore

  test.each<[string, () => unknown, RegExp]>([
    ["negative minutes", () => addBusinessMinutes(W, at("2026-03-09T10:00:00+08:00"), -1), /minutes/],
    ["NaN minutes", () => addBusinessMinutes(W, at("2026-03-09T10:00:00+08:00"), Number.NaN), /minutes/],
    ["an invalid date", () => addBusinessMinutes(W, new Date("nope"), 1), /start/],
    ["an overlapping calendar", () => addBusinessMinutes(defineBusinessCalendar({ weekly: { 1: [{ start: "09:00", end: "12:00" }, { start: "11:00", end: "13:00" }] } }), at("2026-03-09T10:00:00+08:00"), 1), /Invalid business calendar/],
    ["an unknown time zone", () => businessMinutesBetween({ ...W, timeZone: "Mars/Olympus_Mons" }, at("2026-03-09T10:00:00+08:00"), at("2026-03-09T11:00:00+08:00")), /time zone/],
  ])("rejects %s", (_name, run, message) => {
    expect(run).toThrow(message);
  });
});

describe("validateCalendar", () => {
  const weekdays = (intervals: readonly TimeInterval[]) => ({
    1: intervals,
    2: intervals,
    3: intervals,
  });

  // prettier-ignore

  test.each<[string, BusinessCalendar, string[]]>([
    ["the seeded default", DEFAULT_CALENDAR_WORKDAY, []],
    ["24/7", CALENDAR_24X7, []],
    ["24/7 with an empty week", defineBusinessCalendar({ is24x7: true }), []],
    ["touching intervals", defineBusinessCalendar({ weekly: weekdays([{ start: "09:00", end: "12:00" }, { start: "12:00", end: "13:00" }]) }), []],
    ["a whole day to 24:00", defineBusinessCalendar({ weekly: { 6: WHOLE_DAY } }), []],
    ["overlapping intervals (unsorted)", defineBusinessCalendar({ weekly: { 1: [{ start: "13:00", end: "18:00" }, { start: "09:00", end: "13:30" }] } }), ["OVERLAP"]],
    ["end before start", defineBusinessCalendar({ weekly: { 1: [{ start: "18:00", end: "09:00" }] } }), ["END_NOT_AFTER_START", "NO_WORKING_TIME"]],
    ["end equal to start", defineBusinessCalendar({ weekly: { 1: OFFICE, 2: [{ start: "09:00", end: "09:00" }] } }), ["END_NOT_AFTER_START"]],
    ["single-digit hour", defineBusinessCalendar({ weekly: { 1: [{ start: "9:00", end: "12:00" }], 2: OFFICE } }), ["BAD_TIME_FORMAT"]],
    ["24:00 as a start", defineBusinessCalendar({ weekly: { 1: OFFICE, 2: [{ start: "24:00", end: "24:00" }] } }), ["BAD_TIME_FORMAT"]],
    ["minute 60", defineBusinessCalendar({ weekly: { 1: [{ start: "09:00", end: "18:60" }], 2: OFFICE } }), ["BAD_TIME_FORMAT"]],
    ["24:30", defineBusinessCalendar({ weekly: { 1: [{ start: "22:00", end: "24:30" }], 2: OFFICE } }), ["BAD_TIME_FORMAT"]],
    ["a holiday on 30 February", defineBusinessCalendar({ weekly: weekdays(OFFICE), holidays: ["2026-02-30"] }), ["BAD_DATE"]],
    ["a holiday with slashes", defineBusinessCalendar({ weekly: weekdays(OFFICE), holidays: ["2026/03/01"] }), ["BAD_DATE"]],
    ["a make-up day that is not a date", defineBusinessCalendar({ weekly: weekdays(OFFICE), makeupWorkdays: ["tomorrow"] }), ["BAD_DATE"]],
    ["an unknown time zone", defineBusinessCalendar({ timeZone: "Asia/Atlantis", weekly: weekdays(OFFICE) }), ["BAD_TIME_ZONE"]],
    ["a date both holiday and make-up day", defineBusinessCalendar({ weekly: weekdays(OFFICE), holidays: ["2026-05-09"], makeupWorkdays: ["2026-05-09"] }), ["HOLIDAY_MAKEUP_CONFLICT"]],
    ["a make-up day listed twice", defineBusinessCalendar({ weekly: weekdays(OFFICE), makeupWorkdays: ["2026-05-09", { date: "2026-05-09", intervals: OFFICE }] }), ["DUPLICATE_DATE"]],
    ["a make-up day with no Monday intervals to borrow", defineBusinessCalendar({ weekly: { 2: OFFICE }, makeupWorkdays: ["2026-05-09"] }), ["MAKEUP_WITHOUT_INTERVALS"]],
    ["a make-up day's own bad interval", defineBusinessCalendar({ weekly: weekdays(OFFICE), makeupWorkdays: [{ date: "2026-05-09", intervals: [{ start: "09:00", end: "9pm" }] }] }), ["BAD_TIME_FORMAT"]],
    ["no working time at all", defineBusinessCalendar({ holidays: ["2026-01-01"] }), ["NO_WORKING_TIME"]],
  ])("%s", (_name, calendar, codes) => {
    expect(validateCalendar(calendar).map((p) => p.code)).toEqual(codes);
  });

  test("problems point at the offending field", () => {
    const cal = defineBusinessCalendar({
      weekly: weekdays(OFFICE),
      makeupWorkdays: [{ date: "2026-05-09", intervals: [{ start: "09:00", end: "9pm" }] }],
    });
    expect(validateCalendar(cal).map((p) => p.path)).toEqual(["makeupWorkdays[0].intervals[0].end"]);
  });
});

describe("seeded calendars", () => {
  test("a calendar changed after use is not served from a stale cache", () => {
    const holidays: string[] = [];
    const cal = defineBusinessCalendar({ weekly: { 1: OFFICE }, holidays });
    const monday = [at("2026-03-09T00:00:00+08:00"), at("2026-03-10T00:00:00+08:00")] as const;
    const before = businessMinutesBetween(cal, ...monday);
    holidays.push("2026-03-09");
    expect([before, businessMinutesBetween(cal, ...monday)]).toEqual([450, 0]);
  });

  test("the default is frozen so callers cannot change it by accident", () => {
    expect(Object.isFrozen(DEFAULT_CALENDAR_WORKDAY) && Object.isFrozen(DEFAULT_CALENDAR_WORKDAY.holidays)).toBe(true);
  });

  // prettier-ignore

  test.each<[string, string, boolean]>([
    ["2026-10-01", "holiday", false],
    ["2026-02-17", "Spring Festival", false],
    ["2026-09-20", "make-up Sunday", true],
    ["2026-02-28", "make-up Saturday", true],
    ["2026-03-09", "plain Monday", true],
    ["2026-03-15", "plain Sunday", false],
  ])("%s (%s) worked: %s", (date, _label, worked) => {
    const minutes = businessMinutesBetween(W, at(`${date}T00:00:00+08:00`), at(`${date}T23:59:00+08:00`));
    expect(minutes).toBe(worked ? 450 : 0);
  });
});
