// The evaluation's arithmetic (lib/campaigns/stats.ts): Wilson and Newcombe intervals against a
// case computed by hand, zero-size groups, cost per conversion and ROI.
import { describe, test, expect } from "vitest";
import { computeEvaluation, computeUplift, costPerConversion, EMPTY_GROUP, newcombeInterval, roi, wilsonInterval, Z95 } from "@/lib/campaigns/stats";

describe("the 95 % interval of the uplift (Newcombe's hybrid score interval)", () => {
  // Treatment 60 converted of 400, control 10 of 100; z = 1.959964, z² = 3.841459.
  //
  // Wilson, treatment: p1 = 0.15, n1 = 400
  //   d = 1 + z²/n = 1 + 3.841459/400 = 1.009604
  //   centre = (p + z²/2n) / d = (0.15 + 0.004802) / 1.009604 = 0.153328
  //   half = z/d × √(p(1−p)/n + z²/4n²) = 1.941323 × √(0.00031875 + 0.00000600) = 1.941323 × 0.018021 = 0.034984
  //   l1 = 0.118345, u1 = 0.188314
  // Wilson, control: p2 = 0.10, n2 = 100
  //   d = 1.038415; centre = (0.10 + 0.019207) / 1.038415 = 0.114797
  //   half = 1.887457 × √(0.0009 + 0.00009604) = 1.887457 × 0.031560 = 0.059568
  //   l2 = 0.055229, u2 = 0.174366
  // Newcombe: δ = p1 − p2 = 0.05
  //   L = δ − √((p1 − l1)² + (u2 − p2)²) = 0.05 − √(0.031655² + 0.074366²) = 0.05 − 0.080823 = −0.030823
  //   U = δ + √((u1 − p1)² + (p2 − l2)²) = 0.05 + √(0.038314² + 0.044771²) = 0.05 + 0.058927 = 0.108927
  test("60/400 against 10/100, computed by hand", () => {
    const t = wilsonInterval(60, 400)!;
    expect(t.low).toBeCloseTo(0.118345, 5);
    expect(t.high).toBeCloseTo(0.188314, 5);
    const c = wilsonInterval(10, 100)!;
    expect(c.low).toBeCloseTo(0.055229, 5);
    expect(c.high).toBeCloseTo(0.174366, 5);
    const d = newcombeInterval(60, 400, 10, 100)!;
    expect(d.low).toBeCloseTo(-0.030823, 5);
    expect(d.high).toBeCloseTo(0.108927, 5);
    const u = computeUplift({ converted: 60, size: 400 }, { converted: 10, size: 100 });
    expect(u.state).toBe("ok");
    expect(u.uplift).toBeCloseTo(0.05, 10);
    expect(u.relative).toBeCloseTo(0.5, 10);
    expect(u.incremental).toBeCloseTo(20, 10);
    // The interval includes 0: a 5-point uplift on 100 controls is not significant.
    expect(u.significant).toBe(false);
  });

  test("a large enough treatment and control make the same uplift significant", () => {
    const u = computeUplift({ converted: 600, size: 4000 }, { converted: 100, size: 1000 });
    expect(u.interval!.low).toBeGreaterThan(0);
    expect(u.interval!.high).toBeLessThan(0.1);
    expect(u.significant).toBe(true);
  });

  test.each([
    [0, 50, 0, 50],
    [50, 50, 50, 50],
    [0, 10, 10, 10],
    [1, 1, 0, 1],
  ])("stays within [−1, 1] and contains the point at the extremes (%i/%i vs %i/%i)", (x1, n1, x2, n2) => {
    const d = newcombeInterval(x1, n1, x2, n2)!;
    const point = x1 / n1 - x2 / n2;
    expect(d.low).toBeGreaterThanOrEqual(-1);
    expect(d.high).toBeLessThanOrEqual(1);
    expect(d.low).toBeLessThanOrEqual(point + 1e-12);
    expect(d.high).toBeGreaterThanOrEqual(point - 1e-12);
  });

  test("z is the 97.5th percentile of the normal distribution", () => {
    expect(Z95).toBeCloseTo(1.96, 2);
  });
});

describe("zero-size groups: no interval, a named reason", () => {
  test.each([
    [{ converted: 5, size: 100 }, { converted: 0, size: 0 }, "noControl"],
    [{ converted: 0, size: 0 }, { converted: 1, size: 10 }, "noTreatment"],
    [{ converted: 0, size: 0 }, { converted: 0, size: 0 }, "noData"],
  ] as const)("%o vs %o → %s", (t, c, state) => {
    const u = computeUplift(t, c);
    expect(u.state).toBe(state);
    expect(u.interval).toBeNull();
    expect(u.uplift).toBeNull();
    expect(u.significant).toBe(false);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
  test("a control rate of 0 has an uplift but no relative uplift", () => {
    const u = computeUplift({ converted: 5, size: 100 }, { converted: 0, size: 100 });
    expect(u.uplift).toBeCloseTo(0.05, 10);
    expect(u.relative).toBeNull();
  });
});

describe("money and the tiles", () => {
  test.each([
    [1000, 20, 50],
    [1000, 0, null],
    [0, 5, 0],
  ])("cost %d over %d conversions → %s", (cost, n, want) => expect(costPerConversion(cost, n)).toBe(want));
  test.each([
    [1500, 1000, 0.5],
    [500, 1000, -0.5],
    [500, 0, null],
  ])("ROI of revenue %d and cost %d → %s", (revenue, cost, want) => expect(roi(revenue, cost)).toBe(want));

  test("coverage, participation, conversion and satisfaction; the uplift counts launch members only", () => {
    const f = computeEvaluation(
      {
        ...EMPTY_GROUP,
        audience: 1000,
        launchAudience: 900,
        launchConverted: 90,
        contacted: 800,
        reached: 400,
        accepted: 100,
        converted: 120,
        cost: 2400,
        revenue: 6000,
        surveyed: 50,
        satisfied: 40,
      },
      { ...EMPTY_GROUP, audience: 100, launchAudience: 100, launchConverted: 5, converted: 5 },
    );
    expect(f.audience).toBe(1100);
    expect(f.coverage).toBeCloseTo(0.8, 10);
    expect(f.participation).toBeCloseTo(0.5, 10);
    expect(f.conversion).toBeCloseTo(0.12, 10);
    expect(f.uplift.treatmentRate).toBeCloseTo(0.1, 10);
    expect(f.uplift.uplift).toBeCloseTo(0.05, 10);
    expect(f.costPerConversion).toBeCloseTo(20, 10);
    expect(f.roi).toBeCloseTo(1.5, 10);
    expect(f.satisfaction).toBeCloseTo(0.8, 10);
  });
  test("an empty campaign has no rates", () => {
    const f = computeEvaluation(EMPTY_GROUP, EMPTY_GROUP);
    expect([f.coverage, f.participation, f.conversion, f.costPerConversion, f.roi, f.satisfaction]).toEqual([null, null, null, null, null, null]);
    expect(f.uplift.state).toBe("noData");
  });
});
