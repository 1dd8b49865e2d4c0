import { describe, expect, test } from "vitest";
import {
  BACKLOG_AGE_BUCKETS,
  CSI_BASELINE_2024,
  CSI_DIMENSIONS,
  DEFAULT_CSI_WEIGHTS,
  DEFAULT_METRIC_TARGETS,
  averageHandlingHours,
  backlogAgingBuckets,
  churnRate,
  complaintRatePer10k,
  contactRate,
  conversionRate,
  costPerConversion,
  csat,
  csi,
  escalationRate,
  firstContactResolution,
  isDetractor,
  isFirstContactResolved,
  likertToScore,
  nps,
  reopenRate,
  responseRate,
  roi,
  slaCompliance,
  uplift,
  activeAtMonthEnd,
  atRiskCount,
  tierMix,
} from "@/lib/dashboards/metrics";

describe("complaintRatePer10k", () => {
  test("37 complaints over 250 000 subscribers", () => {
    // 37 / 250 000 × 10 000 = 1.48
    expect(complaintRatePer10k(37, 250_000)).toBeCloseTo(1.48, 10);
  });
  test("no complaints is 0, not null", () => {
    expect(complaintRatePer10k(0, 1000)).toBe(0);
  });
  test("no subscribers → null", () => {
    expect(complaintRatePer10k(5, 0)).toBeNull();
    expect(complaintRatePer10k(0, 0)).toBeNull();
  });
  test("a negative or non-finite count is a bug and throws", () => {
    expect(() => complaintRatePer10k(-1, 100)).toThrow(RangeError);
    expect(() => complaintRatePer10k(1, Number.NaN)).toThrow(RangeError);
    expect(() => complaintRatePer10k(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("slaCompliance", () => {
  test("still-running clocks are left out of both sides", () => {
    // decided: true, true, false, true → 3 met of 4 decided = 0.75 (the two nulls ignored)
    const items = [{ met: true }, { met: null }, { met: true }, { met: false }, { met: null }, { met: true }];
    expect(slaCompliance(items)).toBe(0.75);
  });
  test("all breached → 0", () => {
    expect(slaCompliance([{ met: false }, { met: false }])).toBe(0);
  });
  test("empty, or nothing decided yet → null", () => {
    expect(slaCompliance([])).toBeNull();
    expect(slaCompliance([{ met: null }, { met: null }])).toBeNull();
  });
});

describe("averageHandlingHours", () => {
  test("mean of minutes, in hours", () => {
    // (90 + 1 440 + 30) / 3 = 520 min = 8.666… h
    expect(averageHandlingHours([90, 1440, 30])).toBeCloseTo(520 / 60, 10);
  });
  test("one complaint resolved in 0 minutes → 0", () => {
    expect(averageHandlingHours([0])).toBe(0);
  });
  test("nothing resolved → null", () => {
    expect(averageHandlingHours([])).toBeNull();
  });
  test("negative minutes throw", () => {
    expect(() => averageHandlingHours([10, -5])).toThrow(RangeError);
  });
  test("compared against the seed target of 24 h", () => {
    // (1 200 + 1 800) / 2 = 1 500 min = 25 h > 24 h
    const hours = averageHandlingHours([1200, 1800]);
    expect(hours).toBe(25);
    expect(hours !== null && hours <= DEFAULT_METRIC_TARGETS.averageHandlingHoursMax).toBe(false);
  });
});

describe("backlogAgingBuckets", () => {
  const now = new Date("2025-03-10T12:00:00Z");
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  test("every age falls in its bucket; lower bounds inclusive", () => {
    const createdAt = [
      hoursAgo(0), //        LT_4H
      hoursAgo(3.99), //     LT_4H
      hoursAgo(4), //        H4_TO_24H (boundary)
      hoursAgo(23.5), //     H4_TO_24H
      hoursAgo(24), //       H24_TO_48H (boundary)
      hoursAgo(47.9), //     H24_TO_48H
      hoursAgo(48), //       H48_TO_7D (boundary)
      hoursAgo(167.9), //    H48_TO_7D
      hoursAgo(168), //      GT_7D (exactly 7 days)
      hoursAgo(24 * 30), //  GT_7D
      hoursAgo(24 * 365), // GT_7D
    ];
    expect(backlogAgingBuckets(createdAt, now)).toEqual({
      LT_4H: 2,
      H4_TO_24H: 2,
      H24_TO_48H: 2,
      H48_TO_7D: 2,
      GT_7D: 3,
    });
  });
  test("a creation time in the future (clock skew) counts as brand new", () => {
    expect(backlogAgingBuckets([hoursAgo(-2)], now)).toEqual({
      LT_4H: 1,
      H4_TO_24H: 0,
      H24_TO_48H: 0,
      H48_TO_7D: 0,
      GT_7D: 0,
    });
  });
  test("empty backlog → all buckets present and zero, in display order", () => {
    const buckets = backlogAgingBuckets([], now);
    expect(buckets).toEqual({
      LT_4H: 0,
      H4_TO_24H: 0,
      H24_TO_48H: 0,
      H48_TO_7D: 0,
      GT_7D: 0,
    });
    expect(Object.keys(buckets)).toEqual(BACKLOG_AGE_BUCKETS.map((b) => b.bucket));
  });
  test("the exported bounds tile [0, ∞) without gaps", () => {
    expect(BACKLOG_AGE_BUCKETS[0].fromHours).toBe(0);
    for (let i = 1; i < BACKLOG_AGE_BUCKETS.length; i++) {
      expect(BACKLOG_AGE_BUCKETS[i].fromHours).toBe(BACKLOG_AGE_BUCKETS[i - 1].toHours);
    }
    expect(BACKLOG_AGE_BUCKETS.at(-1)?.toHours).toBeNull();
  });
  test("invalid dates throw", () => {
    expect(() => backlogAgingBuckets([new Date("nope")], now)).toThrow(RangeError);
    expect(() => backlogAgingBuckets([], new Date("nope"))).toThrow(RangeError);
  });
});

describe("firstContactResolution", () => {
  const fcr = {
    resolvedByOwner: true,
    transferred: false,
    escalated: false,
    reopenedWithin7d: false,
  };

  test.each([
    ["clean first-contact resolution", fcr, true],
    ["resolved by someone else", { ...fcr, resolvedByOwner: false }, false],
    ["transferred", { ...fcr, transferred: true }, false],
    ["escalated", { ...fcr, escalated: true }, false],
    ["reopened within 7 days", { ...fcr, reopenedWithin7d: true }, false],
  ])("%s → %s", (_label, item, expected) => {
    expect(isFirstContactResolved(item)).toBe(expected);
  });

  test("share over a mixed set", () => {
    // FCR: items 1, 2, 5 → 3 of 5 = 0.6
    const items = [fcr, fcr, { ...fcr, transferred: true }, { ...fcr, reopenedWithin7d: true }, fcr];
    expect(firstContactResolution(items)).toBe(0.6);
  });
  test("none qualifies → 0; empty → null", () => {
    expect(firstContactResolution([{ ...fcr, escalated: true }])).toBe(0);
    expect(firstContactResolution([])).toBeNull();
  });
});

describe("reopenRate / escalationRate", () => {
  test("plain ratios", () => {
    // 6 / 120 = 0.05 ; 9 / 300 = 0.03
    expect(reopenRate(6, 120)).toBeCloseTo(0.05, 12);
    expect(escalationRate(9, 300)).toBeCloseTo(0.03, 12);
  });
  test("zero denominators → null", () => {
    expect(reopenRate(0, 0)).toBeNull();
    expect(escalationRate(0, 0)).toBeNull();
  });
});

describe("csat", () => {
  test("share of 4–5", () => {
    // [5,4,3,2,1,5,4,4] → 4s and 5s: 5,4,5,4,4 = 5 of 8 = 0.625
    expect(csat([5, 4, 3, 2, 1, 5, 4, 4])).toBe(0.625);
  });
  test("all satisfied → 1; all unhappy → 0", () => {
    expect(csat([4, 5, 5])).toBe(1);
    expect(csat([1, 2, 3])).toBe(0);
  });
  test("no answers → null", () => {
    expect(csat([])).toBeNull();
  });
  test.each([0, 6, 4.5, Number.NaN])("score %s is out of scale and throws", (bad) => {
    expect(() => csat([5, bad])).toThrow(RangeError);
  });
  test("compared against the complaint-satisfaction target 0.85", () => {
    // 17 satisfied of 20 = 0.85 → meets the target exactly
    const scores = [...Array<number>(17).fill(5), 3, 2, 1];
    const value = csat(scores);
    expect(value).toBeCloseTo(0.85, 12);
    expect(value !== null && value >= DEFAULT_METRIC_TARGETS.complaintSatisfactionMin).toBe(true);
    // 16 of 20 = 0.8 → misses it
    const below = csat([...Array<number>(16).fill(5), 3, 3, 2, 1]);
    expect(below !== null && below >= DEFAULT_METRIC_TARGETS.complaintSatisfactionMin).toBe(false);
  });
});

describe("nps", () => {
  test("promoters minus detractors, in points", () => {
    // [10,9,9,8,7,6,0,3,10,5]: promoters 10,9,9,10 = 4; passives 8,7 = 2; detractors 6,0,3,5 = 4
    // (4 − 4) / 10 × 100 = 0
    expect(nps([10, 9, 9, 8, 7, 6, 0, 3, 10, 5])).toBe(0);
    // [10,10,9,8,2]: promoters 3, passives 1, detractors 1 → (3 − 1) / 5 × 100 = 40
    expect(nps([10, 10, 9, 8, 2])).toBeCloseTo(40, 10);
    // [9,7,7]: 1 promoter, 2 passives (they count in n) → (1 − 0) / 3 × 100 = 33.33…
    expect(nps([9, 7, 7])).toBeCloseTo(100 / 3, 10);
  });
  test("the boundaries: 6 is a detractor, 7–8 passive, 9 a promoter", () => {
    expect(nps([6])).toBe(-100);
    expect(nps([7])).toBe(0);
    expect(nps([8])).toBe(0);
    expect(nps([9])).toBe(100);
  });
  test("all detractors → −100; all promoters → 100; all passives → 0", () => {
    expect(nps([0, 1, 2, 3, 4, 5, 6])).toBe(-100);
    expect(nps([9, 10, 10])).toBe(100);
    expect(nps([7, 8, 8])).toBe(0);
  });
  test("no answers → null", () => {
    expect(nps([])).toBeNull();
  });
  test.each([-1, 11, 8.5])("score %s throws", (bad) => {
    expect(() => nps([bad])).toThrow(RangeError);
  });
});

describe("likertToScore", () => {
  test.each([
    [1, 0],
    [2, 25],
    [3, 50],
    [4, 75],
    [5, 100],
  ])("%s → %s", (answer, score) => {
    expect(likertToScore(answer)).toBe(score);
  });
  test("out of scale throws", () => {
    expect(() => likertToScore(0)).toThrow(RangeError);
  });
});

describe("csi", () => {
  test("weighted mean; weights need not sum to 1", () => {
    // (2×80 + 1×90 + 1×70) / (2+1+1) = (160 + 90 + 70) / 4 = 320 / 4 = 80
    expect(csi({ A: 80, B: 90, C: 70 }, { A: 2, B: 1, C: 1 })).toBe(80);
    // same proportions as fractions: 0.5×80 + 0.25×90 + 0.25×70 = 40 + 22.5 + 17.5 = 80
    expect(csi({ A: 80, B: 90, C: 70 }, { A: 0.5, B: 0.25, C: 0.25 })).toBeCloseTo(80, 10);
  });
  test("the baseline sub-scores with the default equal weights", () => {
    // (87.3 + 86.5 + 88.2) / 3 = 262 / 3 = 87.333…
    expect(csi(CSI_BASELINE_2024.dimensions, DEFAULT_CSI_WEIGHTS)).toBeCloseTo(262 / 3, 10);
  });
  test("from 1–5 answers via likertToScore", () => {
    // speed answers [5,4] → (100 + 75)/2 = 87.5 ; resolution [3] → 50 ; communication [4,4] → 75
    // equal weights: (87.5 + 50 + 75) / 3 = 212.5 / 3 = 70.833…
    const mean = (xs: number[]) => xs.map(likertToScore).reduce((a, b) => a + b, 0) / xs.length;
    const scores = {
      RESPONSE_SPEED: mean([5, 4]),
      RESOLUTION_EFFICIENCY: mean([3]),
      COMMUNICATION_QUALITY: mean([4, 4]),
    };
    expect(csi(scores, DEFAULT_CSI_WEIGHTS)).toBeCloseTo(212.5 / 3, 10);
  });
  test("an unanswered dimension is left out and the other weights renormalised", () => {
    // B missing: (2×80 + 1×70) / (2+1) = 230 / 3 = 76.666…
    expect(csi({ A: 80, B: null, C: 70 }, { A: 2, B: 5, C: 1 })).toBeCloseTo(230 / 3, 10);
  });
  test("a scored dimension without a weight is ignored", () => {
    // only A weighted → 60
    expect(csi<"A" | "B">({ A: 60, B: 0 }, { A: 1 })).toBe(60);
  });
  test("nothing scored, or all weights zero → null", () => {
    expect(csi({}, DEFAULT_CSI_WEIGHTS)).toBeNull();
    expect(csi({ A: 80 }, { A: 0 })).toBeNull();
    expect(csi({ A: 80 }, {})).toBeNull();
  });
  test("out-of-range scores and negative weights throw", () => {
    expect(() => csi({ A: 101 }, { A: 1 })).toThrow(RangeError);
    expect(() => csi({ A: -1 }, { A: 1 })).toThrow(RangeError);
    expect(() => csi({ A: 50 }, { A: -1 })).toThrow(RangeError);
  });
});

describe("isDetractor", () => {
  test.each([
    ["NPS", 0, true],
    ["NPS", 6, true],
    ["NPS", 7, false],
    ["NPS", 10, false],
    ["CSAT", 1, true],
    ["CSAT", 2, true],
    ["CSAT", 3, false],
    ["CSAT", 5, false],
  ] as const)("%s %s → %s", (kind, score, expected) => {
    expect(isDetractor({ kind, score })).toBe(expected);
  });
  test("each scale validates its own range", () => {
    expect(() => isDetractor({ kind: "CSAT", score: 0 })).toThrow(RangeError);
    expect(() => isDetractor({ kind: "CSAT", score: 6 })).toThrow(RangeError);
    expect(() => isDetractor({ kind: "NPS", score: 11 })).toThrow(RangeError);
  });
});

describe("churnRate / responseRate", () => {
  test("plain ratios", () => {
    // 1 250 / 500 000 = 0.0025
    expect(churnRate(1250, 500_000)).toBeCloseTo(0.0025, 12);
    // answered 320 of 2 000 sent = 0.16 (argument order: sent, answered)
    expect(responseRate(2000, 320)).toBeCloseTo(0.16, 12);
  });
  test("zero denominators → null", () => {
    expect(churnRate(0, 0)).toBeNull();
    expect(responseRate(0, 0)).toBeNull();
  });
});

describe("campaign metrics", () => {
  // Treatment: 10 000 targeted, 6 500 contacted, 420 converted, cost 52 500 yuan,
  //            incremental revenue 84 000 yuan.
  // Control:    1 000 held out, 25 converted.
  test("contact and conversion rates", () => {
    expect(contactRate(6500, 10_000)).toBeCloseTo(0.65, 12); // 6 500 / 10 000
    expect(conversionRate(420, 10_000)).toBeCloseTo(0.042, 12); // 420 / 10 000
    expect(conversionRate(25, 1000)).toBeCloseTo(0.025, 12); // 25 / 1 000
  });
  test("uplift is the absolute difference of conversion rates", () => {
    // 0.042 − 0.025 = 0.017 (1.7 percentage points)
    expect(uplift(conversionRate(420, 10_000), conversionRate(25, 1000))).toBeCloseTo(0.017, 12);
    // the campaign did worse than doing nothing: 0.01 − 0.03 = −0.02
    expect(uplift(0.01, 0.03)).toBeCloseTo(-0.02, 12);
  });
  test("uplift is null without a control group or an empty treatment group", () => {
    expect(uplift(conversionRate(420, 10_000), conversionRate(0, 0))).toBeNull();
    expect(uplift(null, 0.025)).toBeNull();
  });
  test("cost per conversion and ROI", () => {
    // 52 500 / 420 = 125 yuan per conversion
    expect(costPerConversion(52_500, 420)).toBe(125);
    // (84 000 − 52 500) / 52 500 = 31 500 / 52 500 = 0.6
    expect(roi(84_000, 52_500)).toBeCloseTo(0.6, 12);
    // revenue below cost: (30 000 − 40 000) / 40 000 = −0.25
    expect(roi(30_000, 40_000)).toBe(-0.25);
  });
  test("zero denominators → null", () => {
    expect(contactRate(0, 0)).toBeNull();
    expect(conversionRate(0, 0)).toBeNull();
    expect(costPerConversion(52_500, 0)).toBeNull();
    expect(roi(1000, 0)).toBeNull();
  });
  test("invalid inputs throw", () => {
    expect(() => roi(Number.NaN, 100)).toThrow(RangeError);
    expect(() => roi(100, -5)).toThrow(RangeError);
    expect(() => costPerConversion(-1, 3)).toThrow(RangeError);
  });
});

describe("seed targets and baseline", () => {
  test("targets from seed 000 §4.3", () => {
    expect(DEFAULT_METRIC_TARGETS).toEqual({
      issueSatisfactionMin: 0.9,
      complaintSatisfactionMin: 0.85,
      averageHandlingHoursMax: 24,
    });
  });
  test("CSI baseline 89.6 with sub-scores 87.3 / 86.5 / 88.2 on the default dimensions", () => {
    expect(CSI_BASELINE_2024.csi).toBe(89.6);
    expect(CSI_DIMENSIONS.map((d) => CSI_BASELINE_2024.dimensions[d])).toEqual([87.3, 86.5, 88.2]);
    expect(Object.keys(DEFAULT_CSI_WEIGHTS).sort()).toEqual([...CSI_DIMENSIONS].sort());
  });
});

describe("never NaN or Infinity", () => {
  test("every ratio with a zero denominator is exactly null", () => {
    const results = [
      complaintRatePer10k(0, 0),
      slaCompliance([]),
      averageHandlingHours([]),
      firstContactResolution([]),
      reopenRate(0, 0),
      escalationRate(0, 0),
      csat([]),
      nps([]),
      csi({}, {}),
      churnRate(0, 0),
      responseRate(0, 0),
      contactRate(0, 0),
      conversionRate(0, 0),
      uplift(null, null),
      costPerConversion(0, 0),
      roi(0, 0),
    ];
    for (const r of results) expect(r).toBeNull();
  });
});

describe("customer metrics (Customers tab)", () => {
  // A region over three months, by hand:
  //   Sep: 1 000 active on the 1st, 40 joined, 25 churned → 1 015 at the end
  //   Oct: 1 015 on the 1st, 30 joined, 35 churned → 1 010
  //   Nov: 1 010 on the 1st,  0 joined, 0 churned  → 1 010
  // Churn rate = churned ÷ active at the start: Sep 25/1 000 = 2.5 %, Oct 35/1 015 = 3.448 %.
  const months = [
    { start: 1000, joined: 40, churned: 25, end: 1015, rate: 0.025 },
    { start: 1015, joined: 30, churned: 35, end: 1010, rate: 35 / 1015 },
    { start: 1010, joined: 0, churned: 0, end: 1010, rate: 0 },
  ];
  test.each(months)("active $start + $joined − $churned = $end; churn rate $rate", ({ start, joined, churned, end, rate }) => {
    expect(activeAtMonthEnd(start, joined, churned)).toBe(end);
    expect(churnRate(churned, start)).toBeCloseTo(rate, 12);
  });
  test("each month starts where the last one ended", () => {
    for (let i = 1; i < months.length; i++) expect(months[i].start).toBe(activeAtMonthEnd(months[i - 1].start, months[i - 1].joined, months[i - 1].churned));
  });
  test("more churned than ever active is a bug upstream", () => {
    expect(() => activeAtMonthEnd(1, 0, 2)).toThrow(RangeError);
    expect(() => activeAtMonthEnd(-1, 0, 0)).toThrow(RangeError);
  });
  test("at-risk counts active HIGH-band customers only", () => {
    expect(
      atRiskCount([
        { churnBand: "HIGH", churned: false },
        { churnBand: "HIGH", churned: false },
        { churnBand: "HIGH", churned: true },
        { churnBand: "MEDIUM", churned: false },
        { churnBand: null, churned: false },
      ]),
    ).toBe(2);
  });
  test("tier mix with month-on-month change", () => {
    // Oct: 10 Diamond, 40 Gold, 150 Silver, 800 Standard = 1 000
    // Nov: 12 Diamond, 38 Gold, 150 Silver, 800 Standard = 1 000
    const rows = tierMix({ DIAMOND: 12, GOLD: 38, SILVER: 150, STANDARD: 800 }, { DIAMOND: 10, GOLD: 40, SILVER: 150, STANDARD: 800 });
    expect(rows.map((r) => r.tier)).toEqual(["DIAMOND", "GOLD", "SILVER", "STANDARD"]);
    expect(rows[0]).toMatchObject({ customers: 12, previous: 10, change: 2 });
    expect(rows[0].share).toBeCloseTo(0.012, 12);
    expect(rows[0].shareChange).toBeCloseTo(0.002, 12);
    expect(rows[1]).toMatchObject({ customers: 38, previous: 40, change: -2 });
    expect(rows[1].shareChange).toBeCloseTo(-0.002, 12);
    expect(rows[3]).toMatchObject({ change: 0 });
  });
  test("tier mix without a previous month, and of an empty month", () => {
    const first = tierMix({ GOLD: 5, STANDARD: 15 }, null);
    expect(first[0]).toEqual({ tier: "DIAMOND", customers: 0, share: 0, previous: null, change: null, shareChange: null });
    expect(first[1].share).toBeCloseTo(0.25, 12);
    const empty = tierMix({}, { GOLD: 3 });
    expect(empty.every((r) => r.share === null && r.shareChange === null)).toBe(true);
    expect(empty[1].change).toBe(-3);
  });
});
