// Member grade rules (lib/membership/ladder.ts): the ladder's validity, the grade reached, one
// re-grading step with its grace period (the monthly job applies the same rules in SQL).
import { describe, test, expect } from "vitest";
import { addMonths, betterGrade, computeGrade, ladderErrors, regrade, tenureMonths, type LadderRow } from "@/lib/membership/ladder";

const LADDER: LadderRow[] = [
  { grade: "STANDARD", minSpend12m: 0, minTenureMonths: 0, pointsMultiplier: 1, birthdayPoints: 0, hotlineTeamId: null },
  { grade: "SILVER", minSpend12m: 600, minTenureMonths: 6, pointsMultiplier: 1.2, birthdayPoints: 100, hotlineTeamId: null },
  { grade: "GOLD", minSpend12m: 1800, minTenureMonths: 12, pointsMultiplier: 1.5, birthdayPoints: 300, hotlineTeamId: null },
  { grade: "DIAMOND", minSpend12m: 4800, minTenureMonths: 24, pointsMultiplier: 2, birthdayPoints: 800, hotlineTeamId: 1 },
];
const edit = (grade: LadderRow["grade"], patch: Partial<LadderRow>) => LADDER.map((r) => (r.grade === grade ? { ...r, ...patch } : r));

describe("ladder", () => {
  test.each([
    ["the default ladder", LADDER, {}],
    ["GOLD spend above DIAMOND's", edit("GOLD", { minSpend12m: 5000 }), { minSpend12m: "gradeOrder" }],
    ["SILVER tenure above GOLD's", edit("SILVER", { minTenureMonths: 13 }), { minTenureMonths: "gradeOrder" }],
    ["equal thresholds are allowed", edit("GOLD", { minSpend12m: 600, minTenureMonths: 6 }), {}],
    ["STANDARD with a threshold", edit("STANDARD", { minSpend12m: 1 }), { minSpend12m: "standardReachedByAll" }],
    ["a multiplier over 10", edit("DIAMOND", { pointsMultiplier: 10.5 }), { pointsMultiplier: "multiplierRange" }],
    ["a multiplier falling with the grade", edit("DIAMOND", { pointsMultiplier: 1.4 }), { pointsMultiplier: "gradeOrder" }],
  ])("%s", (_name, ladder, errors) => {
    expect(ladderErrors(ladder)).toEqual(errors);
  });

  test.each([
    [0, 0, "STANDARD"],
    [600, 6, "SILVER"],
    [599.99, 60, "STANDARD"],
    [1800, 11, "SILVER"],
    [1800, 12, "GOLD"],
    [100_000, 23, "GOLD"],
    [4800, 24, "DIAMOND"],
  ] as const)("spend %d, tenure %d months → %s", (spend, tenure, grade) => {
    expect(computeGrade(LADDER, spend, tenure)).toBe(grade);
  });

  test.each([
    ["2020-01-01", "2027-02", 85],
    ["2025-12-15", "2026-12", 11],
    ["2025-12-01", "2026-12", 12],
    ["2027-01-15", "2027-02", 0],
    ["2028-01-01", "2027-02", 0],
  ])("tenure from %s to %s: %d months", (joined, period, months) => {
    expect(tenureMonths(joined, period)).toBe(months);
  });

  test("months and the better grade", () => {
    expect(addMonths("2026-11", 3)).toBe("2027-02-01");
    expect(addMonths("2026-12", 0)).toBe("2026-12-01");
    expect(betterGrade("GOLD", "SILVER")).toBe("GOLD");
    expect(betterGrade("STANDARD", "DIAMOND")).toBe("DIAMOND");
  });
});

describe("re-grading with a grace period", () => {
  const gold = { grade: "GOLD" as const, since: "2026-01-01", graceUntil: null };
  test.each([
    ["first grading", null, "SILVER", "2026-12", 3, false, { grade: "SILVER", since: "2026-12-01", graceUntil: null }, "JOINED"],
    ["upgrade at once", gold, "DIAMOND", "2026-12", 3, false, { grade: "DIAMOND", since: "2026-12-01", graceUntil: null }, "UPGRADE"],
    ["same grade: nothing", gold, "GOLD", "2026-12", 3, false, gold, null],
    ["lower: grace starts", gold, "SILVER", "2026-12", 3, false, { ...gold, graceUntil: "2027-03-01" }, "GRACE_STARTED"],
    ["lower, grace 0: drops at once", gold, "SILVER", "2026-12", 0, false, { grade: "SILVER", since: "2026-12-01", graceUntil: null }, "DOWNGRADE"],
    ["in grace, still lower: nothing", { ...gold, graceUntil: "2027-03-01" }, "STANDARD", "2027-02", 3, false, { ...gold, graceUntil: "2027-03-01" }, null],
    ["in grace, back at the grade: cleared", { ...gold, graceUntil: "2027-03-01" }, "GOLD", "2027-02", 3, false, gold, "GRACE_CLEARED"],
    [
      "in grace, higher: upgraded",
      { ...gold, graceUntil: "2027-03-01" },
      "DIAMOND",
      "2027-02",
      3,
      false,
      { grade: "DIAMOND", since: "2027-02-01", graceUntil: null },
      "UPGRADE",
    ],
    [
      "grace over, still lower: dropped",
      { ...gold, graceUntil: "2027-03-01" },
      "SILVER",
      "2027-03",
      3,
      false,
      { grade: "SILVER", since: "2027-03-01", graceUntil: null },
      "DOWNGRADE",
    ],
    ["churned: STANDARD at once", gold, "GOLD", "2026-12", 3, true, { grade: "STANDARD", since: "2026-12-01", graceUntil: null }, "DOWNGRADE"],
  ] as const)("%s", (_name, current, computed, period, grace, churned, state, reason) => {
    const r = regrade(current, computed, period, grace, churned);
    expect(r.state).toEqual(state);
    expect(r.reason).toBe(reason);
  });
});
