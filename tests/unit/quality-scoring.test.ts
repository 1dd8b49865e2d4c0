// The QA scoring math (lib/quality/scoring.ts, docs/quality.md "Scoring"): weights, max points,
// fatal items, inactive items, rounding; the calibration agreement; ISO weeks in Shanghai.
import { describe, expect, test } from "vitest";
import { clampPoints, computeScore, disputeOpenUntil, isoWeek, itemAgreement, round2, weekStart, type ScoringItem } from "@/lib/quality/scoring";
import { decideDisputeInput, saveSamplingRuleInput, scoreSampleInput } from "@/lib/quality/schemas";

const item = (id: number, maxPoints: number, weight: number, extra: Partial<ScoringItem> = {}): ScoringItem => ({
  id,
  maxPoints,
  weight,
  isFatal: false,
  isActive: true,
  ...extra,
});
const A = item(1, 5, 20);
const B = item(2, 10, 30);
const C = item(3, 4, 50);
const FATAL = item(9, 1, 0, { isFatal: true });
const OFF = item(7, 5, 100, { isActive: false });
const p = (itemId: number, points: number, passed = true) => ({ itemId, points, passed });

describe("computeScore", () => {
  test.each([
    ["full points", [A, B, C], [p(1, 5), p(2, 10), p(3, 4)], 100, false],
    ["no points", [A, B, C], [p(1, 0), p(2, 0), p(3, 0)], 0, false],
    // 100 × (20×4/5 + 30×5/10 + 50×2/4) / 100 = 16 + 15 + 25 = 56
    ["weights and max points", [A, B, C], [p(1, 4), p(2, 5), p(3, 2)], 56, false],
    ["equal weights, different max points", [item(1, 3, 1), item(2, 7, 1)], [p(1, 1), p(2, 7)], 66.67, false],
    // 100 × (1×1/3) / 3 = 11.111… → 11.11
    ["rounding down to 2 decimals", [item(1, 3, 1), item(2, 3, 2)], [p(1, 1), p(2, 0)], 11.11, false],
    // 100 × (2/3)/1 = 66.666… → 66.67
    ["rounding up to 2 decimals", [item(1, 3, 1)], [p(1, 2)], 66.67, false],
    ["a passed fatal item changes nothing", [A, B, C, FATAL], [p(1, 4), p(2, 5), p(3, 2), p(9, 0, true)], 56, false],
    ["a failed fatal item zeroes the score", [A, B, C, FATAL], [p(1, 5), p(2, 10), p(3, 4), p(9, 0, false)], 0, true],
    ["an inactive item is ignored (points and weight)", [A, B, C, OFF], [p(1, 5), p(2, 10), p(3, 4), p(7, 0)], 100, false],
    ["an inactive fatal item failed is ignored", [A, { ...FATAL, isActive: false }], [p(1, 5), p(9, 0, false)], 100, false],
    ["points above the maximum count as the maximum", [A], [p(1, 50)], 100, false],
    ["negative points count as 0", [A, B], [p(1, -3), p(2, 10)], 60, false],
    ["a missing item scores 0", [A, B], [p(2, 10)], 60, false],
    ["a zero-weight item does not count", [A, item(4, 5, 0)], [p(1, 5), p(4, 0)], 100, false],
    ["only fatal items, all passed: 100", [FATAL], [p(9, 0, true)], 100, false],
    ["only fatal items, one failed: 0", [FATAL], [p(9, 0, false)], 0, true],
  ])("%s", (_name, items, scored, score, fatal) => {
    expect(computeScore(items, scored)).toEqual({ score, fatal });
  });
});

describe("helpers", () => {
  test.each([
    [1.005, 1.01],
    [12.345, 12.35],
    [99.994, 99.99],
    [0, 0],
  ])("round2(%s) = %s", (n, r) => expect(round2(n)).toBe(r));
  test.each([
    [3, 5, 3],
    [9, 5, 5],
    [-1, 5, 0],
    [2.7, 5, 2],
    [Number.NaN, 5, 0],
  ])("clampPoints(%s, %s) = %s", (n, max, r) => expect(clampPoints(n, max)).toBe(r));

  test("item agreement: the share of items scored alike", () => {
    expect(itemAgreement([p(1, 5), p(2, 3), p(9, 0, true)], [p(1, 5), p(2, 4), p(9, 0, true)])).toBe(66.67);
    expect(itemAgreement([p(1, 5)], [p(2, 5)])).toBeNull();
    expect(itemAgreement([p(9, 0, false)], [p(9, 0, true)])).toBe(0);
  });

  test.each([
    ["2026-12-07T00:00:00+08:00", "2026-W50"],
    ["2026-12-06T23:59:00+08:00", "2026-W49"],
    // Sunday 20:00 UTC is Monday 04:00 in Shanghai.
    ["2026-12-06T20:00:00Z", "2026-W50"],
    ["2027-01-01T12:00:00+08:00", "2026-W53"],
    ["2025-12-29T12:00:00+08:00", "2026-W01"],
  ])("isoWeek(%s) = %s", (at, w) => expect(isoWeek(new Date(at))).toBe(w));

  test("weekStart is Monday 00:00 in Shanghai", () => {
    expect(weekStart(new Date("2026-12-09T15:00:00+08:00")).toISOString()).toBe("2026-12-06T16:00:00.000Z");
    expect(weekStart(new Date("2026-12-07T00:00:00+08:00")).toISOString()).toBe("2026-12-06T16:00:00.000Z");
  });

  test("the dispute window ends N days after scoring", () => {
    expect(disputeOpenUntil(new Date("2026-12-01T10:00:00Z"), 7).toISOString()).toBe("2026-12-08T10:00:00.000Z");
  });
});

describe("inputs", () => {
  test("an upheld dispute needs a new score with at most two decimals", () => {
    expect(decideDisputeInput.safeParse({ disputeId: 1, version: 1, decision: "UPHELD", newScore: "", note: "x" }).success).toBe(false);
    expect(decideDisputeInput.safeParse({ disputeId: 1, version: 1, decision: "UPHELD", newScore: "88.125", note: "x" }).success).toBe(false);
    expect(decideDisputeInput.safeParse({ disputeId: 1, version: 1, decision: "UPHELD", newScore: "88.5", note: "x" }).success).toBe(true);
    expect(decideDisputeInput.safeParse({ disputeId: 1, version: 1, decision: "REJECTED", newScore: "", note: "x" }).success).toBe(true);
    expect(decideDisputeInput.safeParse({ disputeId: 1, version: 1, decision: "UPHELD", newScore: "101", note: "x" }).success).toBe(false);
  });
  test("sampling rule parameters by kind", () => {
    expect(saveSamplingRuleInput.safeParse({ kind: "RANDOM_PER_AGENT_WEEK", param: 0, formId: 1 }).success).toBe(false);
    expect(saveSamplingRuleInput.safeParse({ kind: "RANDOM_PER_AGENT_WEEK", param: 3, formId: 1 }).success).toBe(true);
    expect(saveSamplingRuleInput.safeParse({ kind: "LONG_CALL", param: 0, formId: 1 }).success).toBe(false);
    expect(saveSamplingRuleInput.safeParse({ kind: "ESCALATION", param: 0, formId: 1 }).success).toBe(true);
  });
  test("a scoring needs items", () => {
    expect(scoreSampleInput.safeParse({ sampleId: 1, version: 1, items: [] }).success).toBe(false);
  });
});
