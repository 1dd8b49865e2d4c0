import { describe, test, expect } from "vitest";
import { computeComplaintClocks, phaseFor, splitMinutes, type ClockKind } from "@/lib/complaints/complaint-clocks";
import { CALENDAR_24X7, DEFAULT_CALENDAR_WORKDAY } from "@/lib/sla/calendar";
import type { ComplaintStatus } from "@/lib/complaints/workflow";

const T0 = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const targets = { FIRST_RESPONSE: 15, FEEDBACK: 1440, RESOLUTION: 1440, CYCLE: 2880 };
const base = { createdAt: T0, targets, warnRatio: 0.8, firstRespondedAt: null, feedbackAt: null };
const hist = (...steps: [number, ComplaintStatus][]) => [
  { at: T0, toStatus: "ACKNOWLEDGED" as ComplaintStatus },
  ...steps.map(([m, s]) => ({ at: at(m), toStatus: s })),
];

describe("phaseFor", () => {
  test.each<[ClockKind, ComplaintStatus, string]>([
    ["RESOLUTION", "ACKNOWLEDGED", "RUNNING"],
    ["RESOLUTION", "IN_PROGRESS", "RUNNING"],
    ["RESOLUTION", "PENDING", "PAUSED"],
    ["RESOLUTION", "HELD", "PAUSED"],
    ["RESOLUTION", "RESOLVED", "STOPPED"],
    ["RESOLUTION", "CLOSED", "STOPPED"],
    ["CYCLE", "RESOLVED", "RUNNING"],
    ["CYCLE", "CLOSED", "STOPPED"],
    ["CYCLE", "PENDING", "PAUSED"],
    ["FIRST_RESPONSE", "REJECTED", "STOPPED"],
    ["FEEDBACK", "CANCELLED", "STOPPED"],
    ["FEEDBACK", "RESOLVED", "RUNNING"],
  ])("%s while %s → %s", (kind, status, phase) => expect(phaseFor(kind, status)).toBe(phase));
});

