import { describe, test, expect } from "vitest";
import { CALENDAR_24X7, DEFAULT_CALENDAR_WORKDAY, defineBusinessCalendar } from "@/lib/sla/calendar";
import { NEW_YORK } from "./calendar-fixtures";
import { computeClock, computeClockSpans, type ClockInput, type ClockPhase, type SlaStatus } from "@/lib/sla/clock";

// Expected values are worked out by hand (the business-time arithmetic itself is covered in
// business-calendar.test.ts). The default calendar: Mon–Fri 09:00–12:00 and 13:30–18:00
// (450 business minutes a day), Asia/Shanghai, 2026 holidays and make-up days.
// 2026-03-09 is a Monday; nothing is off between 2026-03-09 and 2026-04-03.

const at = (iso: string): Date => new Date(iso);

const W = DEFAULT_CALENDAR_WORKDAY;

describe("computeClock: bad input", () => {
  const EMPTY = defineBusinessCalendar();

  test("an empty calendar makes computeClock throw", () => {
    const run = () => computeClock({ calendar: EMPTY, targetMinutes: 60, startedAt: at("2026-03-09T10:00:00+08:00"), now: at("2026-03-09T11:00:00+08:00") });
    expect(run).toThrow(/no working time/);
  });

  // prettier-ignore

  test.each<[string, () => unknown, RegExp]>([
    ["a warn ratio above 1", () => computeClock({ calendar: W, targetMinutes: 60, startedAt: at("2026-03-09T10:00:00+08:00"), now: at("2026-03-09T10:00:00+08:00"), warnAtRatio: 1.5 }), /warnAtRatio/],
    ["a negative target", () => computeClock({ calendar: W, targetMinutes: -5, startedAt: at("2026-03-09T10:00:00+08:00"), now: at("2026-03-09T10:00:00+08:00") }), /targetMinutes/],
    ["a pause ending before it starts", () => computeClock({ calendar: W, targetMinutes: 60, startedAt: at("2026-03-09T09:00:00+08:00"), now: at("2026-03-09T12:00:00+08:00"), pauses: [{ from: at("2026-03-09T11:00:00+08:00"), to: at("2026-03-09T10:00:00+08:00") }] }), /pauses\[0\]/],
  ])("rejects %s", (_name, run, message) => {
    expect(run).toThrow(message);
  });
});

type Expected = {
  status: SlaStatus;
  elapsed: number;
  remaining: number;
  dueAt: string;
  warnAt: string;
  breachedAt: string | null;
  isPaused?: boolean;
};

function expectClock(input: ClockInput, e: Expected): void {
  const clock = computeClock(input);
  expect({
    status: clock.status,
    elapsed: clock.elapsedMinutes,
    remaining: clock.remainingMinutes,
    dueAt: clock.dueAt.toISOString(),
    warnAt: clock.warnAt.toISOString(),
    breachedAt: clock.breachedAt?.toISOString() ?? null,
    isPaused: clock.isPaused,
    isBreached: clock.isBreached,
  }).toEqual({
    status: e.status,
    elapsed: e.elapsed,
    remaining: e.remaining,
    dueAt: at(e.dueAt).toISOString(),
    warnAt: at(e.warnAt).toISOString(),
    breachedAt: e.breachedAt === null ? null : at(e.breachedAt).toISOString(),
    isPaused: e.isPaused ?? false,
    isBreached: e.status === "BREACHED" || e.status === "MET_LATE",
  });
}

const pause = (from: string, to: string | null) => ({
  from: at(from),
  to: to === null ? null : at(to),
});

