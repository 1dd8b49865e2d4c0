import { describe, expect, test } from "vitest";
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUSES,
  TRANSITIONS,
  availableActions,
  canTransition,
  isOpen,
  isPaused,
  isSlaClockPaused,
  isTerminal,
  nextStatus,
  type ComplaintAction,
  type ComplaintStatus,
} from "@/lib/complaints/workflow";

// Every requirement satisfied, so the matrix tests the transition table alone.
const FULL_CTX = {
  reason: "customer asked",
  confirmation: "RETURN_VISIT",
} as const;
const X = "ILLEGAL" as const;

// The whole 8 × 9 matrix, spelled out: the state reached, or ILLEGAL.
const MATRIX: [ComplaintStatus, ComplaintAction, ComplaintStatus | typeof X][] = [
  ["ACKNOWLEDGED", "start", "IN_PROGRESS"],
  ["ACKNOWLEDGED", "pend", X],
  ["ACKNOWLEDGED", "hold", X],
  ["ACKNOWLEDGED", "resume", X],
  ["ACKNOWLEDGED", "resolve", "RESOLVED"],
  ["ACKNOWLEDGED", "close", X],
  ["ACKNOWLEDGED", "reject", "REJECTED"],
  ["ACKNOWLEDGED", "cancel", "CANCELLED"],
  ["ACKNOWLEDGED", "reopen", X],

  ["IN_PROGRESS", "start", X],
  ["IN_PROGRESS", "pend", "PENDING"],
  ["IN_PROGRESS", "hold", "HELD"],
  ["IN_PROGRESS", "resume", X],
  ["IN_PROGRESS", "resolve", "RESOLVED"],
  ["IN_PROGRESS", "close", X],
  ["IN_PROGRESS", "reject", "REJECTED"],
  ["IN_PROGRESS", "cancel", "CANCELLED"],
  ["IN_PROGRESS", "reopen", X],

  ["PENDING", "start", X],
  ["PENDING", "pend", X],
  ["PENDING", "hold", X],
  ["PENDING", "resume", "IN_PROGRESS"],
  ["PENDING", "resolve", "RESOLVED"],
  ["PENDING", "close", X],
  ["PENDING", "reject", X],
  ["PENDING", "cancel", "CANCELLED"],
  ["PENDING", "reopen", X],

  ["HELD", "start", X],
  ["HELD", "pend", X],
  ["HELD", "hold", X],
  ["HELD", "resume", "IN_PROGRESS"],
  ["HELD", "resolve", "RESOLVED"],
  ["HELD", "close", X],
  ["HELD", "reject", X],
  ["HELD", "cancel", X],
  ["HELD", "reopen", X],

  ["RESOLVED", "start", X],
  ["RESOLVED", "pend", X],
  ["RESOLVED", "hold", X],
  ["RESOLVED", "resume", X],
  ["RESOLVED", "resolve", X],
  ["RESOLVED", "close", "CLOSED"],
  ["RESOLVED", "reject", X],
  ["RESOLVED", "cancel", X],
  ["RESOLVED", "reopen", "IN_PROGRESS"],

  ["CLOSED", "start", X],
  ["CLOSED", "pend", X],
  ["CLOSED", "hold", X],
  ["CLOSED", "resume", X],
  ["CLOSED", "resolve", X],
  ["CLOSED", "close", X],
  ["CLOSED", "reject", X],
  ["CLOSED", "cancel", X],
  ["CLOSED", "reopen", "IN_PROGRESS"],

  ["REJECTED", "start", X],
  ["REJECTED", "pend", X],
  ["REJECTED", "hold", X],
  ["REJECTED", "resume", X],
  ["REJECTED", "resolve", X],
  ["REJECTED", "close", X],
  ["REJECTED", "reject", X],
  ["REJECTED", "cancel", X],
  ["REJECTED", "reopen", X],

  ["CANCELLED", "start", X],
  ["CANCELLED", "pend", X],
  ["CANCELLED", "hold", X],
  ["CANCELLED", "resume", X],
  ["CANCELLED", "resolve", X],
  ["CANCELLED", "close", X],
  ["CANCELLED", "reject", X],
  ["CANCELLED", "cancel", X],
  ["CANCELLED", "reopen", X],
];

describe("transition matrix", () => {
  test("covers every state × action exactly once", () => {
    expect(MATRIX).toHaveLength(COMPLAINT_STATUSES.length * COMPLAINT_ACTIONS.length);
    const keys = new Set(MATRIX.map(([from, action]) => `${from}:${action}`));
    for (const from of COMPLAINT_STATUSES) {
      for (const action of COMPLAINT_ACTIONS) expect(keys.has(`${from}:${action}`)).toBe(true);
    }
  });

  test.each(MATRIX)("%s --%s--> %s", (from, action, expected) => {
    const result = nextStatus(from, action, FULL_CTX);
    if (expected === X) {
      expect(result).toEqual({ ok: false, reason: "ILLEGAL_TRANSITION" });
      expect(canTransition(from, action)).toBe(false);
      expect(availableActions(from)).not.toContain(action);
    } else {
      expect(result).toEqual({ ok: true, to: expected });
      expect(canTransition(from, action)).toBe(true);
      expect(availableActions(from)).toContain(action);
      expect(TRANSITIONS[from][action]).toBe(expected);
    }
  });

  test("an illegal transition is reported as illegal even when the reason is missing", () => {
    expect(nextStatus("REJECTED", "reopen", {})).toEqual({
      ok: false,
      reason: "ILLEGAL_TRANSITION",
    });
    expect(nextStatus("ACKNOWLEDGED", "close", {})).toEqual({
      ok: false,
      reason: "ILLEGAL_TRANSITION",
    });
  });
});