describe("computeComplaintClocks", () => {
  test("a new general complaint: the 15-minute first response is the nearest deadline, warning at 80 %", () => {
    const r = computeComplaintClocks({ ...base, status: "ACKNOWLEDGED", history: hist() }, CALENDAR_24X7, at(5));
    expect(r.clocks.FIRST_RESPONSE).toMatchObject({ status: "ON_TRACK", remainingMinutes: 10 });
    expect(r.nextDueAt).toEqual(at(15));
    expect(r.nextWarnAt).toEqual(at(12));
    expect(r.isPaused).toBe(false);
  });

  test("first response stops at its event; the next deadline is the resolution/feedback day", () => {
    const r = computeComplaintClocks({ ...base, firstRespondedAt: at(5), status: "IN_PROGRESS", history: hist([5, "IN_PROGRESS"]) }, CALENDAR_24X7, at(30));
    expect(r.clocks.FIRST_RESPONSE.status).toBe("MET");
    expect(r.dueAt.FIRST_RESPONSE).toBeNull();
    expect(r.nextDueAt).toEqual(at(1440));
  });

  test("late first response is MET_LATE", () => {
    const r = computeComplaintClocks({ ...base, firstRespondedAt: at(20), status: "IN_PROGRESS", history: hist([20, "IN_PROGRESS"]) }, CALENDAR_24X7, at(30));
    expect(r.clocks.FIRST_RESPONSE.status).toBe("MET_LATE");
  });

  test("pending pauses every counting clock and pushes the deadlines back by the pause", () => {
    const h = hist([5, "IN_PROGRESS"], [10, "PENDING"], [70, "IN_PROGRESS"]);
    const paused = computeComplaintClocks({ ...base, firstRespondedAt: at(5), status: "PENDING", history: h.slice(0, 3) }, CALENDAR_24X7, at(40));
    expect(paused.isPaused).toBe(true);
    expect(paused.clocks.RESOLUTION).toMatchObject({ status: "PAUSED", elapsedMinutes: 10 });
    const resumed = computeComplaintClocks({ ...base, firstRespondedAt: at(5), status: "IN_PROGRESS", history: h }, CALENDAR_24X7, at(80));
    expect(resumed.isPaused).toBe(false);
    expect(resumed.dueAt.RESOLUTION).toEqual(at(1440 + 60));
    expect(resumed.dueAt.CYCLE).toEqual(at(2880 + 60));
  });

  test("resolved: resolution stops, the cycle keeps counting until closed; feedback stops at its event", () => {
    const r = computeComplaintClocks(
      { ...base, firstRespondedAt: at(5), feedbackAt: at(100), status: "RESOLVED", history: hist([5, "IN_PROGRESS"], [120, "RESOLVED"]) },
      CALENDAR_24X7,
      at(200),
    );
    expect(r.clocks.RESOLUTION.status).toBe("MET");
    expect(r.clocks.FEEDBACK.status).toBe("MET");
    expect(r.dueAt.CYCLE).toEqual(at(2880));
    expect(r.nextDueAt).toEqual(at(2880));
  });

  test("closed: nothing counts", () => {
    const r = computeComplaintClocks(
      { ...base, firstRespondedAt: at(5), feedbackAt: at(100), status: "CLOSED", history: hist([5, "IN_PROGRESS"], [120, "RESOLVED"], [300, "CLOSED"]) },
      CALENDAR_24X7,
      at(400),
    );
    expect(r.nextDueAt).toBeNull();
    expect(r.clocks.CYCLE.status).toBe("MET");
  });

  test("reopen continues the resolution clock from where it stopped", () => {
    const r = computeComplaintClocks(
      { ...base, firstRespondedAt: at(5), status: "IN_PROGRESS", history: hist([5, "IN_PROGRESS"], [100, "RESOLVED"], [400, "IN_PROGRESS"]) },
      CALENDAR_24X7,
      at(500),
    );
    expect(r.clocks.RESOLUTION.elapsedMinutes).toBe(100 + 100);
    expect(r.dueAt.RESOLUTION).toEqual(at(400 + 1340));
  });

  test("a breached clock stays breached and sets the nearest deadline in the past", () => {
    const r = computeComplaintClocks({ ...base, status: "ACKNOWLEDGED", history: hist() }, CALENDAR_24X7, at(30));
    expect(r.clocks.FIRST_RESPONSE.status).toBe("BREACHED");
    expect(r.nextDueAt).toEqual(at(15));
  });

  test("business calendar: a 15-minute target opened at 11:50 is due at 13:35 after the lunch break", () => {
    const opened = new Date("2026-11-23T03:50:00Z"); // 11:50 Shanghai
    const r = computeComplaintClocks(
      { ...base, createdAt: opened, status: "ACKNOWLEDGED", history: [{ at: opened, toStatus: "ACKNOWLEDGED" }] },
      DEFAULT_CALENDAR_WORKDAY,
      opened,
    );
    expect(r.dueAt.FIRST_RESPONSE).toEqual(new Date("2026-11-23T05:35:00Z"));
  });

  test("business calendar: a holiday is skipped (2026-10-01 national day)", () => {
    const opened = new Date("2026-09-30T09:50:00Z"); // 17:50 Shanghai, the day before the holiday week
    const r = computeComplaintClocks(
      { ...base, createdAt: opened, status: "ACKNOWLEDGED", history: [{ at: opened, toStatus: "ACKNOWLEDGED" }] },
      DEFAULT_CALENDAR_WORKDAY,
      opened,
    );
    // 10 minutes on 30 Sep, 5 on the next working day: 8 Oct (Thursday) 09:05.
    expect(r.dueAt.FIRST_RESPONSE).toEqual(new Date("2026-10-08T01:05:00Z"));
  });
});

describe("splitMinutes", () => {
  test.each([
    [0, { negative: false, days: 0, hours: 0, minutes: 0 }],
    [14.6, { negative: false, days: 0, hours: 0, minutes: 14 }],
    [75, { negative: false, days: 0, hours: 1, minutes: 15 }],
    [1500, { negative: false, days: 1, hours: 1, minutes: 0 }],
    [-20, { negative: true, days: 0, hours: 0, minutes: 20 }],
  ])("%d", (m, want) => expect(splitMinutes(m)).toEqual(want));
});
