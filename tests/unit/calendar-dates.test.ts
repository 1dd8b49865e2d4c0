import { describe, expect, test } from "vitest";
import { compactDates, expandRange, normaliseDate, parseDateList, parseHolidayNotice } from "@/lib/sla/calendar-dates";
import { DEFAULT_CALENDAR_WORKDAY, defineBusinessCalendar, validateCalendar, type TimeInterval } from "@/lib/sla/calendar";

// Holidays and make-up days as admins enter them (typed lists, the State Council's notice) and the
// checks that name the offending date. 2027-01-01 is a Friday; 2027-02-06 a Saturday.

// 国办发明电〔2025〕7号 (the 2026 holidays), as published; the OFFICE calendar of the complaints
// migration (and DEFAULT_CALENDAR_WORKDAY) encodes it.
const NOTICE_2026 = `一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

const SPRING_2027 = "春节：2月6日（周六）至12日（周五）放假调休，共7天。1月31日（周日）、2月20日（周六）上班。";

describe("parseHolidayNotice", () => {
  test("the 2026 notice gives exactly the OFFICE calendar's holidays and make-up days", () => {
    const r = parseHolidayNotice(NOTICE_2026, 2026);
    expect(r.problems).toEqual([]);
    expect(r.festivals.map((f) => f.name)).toEqual(["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]);
    expect(r.holidays).toEqual([...DEFAULT_CALENDAR_WORKDAY.holidays].sort());
    expect(r.makeupWorkdays).toEqual([...DEFAULT_CALENDAR_WORKDAY.makeupWorkdays].sort());
  });

  test.each([
    ["2027 Spring Festival", SPRING_2027, 2027, ["2027-02-06..2027-02-12"], ["2027-01-31", "2027-02-20"], []],
    [
      "the brief's wording, 星期六, no weekday on the range",
      "春节：2月17日至23日放假调休，共7天。2月14日（星期六）、2月28日（星期六）上班。",
      2026,
      ["2026-02-17..2026-02-23"],
      ["2026-02-14", "2026-02-28"],
      [],
    ],
    ["New Year 2027, three days, no make-up day", "元旦：1月1日（周五）至3日（周日）放假调休，共3天。", 2027, ["2027-01-01..2027-01-03"], [], []],
    ["one day off", "元旦：1月1日放假，与周末连休。", 2027, ["2027-01-01"], [], []],
    ["a range across a month end", "劳动节：4月30日至5月4日放假调休，共5天。4月25日（周日）上班。", 2027, ["2027-04-30..2027-05-04"], ["2027-04-25"], []],
    [
      "a full-width numbered line and a separate make-up sentence",
      "三、国庆节：10月1日至7日放假调休，共7天。\n9月26日（周日）、10月9日（周六）上班。",
      2027,
      ["2027-10-01..2027-10-07"],
      ["2027-09-26", "2027-10-09"],
      [],
    ],
    [
      "the notice of another year: weekdays do not match",
      SPRING_2027,
      2028,
      ["2028-02-06..2028-02-12"],
      ["2028-01-31", "2028-02-20"],
      ["WEEKDAY_MISMATCH:2028-02-06", "WEEKDAY_MISMATCH:2028-02-12", "WEEKDAY_MISMATCH:2028-01-31", "WEEKDAY_MISMATCH:2028-02-20"],
    ],
    ["a day that does not exist", "春节：2月30日放假。", 2027, [], [], ["BAD_DATE:2027-02-30"]],
    [
      "a day of the year before (the notice's own year wins)",
      "元旦：2026年12月31日至2027年1月2日放假调休，共3天。",
      2027,
      ["2027-01-01..2027-01-02"],
      [],
      ["OUTSIDE_YEAR:2026-12-31"],
    ],
    ["nothing that looks like a notice", "hello", 2027, [], [], ["NOTHING_FOUND:"]],
  ])("%s", (_name, text, year, holidays, makeups, problems) => {
    const r = parseHolidayNotice(text, year);
    expect(compactDates(r.holidays)).toEqual(holidays);
    expect(r.makeupWorkdays).toEqual(makeups);
    expect(r.problems.map((p) => `${p.code}:${p.date}`)).toEqual(problems);
  });
});

describe("parseDateList", () => {
  test.each([
    ["a range", "2027-02-06..2027-02-12", 2027, 7, []],
    [
      "ranges with ~, 至 and ' - ', dates with slashes and 年月日",
      "2027-02-06~2027-02-07\n2027/2/8 至 2027/2/9\n2027-02-10 - 2027-02-10\n2027年2月11日",
      2027,
      6,
      [],
    ],
    ["one per line, commas, duplicates dropped", "2027-05-01, 2027-05-02\n2027-05-01", 2027, 2, []],
    ["blank lines and spaces", "\n  2027-05-01  \n\n", 2027, 1, []],
    ["a bad date names itself", "2027-02-30", 2027, 0, ["BAD_DATE:2027-02-30"]],
    ["text is not a date", "tomorrow", 2027, 0, ["BAD_DATE:tomorrow"]],
    ["a backwards range", "2027-02-12..2027-02-06", 2027, 0, ["BAD_RANGE:2027-02-12..2027-02-06"]],
    ["a range over 31 days", "2027-01-01..2027-03-01", 2027, 0, ["RANGE_TOO_LONG:2027-01-01..2027-03-01"]],
    ["a date outside the year being edited", "2026-12-31..2027-01-01", 2027, 1, ["OUTSIDE_YEAR:2026-12-31"]],
    ["no year given: any year", "2026-12-31", undefined, 1, []],
  ])("%s", (_name, text, year, count, problems) => {
    const r = parseDateList(text, year);
    expect(r.dates).toHaveLength(count);
    expect(r.problems.map((p) => `${p.code}:${p.date}`)).toEqual(problems);
  });

  test("dates come back sorted and distinct", () => {
    expect(parseDateList("2027-02-12\n2027-02-10..2027-02-11\n2027-02-11").dates).toEqual(["2027-02-10", "2027-02-11", "2027-02-12"]);
  });
});

describe("date helpers", () => {
  test.each([
    ["2027-2-6", "2027-02-06"],
    ["2027/02/06", "2027-02-06"],
    ["2027.2.6", "2027-02-06"],
    ["2027年2月6日", "2027-02-06"],
    ["2027-02-29", null],
    ["06/02/2027", null],
  ])("normaliseDate(%s)", (text, iso) => expect(normaliseDate(text)).toBe(iso));

  test("ranges expand inclusively and fold back", () => {
    const days = expandRange("2027-02-27", "2027-03-02");
    expect(days).toEqual(["2027-02-27", "2027-02-28", "2027-03-01", "2027-03-02"]);
    expect(compactDates([...days, "2027-03-05", "2027-02-27"])).toEqual(["2027-02-27..2027-03-02", "2027-03-05"]);
    expect(expandRange("2027-03-02", "2027-02-27")).toEqual([]);
  });
});

const DAY: TimeInterval[] = [{ start: "08:00", end: "20:00" }];
const WEEKDAYS_0820 = { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY };

describe("calendar checks name the date", () => {
  test.each([
    ["a make-up day on a holiday", { holidays: ["2027-02-08"], makeupWorkdays: ["2027-02-08"] }, ["HOLIDAY_MAKEUP_CONFLICT:2027-02-08"]],
    ["a make-up day that is already a working weekday (Monday)", { makeupWorkdays: ["2027-02-15"] }, ["MAKEUP_ON_WORKDAY:2027-02-15"]],
    ["a holiday listed twice", { holidays: ["2027-02-06", "2027-02-06"] }, ["DUPLICATE_DATE:2027-02-06"]],
    ["a make-up day listed twice", { makeupWorkdays: ["2027-02-20", "2027-02-20"] }, ["DUPLICATE_DATE:2027-02-20"]],
    ["a bad holiday date", { holidays: ["2027-02-29"] }, ["BAD_DATE:2027-02-29"]],
    ["the 2027 Spring Festival, right", { holidays: expandRange("2027-02-06", "2027-02-12"), makeupWorkdays: ["2027-01-31", "2027-02-20"] }, []],
  ])("%s", (_name, dates, expected) => {
    const cal = defineBusinessCalendar({ weekly: WEEKDAYS_0820, ...dates });
    expect(validateCalendar(cal).map((p) => `${p.code}:${p.date}`)).toEqual(expected);
  });

  test.each([
    [
      "overlapping intervals in a day",
      {
        1: [
          { start: "08:00", end: "12:30" },
          { start: "12:00", end: "20:00" },
        ],
      },
      "OVERLAP",
      "weekly.1",
    ],
    ["an end before the start", { 3: [{ start: "20:00", end: "08:00" }], 1: DAY }, "END_NOT_AFTER_START", "weekly.3[0]"],
    ["an end equal to the start", { 1: DAY, 5: [{ start: "12:00", end: "12:00" }] }, "END_NOT_AFTER_START", "weekly.5[0]"],
  ])("%s", (_name, weekly, code, path) => {
    const problems = validateCalendar(defineBusinessCalendar({ weekly }));
    expect(problems.map((p) => [p.code, p.path])).toEqual([[code, path]]);
  });

  test("a make-up day on a 24/7 calendar is not a working-weekday problem", () => {
    expect(validateCalendar(defineBusinessCalendar({ is24x7: true, weekly: WEEKDAYS_0820, makeupWorkdays: ["2027-02-15"] }))).toEqual([]);
  });
});