describe("reason requirements", () => {
  test.each<[ComplaintStatus, ComplaintAction]>([
    ["IN_PROGRESS", "pend"],
    ["IN_PROGRESS", "hold"],
    ["ACKNOWLEDGED", "reject"],
    ["IN_PROGRESS", "reject"],
    ["ACKNOWLEDGED", "cancel"],
    ["PENDING", "cancel"],
    ["RESOLVED", "reopen"],
    ["CLOSED", "reopen"],
  ])("%s --%s requires a reason", (from, action) => {
    expect(nextStatus(from, action)).toEqual({
      ok: false,
      reason: "REASON_REQUIRED",
    });
    expect(nextStatus(from, action, { reason: null })).toEqual({
      ok: false,
      reason: "REASON_REQUIRED",
    });
    expect(nextStatus(from, action, { reason: "" })).toEqual({
      ok: false,
      reason: "REASON_REQUIRED",
    });
    expect(nextStatus(from, action, { reason: "  \n\t" })).toEqual({
      ok: false,
      reason: "REASON_REQUIRED",
    });
    expect(nextStatus(from, action, { reason: "duplicate of #12" }).ok).toBe(true);
  });

  test.each<[ComplaintStatus, ComplaintAction, ComplaintStatus]>([
    ["ACKNOWLEDGED", "start", "IN_PROGRESS"],
    ["ACKNOWLEDGED", "resolve", "RESOLVED"],
    ["IN_PROGRESS", "resolve", "RESOLVED"],
    ["PENDING", "resume", "IN_PROGRESS"],
    ["HELD", "resume", "IN_PROGRESS"],
    ["HELD", "resolve", "RESOLVED"],
  ])("%s --%s needs no reason", (from, action, to) => {
    expect(nextStatus(from, action)).toEqual({ ok: true, to });
  });
});

describe("closing requires a confirmation source", () => {
  test.each(["CUSTOMER_CONFIRMED", "RETURN_VISIT"] as const)("closes with %s", (confirmation) => {
    expect(nextStatus("RESOLVED", "close", { confirmation })).toEqual({
      ok: true,
      to: "CLOSED",
    });
  });

  test("refuses without a confirmation", () => {
    expect(nextStatus("RESOLVED", "close")).toEqual({
      ok: false,
      reason: "CONFIRMATION_REQUIRED",
    });
    expect(nextStatus("RESOLVED", "close", { confirmation: null })).toEqual({
      ok: false,
      reason: "CONFIRMATION_REQUIRED",
    });
    // A reason is not a confirmation.
    expect(nextStatus("RESOLVED", "close", { reason: "agent thinks it is fine" })).toEqual({
      ok: false,
      reason: "CONFIRMATION_REQUIRED",
    });
  });

  test("refuses an unknown confirmation source arriving from untyped input", () => {
    const fromForm = JSON.parse('{"confirmation":"AGENT_SAID_SO"}') as {
      confirmation: "RETURN_VISIT";
    };
    expect(nextStatus("RESOLVED", "close", fromForm)).toEqual({
      ok: false,
      reason: "CONFIRMATION_REQUIRED",
    });
  });
});

describe("state predicates", () => {
  // [status, isOpen, isPaused, isTerminal]
  test.each<[ComplaintStatus, boolean, boolean, boolean]>([
    ["ACKNOWLEDGED", true, false, false],
    ["IN_PROGRESS", true, false, false],
    ["PENDING", true, true, false],
    ["HELD", true, true, false],
    ["RESOLVED", false, false, false],
    ["CLOSED", false, false, true],
    ["REJECTED", false, false, true],
    ["CANCELLED", false, false, true],
  ])("%s: open=%s paused=%s terminal=%s", (status, open, paused, terminal) => {
    expect(isOpen(status)).toBe(open);
    expect(isPaused(status)).toBe(paused);
    expect(isSlaClockPaused(status)).toBe(paused);
    expect(isTerminal(status)).toBe(terminal);
  });
});

describe("availableActions", () => {
  test.each<[ComplaintStatus, ComplaintAction[]]>([
    ["ACKNOWLEDGED", ["start", "resolve", "reject", "cancel"]],
    ["IN_PROGRESS", ["pend", "hold", "resolve", "reject", "cancel"]],
    ["PENDING", ["resume", "resolve", "cancel"]],
    ["HELD", ["resume", "resolve"]],
    ["RESOLVED", ["close", "reopen"]],
    ["CLOSED", ["reopen"]],
    ["REJECTED", []],
    ["CANCELLED", []],
  ])("%s → %j in button order", (status, actions) => {
    expect(availableActions(status)).toEqual(actions);
  });
});