describe("computeClock", () => {
  // Started Monday 09:00, 300 business minutes: due 15:30 (180 before lunch + 120 after),
  // warning at 80 % = 240 minutes = 14:30.
  const base = {
    calendar: W,
    targetMinutes: 300,
    startedAt: at("2026-03-09T09:00:00+08:00"),
    warnAtRatio: 0.8,
  };
  type Case = [string, Partial<ClockInput> & { now: Date }, Expected];

  // prettier-ignore

  test.each<Case>([
    ["running, early", { now: at("2026-03-09T10:00:00+08:00") },
      { status: "ON_TRACK", elapsed: 60, remaining: 240, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["over lunch nothing counts", { now: at("2026-03-09T12:45:00+08:00") },
      { status: "ON_TRACK", elapsed: 180, remaining: 120, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["one minute before the 80 % warning", { now: at("2026-03-09T14:29:00+08:00") },
      { status: "ON_TRACK", elapsed: 239, remaining: 61, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["exactly at the 80 % warning", { now: at("2026-03-09T14:30:00+08:00") },
      { status: "AT_RISK", elapsed: 240, remaining: 60, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["exactly at the deadline: not yet breached", { now: at("2026-03-09T15:30:00+08:00") },
      { status: "AT_RISK", elapsed: 300, remaining: 0, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["one minute past the deadline", { now: at("2026-03-09T15:31:00+08:00") },
      { status: "BREACHED", elapsed: 301, remaining: -1, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: "2026-03-09T15:30:00+08:00" }],
    ["next morning, overdue by 210", { now: at("2026-03-10T10:00:00+08:00") },
      { status: "BREACHED", elapsed: 510, remaining: -210, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: "2026-03-09T15:30:00+08:00" }],
    ["warn ratio 0.5", { now: at("2026-03-09T11:30:00+08:00"), warnAtRatio: 0.5 },
      { status: "AT_RISK", elapsed: 150, remaining: 150, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T11:30:00+08:00", breachedAt: null }],
    ["warn ratio 1 warns only at the deadline", { now: at("2026-03-09T15:00:00+08:00"), warnAtRatio: 1 },
      { status: "ON_TRACK", elapsed: 270, remaining: 30, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T15:30:00+08:00", breachedAt: null }],
    ["now before the start", { now: at("2026-03-09T08:00:00+08:00") },
      { status: "ON_TRACK", elapsed: 0, remaining: 300, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["met early: due/warn as they stood", { now: at("2026-03-09T16:00:00+08:00"), stoppedAt: at("2026-03-09T11:00:00+08:00") },
      { status: "MET", elapsed: 120, remaining: 180, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["met exactly at the deadline", { now: at("2026-03-10T10:00:00+08:00"), stoppedAt: at("2026-03-09T15:30:00+08:00") },
      { status: "MET", elapsed: 300, remaining: 0, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["met late by one minute", { now: at("2026-03-10T10:00:00+08:00"), stoppedAt: at("2026-03-09T15:31:00+08:00") },
      { status: "MET_LATE", elapsed: 301, remaining: -1, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: "2026-03-09T15:30:00+08:00" }],
    ["a stop later than now has not happened yet", { now: at("2026-03-09T11:00:00+08:00"), stoppedAt: at("2026-03-09T16:00:00+08:00") },
      { status: "ON_TRACK", elapsed: 120, remaining: 180, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["one closed pause 10:00–11:00", { now: at("2026-03-09T16:00:00+08:00"), pauses: [pause("2026-03-09T10:00:00+08:00", "2026-03-09T11:00:00+08:00")] },
      { status: "AT_RISK", elapsed: 270, remaining: 30, dueAt: "2026-03-09T16:30:00+08:00", warnAt: "2026-03-09T15:30:00+08:00", breachedAt: null }],
    ["a pause still open at now: due projected from now", { now: at("2026-03-09T14:00:00+08:00"), pauses: [pause("2026-03-09T10:00:00+08:00", null)] },
      { status: "PAUSED", elapsed: 60, remaining: 240, dueAt: "2026-03-09T18:00:00+08:00", warnAt: "2026-03-09T17:00:00+08:00", breachedAt: null, isPaused: true }],
    ["several pauses, one across lunch", { now: at("2026-03-09T16:00:00+08:00"), pauses: [pause("2026-03-09T09:30:00+08:00", "2026-03-09T10:00:00+08:00"), pause("2026-03-09T11:00:00+08:00", "2026-03-09T14:00:00+08:00")] },
      { status: "ON_TRACK", elapsed: 210, remaining: 90, dueAt: "2026-03-09T17:30:00+08:00", warnAt: "2026-03-09T16:30:00+08:00", breachedAt: null }],
    ["overlapping pauses (pending and held) are merged", { now: at("2026-03-09T12:00:00+08:00"), pauses: [pause("2026-03-09T10:30:00+08:00", "2026-03-09T11:30:00+08:00"), pause("2026-03-09T10:00:00+08:00", "2026-03-09T11:00:00+08:00")] },
      { status: "ON_TRACK", elapsed: 90, remaining: 210, dueAt: "2026-03-09T17:00:00+08:00", warnAt: "2026-03-09T16:00:00+08:00", breachedAt: null }],
    ["a pause from before the start is clipped", { now: at("2026-03-09T10:00:00+08:00"), pauses: [pause("2026-03-09T08:00:00+08:00", "2026-03-09T09:30:00+08:00")] },
      { status: "ON_TRACK", elapsed: 30, remaining: 270, dueAt: "2026-03-09T16:00:00+08:00", warnAt: "2026-03-09T15:00:00+08:00", breachedAt: null }],
    ["a pause later than now is ignored", { now: at("2026-03-09T10:30:00+08:00"), pauses: [pause("2026-03-09T11:00:00+08:00", "2026-03-09T12:00:00+08:00")] },
      { status: "ON_TRACK", elapsed: 90, remaining: 210, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null }],
    ["breached, then paused: stays BREACHED", { now: at("2026-03-09T16:00:00+08:00"), pauses: [pause("2026-03-09T15:45:00+08:00", null)] },
      { status: "BREACHED", elapsed: 315, remaining: -15, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: "2026-03-09T15:30:00+08:00", isPaused: true }],
    ["paused exactly at the deadline: not breached", { now: at("2026-03-09T16:00:00+08:00"), pauses: [pause("2026-03-09T15:30:00+08:00", null)] },
      { status: "PAUSED", elapsed: 300, remaining: 0, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: null, isPaused: true }],
    ["resumed after that: breached", { now: at("2026-03-09T16:01:00+08:00"), pauses: [pause("2026-03-09T15:30:00+08:00", "2026-03-09T16:00:00+08:00")] },
      { status: "BREACHED", elapsed: 301, remaining: -1, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: "2026-03-09T15:30:00+08:00" }],
    ["resolved while paused: MET, projections from the stop", { now: at("2026-03-09T16:00:00+08:00"), stoppedAt: at("2026-03-09T11:00:00+08:00"), pauses: [pause("2026-03-09T10:00:00+08:00", null)] },
      { status: "MET", elapsed: 60, remaining: 240, dueAt: "2026-03-09T16:30:00+08:00", warnAt: "2026-03-09T15:30:00+08:00", breachedAt: null }],
    ["a 12:00 deadline is breached during lunch", { targetMinutes: 180, now: at("2026-03-09T12:30:00+08:00") },
      { status: "BREACHED", elapsed: 180, remaining: 0, dueAt: "2026-03-09T12:00:00+08:00", warnAt: "2026-03-09T11:24:00+08:00", breachedAt: "2026-03-09T12:00:00+08:00" }],
    ["stopped over lunch after a 12:00 deadline: MET_LATE", { targetMinutes: 180, now: at("2026-03-09T15:00:00+08:00"), stoppedAt: at("2026-03-09T12:30:00+08:00") },
      { status: "MET_LATE", elapsed: 180, remaining: 0, dueAt: "2026-03-09T12:00:00+08:00", warnAt: "2026-03-09T11:24:00+08:00", breachedAt: "2026-03-09T12:00:00+08:00" }],
    ["started on a Saturday: counts from Monday 09:00", { targetMinutes: 60, startedAt: at("2026-03-14T10:00:00+08:00"), now: at("2026-03-16T09:30:00+08:00") },
      { status: "ON_TRACK", elapsed: 30, remaining: 30, dueAt: "2026-03-16T10:00:00+08:00", warnAt: "2026-03-16T09:48:00+08:00", breachedAt: null }],
    ["Labour Day inside the clock", { targetMinutes: 120, startedAt: at("2026-04-30T17:00:00+08:00"), now: at("2026-05-06T09:30:00+08:00") },
      { status: "ON_TRACK", elapsed: 90, remaining: 30, dueAt: "2026-05-06T10:00:00+08:00", warnAt: "2026-05-06T09:36:00+08:00", breachedAt: null }],
    ["24/7 first response (15 min), at risk", { calendar: CALENDAR_24X7, targetMinutes: 15, startedAt: at("2026-03-14T23:50:00+08:00"), now: at("2026-03-15T00:03:00+08:00") },
      { status: "AT_RISK", elapsed: 13, remaining: 2, dueAt: "2026-03-15T00:05:00+08:00", warnAt: "2026-03-15T00:02:00+08:00", breachedAt: null }],
    ["24/7 first response (15 min), breached", { calendar: CALENDAR_24X7, targetMinutes: 15, startedAt: at("2026-03-14T23:50:00+08:00"), now: at("2026-03-15T00:06:00+08:00") },
      { status: "BREACHED", elapsed: 16, remaining: -1, dueAt: "2026-03-15T00:05:00+08:00", warnAt: "2026-03-15T00:02:00+08:00", breachedAt: "2026-03-15T00:05:00+08:00" }],
    ["New York calendar, paused over the weekend", { calendar: NEW_YORK, targetMinutes: 120, startedAt: at("2026-03-06T15:00:00-05:00"), now: at("2026-03-09T09:30:00-04:00"), pauses: [pause("2026-03-06T16:00:00-05:00", "2026-03-09T09:00:00-04:00")] },
      { status: "ON_TRACK", elapsed: 90, remaining: 30, dueAt: "2026-03-09T10:00:00-04:00", warnAt: "2026-03-09T09:36:00-04:00", breachedAt: null }],
  ])("%s", (_name, overrides, expected) => {
    expectClock({ ...base, ...overrides }, expected);
  });

  test("reports the target and stop flags", () => {
    const clock = computeClock({
      ...base,
      now: at("2026-03-09T16:00:00+08:00"),
      stoppedAt: at("2026-03-09T11:00:00+08:00"),
    });
    expect([clock.targetMinutes, clock.isStopped, clock.isPaused]).toEqual([300, true, false]);
  });
});

describe("target changed mid-life (regraded general → complex, or tightened)", () => {
  const startedAt = at("2026-03-09T09:00:00+08:00");
  const now = at("2026-03-09T16:00:00+08:00");

  // prettier-ignore

  test.each<[string, number, Date, Expected]>([
    ["old target 300: breached at 15:30", 300, now,
      { status: "BREACHED", elapsed: 330, remaining: -30, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: "2026-03-09T15:30:00+08:00" }],
    ["raised to 1440: same elapsed, due Thursday 10:30", 1440, now,
      { status: "ON_TRACK", elapsed: 330, remaining: 1110, dueAt: "2026-03-12T10:30:00+08:00", warnAt: "2026-03-11T14:42:00+08:00", breachedAt: null }],
    ["tightened to 120 at 10:30: still on track", 120, at("2026-03-09T10:30:00+08:00"),
      { status: "ON_TRACK", elapsed: 90, remaining: 30, dueAt: "2026-03-09T11:00:00+08:00", warnAt: "2026-03-09T10:36:00+08:00", breachedAt: null }],
    ["tightened to 60 at 10:30: breached retroactively at 10:00", 60, at("2026-03-09T10:30:00+08:00"),
      { status: "BREACHED", elapsed: 90, remaining: -30, dueAt: "2026-03-09T10:00:00+08:00", warnAt: "2026-03-09T09:48:00+08:00", breachedAt: "2026-03-09T10:00:00+08:00" }],
  ])("%s", (_name, targetMinutes, when, expected) => {
    expectClock({ calendar: W, targetMinutes, startedAt, now: when }, expected);
  });
});

describe("computeClockSpans (pauses and reopen)", () => {
  const t = (hhmm: string, day = "09") => at(`2026-03-${day}T${hhmm}:00+08:00`);
  const tl = (...entries: [Date, ClockPhase][]) => entries.map(([when, phase]) => ({ at: when, phase }));
  const iso = (d: Date | null) => d?.toISOString() ?? null;

  // prettier-ignore

  test.each<[string, ReturnType<typeof tl>, [string, string | null][], string | null]>([
    ["no history", tl(), [], null],
    ["running", tl([t("09:00"), "RUNNING"]), [], null],
    ["pending then resumed", tl([t("09:00"), "RUNNING"], [t("10:00"), "PAUSED"], [t("11:00"), "RUNNING"]), [["10:00", "11:00"]], null],
    ["pending now", tl([t("09:00"), "RUNNING"], [t("10:00"), "PAUSED"]), [["10:00", null]], null],
    ["held then pending merge into one pause", tl([t("09:00"), "RUNNING"], [t("10:00"), "PAUSED"], [t("10:30"), "PAUSED"], [t("11:00"), "RUNNING"]), [["10:00", "11:00"]], null],
    ["resolved", tl([t("09:00"), "RUNNING"], [t("11:00"), "STOPPED"]), [], "11:00"],
    ["resolved from pending", tl([t("09:00"), "RUNNING"], [t("10:00"), "PAUSED"], [t("11:00"), "STOPPED"]), [["10:00", "11:00"]], "11:00"],
    ["resolved, closed, reopened", tl([t("09:00"), "RUNNING"], [t("11:00"), "STOPPED"], [t("12:00"), "STOPPED"], [t("10:00", "10"), "RUNNING"]), [["11:00", "10:00+1"]], null],
    ["reopened and resolved again", tl([t("09:00"), "RUNNING"], [t("11:00"), "STOPPED"], [t("10:00", "10"), "RUNNING"], [t("11:30", "10"), "STOPPED"]), [["11:00", "10:00+1"]], "11:30+1"],
  ])("%s", (_name, timeline, pauses, stoppedAt) => {
    const local = (s: string) => (s.endsWith("+1") ? t(s.slice(0, 5), "10") : t(s));
    const spans = computeClockSpans(timeline);
    expect(spans.pauses.map((p) => [iso(p.from), iso(p.to)])).toEqual(
      pauses.map(([from, to]) => [iso(local(from)), to === null ? null : iso(local(to))]),
    );
    expect(iso(spans.stoppedAt)).toBe(stoppedAt === null ? null : iso(local(stoppedAt)));
  });

  test("rejects a timeline out of order", () => {
    expect(() => computeClockSpans(tl([t("11:00"), "RUNNING"], [t("10:00"), "PAUSED"]))).toThrow(RangeError);
  });

  // Resolution clock, target 300 from Monday 09:00 (would be due Monday 15:30 without reopen).
  // prettier-ignore
  test.each<[string, ReturnType<typeof tl>, Date, Expected]>([
    ["resolved 11:00, reopened Tue 10:00: continues from 120, not breached at Mon 15:30",
      tl([t("09:00"), "RUNNING"], [t("11:00"), "STOPPED"], [t("10:00", "10"), "RUNNING"]), t("12:00", "10"),
      { status: "AT_RISK", elapsed: 240, remaining: 60, dueAt: "2026-03-10T14:30:00+08:00", warnAt: "2026-03-10T12:00:00+08:00", breachedAt: null }],
    ["reopened, then resolved again Tue 11:30: MET with 210 used",
      tl([t("09:00"), "RUNNING"], [t("11:00"), "STOPPED"], [t("10:00", "10"), "RUNNING"], [t("11:30", "10"), "STOPPED"]), t("09:00", "11"),
      { status: "MET", elapsed: 210, remaining: 90, dueAt: "2026-03-10T14:30:00+08:00", warnAt: "2026-03-10T12:00:00+08:00", breachedAt: null }],
    ["resolved late (16:00), reopened: stays breached",
      tl([t("09:00"), "RUNNING"], [t("16:00"), "STOPPED"], [t("10:00", "10"), "RUNNING"]), t("11:00", "10"),
      { status: "BREACHED", elapsed: 390, remaining: -90, dueAt: "2026-03-09T15:30:00+08:00", warnAt: "2026-03-09T14:30:00+08:00", breachedAt: "2026-03-09T15:30:00+08:00" }],
    ["reopened, then pending: paused with the old elapsed time",
      tl([t("09:00"), "RUNNING"], [t("11:00"), "STOPPED"], [t("10:00", "10"), "RUNNING"], [t("10:30", "10"), "PAUSED"]), t("15:00", "10"),
      { status: "PAUSED", elapsed: 150, remaining: 150, dueAt: "2026-03-10T17:30:00+08:00", warnAt: "2026-03-10T16:30:00+08:00", breachedAt: null, isPaused: true }],
  ])("%s", (_name, timeline, now, expected) => {
    const { pauses, stoppedAt } = computeClockSpans(timeline);
    expectClock({ calendar: W, targetMinutes: 300, startedAt: t("09:00"), pauses, stoppedAt, now }, expected);
  });
});
