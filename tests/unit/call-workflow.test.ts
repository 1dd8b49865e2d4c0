import { describe, expect, test } from "vitest";
import { ACTION_SHORTCUTS, availableActions, nextSensibleAction, resolutionProblems, type ComplaintStatus } from "@/lib/complaints/workflow";

describe("resolutionProblems", () => {
  test.each([
    ["note and a listed cause", { note: "已退费", rootCauseId: 2 }, [1, 2], {}],
    ["no note", { note: "", rootCauseId: 2 }, [1, 2], { reason: "resolutionNoteRequired" }],
    ["a blank note", { note: "  \n ", rootCauseId: 2 }, [1, 2], { reason: "resolutionNoteRequired" }],
    ["no cause where the category has a list", { note: "ok", rootCauseId: null }, [1, 2], { rootCauseId: "rootCauseRequired" }],
    ["a cause of another list", { note: "ok", rootCauseId: 9 }, [1, 2], { rootCauseId: "invalidOption" }],
    ["nothing at all", {}, [1], { reason: "resolutionNoteRequired", rootCauseId: "rootCauseRequired" }],
    ["no list: a note is enough", { note: "ok" }, [], {}],
    ["no list: a cause is refused", { note: "ok", rootCauseId: 1 }, [], { rootCauseId: "invalidOption" }],
  ])("%s", (_, input, ids, expected) => {
    expect(resolutionProblems(input, ids)).toEqual(expected);
  });
});

describe("nextSensibleAction", () => {
  test.each<[ComplaintStatus, string | null]>([
    ["ACKNOWLEDGED", "start"],
    ["IN_PROGRESS", "resolve"],
    ["PENDING", "resume"],
    ["HELD", "resume"],
    ["RESOLVED", null],
    ["CLOSED", null],
    ["REJECTED", null],
    ["CANCELLED", null],
  ])("%s → %s", (status, action) => {
    expect(nextSensibleAction(status)).toBe(action);
  });

  test("the next step is always one the state allows, and a just-opened complaint is not resolved first", () => {
    for (const s of ["ACKNOWLEDGED", "IN_PROGRESS", "PENDING", "HELD"] as const) expect(availableActions(s)).toContain(nextSensibleAction(s));
    expect(nextSensibleAction("ACKNOWLEDGED")).not.toBe("resolve");
  });

  test("shortcut keys are single distinct letters", () => {
    const keys = Object.values(ACTION_SHORTCUTS);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[A-Z]$/);
  });
});
