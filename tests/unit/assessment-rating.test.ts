// The assessment's rating rule and the month helpers (issue 24, lib/assessment/rating.ts,
// lib/assessment/schemas.ts), and the training test's score (lib/training/schemas.ts).
import { describe, test, expect } from "vitest";
import { ahtScore, ratingOf } from "@/lib/assessment/rating";
import { addMonths, DEFAULT_WEIGHTS, operatorMonth, recentMonths, weightsSum } from "@/lib/assessment/schemas";
import { instantOf, localOf, testScore } from "@/lib/training/schemas";

describe("ratingOf", () => {
  test.each([
    ["every component", { qa: 90, sla: 90, aht: 100, fcr: 80, csat: 90, training: 100 }, 90.5],
    ["QA and handling time only: the weights renormalised", { qa: 80, aht: 100 }, 85],
    ["CSAT missing", { qa: 70, sla: 50, aht: 50, fcr: 50, csat: null, training: 0 }, 51.18],
    ["nothing", {}, null],
  ])("%s", (_, scores, expected) => {
    expect(ratingOf(scores, DEFAULT_WEIGHTS)).toBe(expected);
  });

  test("a component whose weight is 0 does not count, and only zero weights give no rating", () => {
    const w = { qa: 100, sla: 0, aht: 0, fcr: 0, csat: 0, training: 0 };
    expect(ratingOf({ qa: 72, sla: 10 }, w)).toBe(72);
    expect(ratingOf({ sla: 10 }, w)).toBeNull();
  });
});

describe("ahtScore", () => {
  test.each([
    [30, 30, 100],
    [15, 30, 100],
    [60, 30, 50],
    [0, 30, 100],
    [300, 30, 10],
  ])("aht %d against a median of %d scores %d", (aht, median, score) => {
    expect(ahtScore(aht, median)).toBe(score);
  });
});

describe("months", () => {
  test.each([
    ["2026-01", -1, "2025-12"],
    ["2026-12", 1, "2027-01"],
    ["2026-05", -12, "2025-05"],
    ["2026-05", 0, "2026-05"],
  ])("%s shifted by %d is %s", (m, n, out) => {
    expect(addMonths(m, n)).toBe(out);
  });

  test("the operator's month is Beijing time", () => {
    expect(operatorMonth(new Date("2026-11-30T16:00:00Z"))).toBe("2026-12");
    expect(operatorMonth(new Date("2026-11-30T15:59:59Z"))).toBe("2026-11");
    expect(recentMonths("2026-02", 3)).toEqual(["2026-02", "2026-01", "2025-12"]);
  });

  test("the default weights sum to 100", () => {
    expect(weightsSum(DEFAULT_WEIGHTS)).toBe(100);
  });
});

describe("the training test", () => {
  test.each([
    [[0, 1, 2], [0, 1, 2], 100],
    [[0, 1, 2], [0, 0, 0], 33],
    [[0, 1], [1, 0], 0],
    [[0, 1, 2], [0, 1], 67],
    [[], [], 0],
  ])("correct %j, answers %j → %d", (correct, answers, score) => {
    expect(testScore(correct, answers)).toBe(score);
  });

  test("session times are Beijing time both ways", () => {
    expect(instantOf("2026-12-08T09:30").toISOString()).toBe("2026-12-08T01:30:00.000Z");
    expect(localOf(new Date("2026-12-08T01:30:00Z"))).toBe("2026-12-08T09:30");
  });
});
