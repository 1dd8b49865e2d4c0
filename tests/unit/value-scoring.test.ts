import { describe, expect, test } from "vitest";
import {
  assignTier,
  assignTiers,
  clv,
  computeRfmScores,
  computeValueScore,
  creditScore,
  DEFAULT_ABSOLUTE_TIER_THRESHOLDS,
  DEFAULT_PERCENTILE_TIER_THRESHOLDS,
  DEFAULT_WEIGHTS,
  monthlyChurnFromWindow,
  normalizeArpu,
  normalizeTenure,
  normalizeWeights,
  percentRank,
  rfmCode,
  validateWeights,
  type RfmCutpoints,
  type ValueWeights,
} from "@/lib/scoring/value";
import { mulberry32 } from "@/lib/shared/random";

describe("normalisers", () => {
  test.each([
    [35, 20, 80, 25],
    [50, 20, 80, 50],
    [20, 20, 80, 0],
    [80, 20, 80, 100],
    [10, 20, 80, 0],
    [500, 20, 80, 100],
    // No spread: below / at / above.
    [20, 30, 30, 0],
    [30, 30, 30, 50],
    [40, 30, 30, 100],
  ])("normalizeArpu(%s, p5 %s, p95 %s) = %s", (arpu, p5, p95, expected) => {
    expect(normalizeArpu(arpu, p5, p95)).toBeCloseTo(expected, 12);
  });

  test.each([
    [0, 0],
    [-5, 0],
    [36, 63.212055882855766], // 100·(1 − e⁻¹)
    [72, 86.46647167633873], // 100·(1 − e⁻²)
    [18, 39.346934028736655], // 100·(1 − e^−½)
  ])("normalizeTenure(%s months) = %s", (months, expected) => {
    expect(normalizeTenure(months)).toBeCloseTo(expected, 10);
  });

  test("normalizeTenure saturates below 100 and takes its scale", () => {
    expect(normalizeTenure(600)).toBeLessThanOrEqual(100);
    expect(normalizeTenure(600)).toBeGreaterThan(99.99);
    expect(normalizeTenure(12, 12)).toBeCloseTo(63.212055882855766, 10);
    expect(() => normalizeTenure(12, 0)).toThrow(RangeError);
  });

  test.each([
    [0.9, 90],
    [1, 100],
    [0, 0],
    [1.2, 100],
    [-0.1, 0],
  ])("creditScore(%s) = %s", (share, expected) => {
    expect(creditScore(share)).toBeCloseTo(expected, 12);
  });

  test("non-finite inputs are rejected", () => {
    expect(() => normalizeArpu(Number.NaN, 0, 1)).toThrow(RangeError);
    expect(() => creditScore(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("weights", () => {
  test("the defaults are valid and sum to 1", () => {
    expect(validateWeights(DEFAULT_WEIGHTS)).toEqual([]);
  });

  test("a sum within 1e-6 of 1 passes; beyond it does not", () => {
    expect(validateWeights({ ...DEFAULT_WEIGHTS, credit: 0.15 + 5e-7 })).toEqual([]);
    expect(validateWeights({ ...DEFAULT_WEIGHTS, credit: 0.2 })).toEqual([{ code: "SUM_NOT_ONE", sum: expect.closeTo(1.05, 12) }]);
  });

  test("negative and non-finite weights are reported per dimension", () => {
    expect(validateWeights({ ...DEFAULT_WEIGHTS, loyalty: -0.2, potential: Number.NaN })).toEqual([
      { code: "NEGATIVE", dimension: "loyalty" },
      { code: "NOT_FINITE", dimension: "potential" },
    ]);
  });

  test("zero weights are allowed", () => {
    expect(validateWeights({ profitability: 0.5, loyalty: 0.5, potential: 0, satisfaction: 0, credit: 0 })).toEqual([]);
  });

  test("normalizeWeights turns percentages into shares", () => {
    const shares = normalizeWeights({ profitability: 35, loyalty: 20, potential: 15, satisfaction: 15, credit: 15 });
    for (const [d, w] of Object.entries(DEFAULT_WEIGHTS)) {
      expect(shares[d as keyof ValueWeights]).toBeCloseTo(w, 12);
    }
    expect(validateWeights(shares)).toEqual([]);
  });

  test("normalizeWeights refuses negative or all-zero weights", () => {
    expect(() => normalizeWeights({ ...DEFAULT_WEIGHTS, credit: -1 })).toThrow(RangeError);
    expect(() => normalizeWeights({ profitability: 0, loyalty: 0, potential: 0, satisfaction: 0, credit: 0 })).toThrow(/all zero/);
  });
});

describe("computeValueScore", () => {
  test("hand-computed with the default weights", () => {
    // .35·80 + .20·60 + .15·40 + .15·70 + .15·100 = 28 + 12 + 6 + 10.5 + 15
    const dims = { profitability: 80, loyalty: 60, potential: 40, satisfaction: 70, credit: 100 };
    expect(computeValueScore(dims, DEFAULT_WEIGHTS)).toBeCloseTo(71.5, 10);
  });

  test("custom weights: only profitability and credit count", () => {
    const weights = { profitability: 0.5, loyalty: 0, potential: 0, satisfaction: 0, credit: 0.5 };
    const dims = { profitability: 90, loyalty: 0, potential: 0, satisfaction: 0, credit: 30 };
    expect(computeValueScore(dims, weights)).toBeCloseTo(60, 10);
  });

  test("bounds: all 0 → 0, all 100 → 100, out-of-range dimensions clamped", () => {
    const all = (v: number) => ({ profitability: v, loyalty: v, potential: v, satisfaction: v, credit: v });
    expect(computeValueScore(all(0), DEFAULT_WEIGHTS)).toBe(0);
    expect(computeValueScore(all(100), DEFAULT_WEIGHTS)).toBeCloseTo(100, 10);
    expect(computeValueScore(all(100.0000001), DEFAULT_WEIGHTS)).toBeLessThanOrEqual(100);
    expect(computeValueScore({ ...all(0), profitability: -20 }, DEFAULT_WEIGHTS)).toBe(0);
  });

  test("invalid weights or dimensions throw", () => {
    const dims = { profitability: 50, loyalty: 50, potential: 50, satisfaction: 50, credit: 50 };
    expect(() => computeValueScore(dims, { ...DEFAULT_WEIGHTS, credit: 0.5 })).toThrow(/SUM_NOT_ONE/);
    expect(() => computeValueScore({ ...dims, loyalty: Number.NaN }, DEFAULT_WEIGHTS)).toThrow(RangeError);
  });
});

describe("tiers", () => {
  test.each([
    [100, "DIAMOND"],
    [85, "DIAMOND"],
    [84.99, "GOLD"],
    [70, "GOLD"],
    [69.99, "SILVER"],
    [50, "SILVER"],
    [49.99, "STANDARD"],
    [0, "STANDARD"],
  ] as const)("ABSOLUTE: score %s → %s", (score, tier) => {
    expect(assignTier(score, DEFAULT_ABSOLUTE_TIER_THRESHOLDS)).toBe(tier);
  });

  test.each([
    [1, "DIAMOND"],
    [0.97, "DIAMOND"],
    [0.96, "GOLD"],
    [0.85, "GOLD"],
    [0.6, "SILVER"],
    [0.59, "STANDARD"],
  ] as const)("PERCENTILE: rank %s → %s", (rank, tier) => {
    // The score is ignored in percentile mode; the rank decides.
    expect(assignTier(10, DEFAULT_PERCENTILE_TIER_THRESHOLDS, rank)).toBe(tier);
  });

  test("percentRank follows Postgres percent_rank()", () => {
    const sorted = [10, 20, 20, 30, 40];
    expect(percentRank(10, sorted)).toBe(0);
    expect(percentRank(20, sorted)).toBe(0.25);
    expect(percentRank(30, sorted)).toBe(0.75);
    expect(percentRank(40, sorted)).toBe(1);
    expect(percentRank(99, [99])).toBe(0);
  });

  test("PERCENTILE over a population of 101 distinct scores: 4 / 12 / 25 / 60", () => {
    // Score k (1…101) has rank (k − 1)/100: DIAMOND from 98, GOLD from 86, SILVER from 61.
    const scores = Array.from({ length: 101 }, (_, i) => i + 1);
    const tiers = assignTiers(scores, DEFAULT_PERCENTILE_TIER_THRESHOLDS);
    const count = (t: string) => tiers.filter((x) => x === t).length;
    expect([count("DIAMOND"), count("GOLD"), count("SILVER"), count("STANDARD")]).toEqual([4, 12, 25, 60]);
    expect(tiers[97]).toBe("DIAMOND");
    expect(tiers[96]).toBe("GOLD");
  });

  test("equal scores land in the same tier, whatever the input order", () => {
    const tiers = assignTiers([10, 20, 10, 10], DEFAULT_PERCENTILE_TIER_THRESHOLDS);
    expect(tiers).toEqual(["STANDARD", "DIAMOND", "STANDARD", "STANDARD"]);
  });

  test("assignTiers in ABSOLUTE mode is assignTier per score", () => {
    expect(assignTiers([90, 75, 55, 10], DEFAULT_ABSOLUTE_TIER_THRESHOLDS)).toEqual(["DIAMOND", "GOLD", "SILVER", "STANDARD"]);
  });

  test("misordered thresholds and a missing rank throw", () => {
    expect(() => assignTier(80, { mode: "ABSOLUTE", diamond: 70, gold: 85, silver: 50 })).toThrow(RangeError);
    expect(() => assignTier(0.5, { mode: "PERCENTILE", diamond: 97, gold: 85, silver: 60 })).toThrow(RangeError);
    expect(() => assignTier(80, DEFAULT_PERCENTILE_TIER_THRESHOLDS)).toThrow(/percentile rank/);
  });
});

describe("RFM", () => {
  const cutpoints: RfmCutpoints = {
    recency: [7, 30, 60, 90],
    frequency: [1, 3, 6, 10],
    monetary: [50, 100, 200, 400],
  };

  test.each([
    // recency 5 ≤ 7 → R5; frequency 8 > 1,3,6 → F4; monetary 500 > all → M5
    [5, 8, 500, "545"],
    [3, 8, 250, "544"],
    [100, 0, 10, "111"],
    [45, 4, 150, "333"],
    // Intervals are closed on the right: exactly on a cut-point stays in the lower quintile.
    [7, 1, 50, "511"],
    [8, 2, 51, "422"],
    [90, 10, 400, "244"],
    [91, 11, 401, "155"],
  ])("recency %s, frequency %s, monetary %s → %s", (r, f, m, code) => {
    expect(rfmCode(r, f, m, cutpoints)).toBe(code);
  });

  test("a mass of ties at the minimum stays in quintile 1", () => {
    const tied: RfmCutpoints = { ...cutpoints, frequency: [0, 0, 1, 3] };
    expect(computeRfmScores(10, 0, 60, tied)).toEqual({ recency: 4, frequency: 1, monetary: 2 });
    expect(computeRfmScores(10, 1, 60, tied).frequency).toBe(3);
  });

  test("cut-points must be four and ascending", () => {
    expect(() => rfmCode(1, 1, 1, { ...cutpoints, recency: [1, 2, 3] })).toThrow(RangeError);
    expect(() => rfmCode(1, 1, 1, { ...cutpoints, monetary: [5, 4, 3, 2] })).toThrow(RangeError);
  });
});

describe("clv", () => {
  test.each([
    // 100·(0.9 + 0.81 + 0.729)
    [{ monthlyMargin: 100, monthlyChurnProbability: 0.1, monthlyDiscountRate: 0, horizonMonths: 3 }, 243.9],
    // 100·(1/1.01 + 1/1.01²)
    [{ monthlyMargin: 100, monthlyChurnProbability: 0, monthlyDiscountRate: 0.01, horizonMonths: 2 }, 197.0395059307911],
    // 50·(0.9/1.02 + (0.9/1.02)²)
    [{ monthlyMargin: 50, monthlyChurnProbability: 0.1, monthlyDiscountRate: 0.02, horizonMonths: 2 }, 83.04498269896193],
    // No churn, no discount: m·H.
    [{ monthlyMargin: 30, monthlyChurnProbability: 0, monthlyDiscountRate: 0, horizonMonths: 12 }, 360],
    [{ monthlyMargin: 30, monthlyChurnProbability: 0.2, monthlyDiscountRate: 0.01, horizonMonths: 0 }, 0],
    [{ monthlyMargin: 30, monthlyChurnProbability: 1, monthlyDiscountRate: 0.01, horizonMonths: 24 }, 0],
    // A loss-making line: −10·(0.5 + 0.25)
    [{ monthlyMargin: -10, monthlyChurnProbability: 0.5, monthlyDiscountRate: 0, horizonMonths: 2 }, -7.5],
  ])("%o → %s", (input, expected) => {
    expect(clv(input)).toBeCloseTo(expected, 9);
  });

  test("the closed form equals the defining sum", () => {
    const random = mulberry32(77);
    for (let k = 0; k < 200; k++) {
      const input = {
        monthlyMargin: 200 * random() - 20,
        monthlyChurnProbability: random() < 0.1 ? 1e-9 * random() : 0.2 * random(),
        monthlyDiscountRate: random() < 0.1 ? 0 : 0.02 * random(),
        horizonMonths: Math.floor(121 * random()),
      };
      const { monthlyMargin: m, monthlyChurnProbability: p, monthlyDiscountRate: d, horizonMonths: h } = input;
      let sum = 0;
      for (let t = 1; t <= h; t++) sum += (m * Math.pow(1 - p, t)) / Math.pow(1 + d, t);
      expect(clv(input)).toBeCloseTo(sum, 8);
    }
  });

  test("a long horizon approaches the perpetuity m·q/(1 − q)", () => {
    const q = 0.98 / 1.01;
    const value = clv({ monthlyMargin: 40, monthlyChurnProbability: 0.02, monthlyDiscountRate: 0.01, horizonMonths: 5000 });
    expect(value).toBeCloseTo((40 * q) / (1 - q), 6);
  });

  test("invalid parameters throw", () => {
    const ok = { monthlyMargin: 10, monthlyChurnProbability: 0.1, monthlyDiscountRate: 0.01, horizonMonths: 12 };
    expect(() => clv({ ...ok, monthlyChurnProbability: 1.2 })).toThrow(RangeError);
    expect(() => clv({ ...ok, monthlyDiscountRate: -0.1 })).toThrow(RangeError);
    expect(() => clv({ ...ok, horizonMonths: 1.5 })).toThrow(RangeError);
    expect(() => clv({ ...ok, monthlyMargin: Number.NaN })).toThrow(RangeError);
  });

  test("monthlyChurnFromWindow: 27.1 % over 3 months is 10 % a month", () => {
    expect(monthlyChurnFromWindow(0.271, 3)).toBeCloseTo(0.1, 12);
    expect(monthlyChurnFromWindow(0, 3)).toBe(0);
    expect(monthlyChurnFromWindow(1, 3)).toBe(1);
    expect(() => monthlyChurnFromWindow(0.5, 0)).toThrow(RangeError);
  });
});
