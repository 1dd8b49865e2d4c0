import { describe, test, expect } from "vitest";
import { CALENDAR_24X7, DEFAULT_CALENDAR_WORKDAY } from "@/lib/sla/calendar";
import { isOnShift } from "@/lib/routing/on-shift";
import { agentProfileInput, ladderInput } from "@/lib/routing/schemas";

// The default calendar: Mon–Fri 09:00–12:00 and 13:30–18:00 Asia/Shanghai, 2026 holidays and 调休.
describe("isOnShift", () => {
  test.each([
    ["no calendar of its own: always", null, "2026-03-08T20:00:00Z", true],
    ["24/7", CALENDAR_24X7, "2026-03-08T20:00:00Z", true],
    ["Monday 10:00 Shanghai", DEFAULT_CALENDAR_WORKDAY, "2026-03-09T02:00:00Z", true],
    ["Monday 09:00 sharp", DEFAULT_CALENDAR_WORKDAY, "2026-03-09T01:00:00Z", true],
    ["Monday 12:30, the lunch break", DEFAULT_CALENDAR_WORKDAY, "2026-03-09T04:30:00Z", false],
    ["Monday 18:00, the end of the day", DEFAULT_CALENDAR_WORKDAY, "2026-03-09T10:00:00Z", false],
    ["Sunday noon", DEFAULT_CALENDAR_WORKDAY, "2026-03-08T04:00:00Z", false],
    ["Labour Day holiday (Friday 1 May)", DEFAULT_CALENDAR_WORKDAY, "2026-05-01T02:00:00Z", false],
    ["make-up working Saturday (9 May)", DEFAULT_CALENDAR_WORKDAY, "2026-05-09T02:00:00Z", true],
  ] as const)("%s", (_, calendar, iso, expected) => {
    expect(isOnShift(calendar, new Date(iso))).toBe(expected);
  });
});

describe("agentProfileInput", () => {
  test("a form's ticked skill checkboxes become the skill list; an unticked availability is false", () => {
    const parsed = agentProfileInput.parse({ userId: "7", version: "2", "skill:billing": "on", "skill:vas": "on", capacity: "12" });
    expect(parsed).toEqual({ userId: 7, version: 2, skills: ["billing", "vas"], capacity: 12, isAvailable: false });
    // Its own output parses to the same value (the pipeline parses, then lib).
    expect(agentProfileInput.parse(parsed)).toEqual(parsed);
  });
  test.each([
    ["capacity below zero", { capacity: -1 }],
    ["capacity above the bound", { capacity: 201 }],
    ["an empty skill", { skills: [""] }],
  ])("refuses %s", (_, patch) => {
    expect(agentProfileInput.safeParse({ userId: 1, version: 1, skills: ["billing"], capacity: 5, isAvailable: true, ...patch }).success).toBe(false);
  });
});

describe("ladderInput", () => {
  const step = (notifyRole: string, delayMin: number) => ({ notifyRole, delayMin });
  test("levels in order of their delays pass; equal delays too", () => {
    expect(ladderInput.safeParse({ version: 1, steps: [step("AGENT", 0), step("SUPERVISOR", 0), step("MANAGER", 60)] }).success).toBe(true);
  });
  test.each([
    ["no level", [], "steps"],
    ["ten levels", Array.from({ length: 10 }, (_, i) => step("MANAGER", i)), "steps"],
    ["a shorter delay after a longer one", [step("AGENT", 30), step("SUPERVISOR", 15)], "steps.1.delayMin"],
    ["a role the scan does not know", [step("ADMIN", 0)], "steps.0.notifyRole"],
    ["a negative delay", [step("AGENT", -5)], "steps.0.delayMin"],
    ["a delay longer than a week", [step("AGENT", 10_081)], "steps.0.delayMin"],
  ])("refuses %s, naming the field", (_, steps, path) => {
    const r = ladderInput.safeParse({ version: 1, steps });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });
});
