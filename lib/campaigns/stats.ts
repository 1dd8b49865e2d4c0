// The evaluation's arithmetic (issue 22, docs/campaigns.md "Conversion, attribution and
// evaluation"): pure, browser-safe, no I/O. The evaluation page, the comparison, the CSV export
// and the tests all compute their figures here from the rollups' counts.

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson's score interval for one proportion x / n (better than Wald near 0 and 1 and for small n).
 * null when n = 0.
 */
export function wilsonInterval(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const d = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / d;
  const half = (z / d) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (1998, method 10) for the difference of two independent
 * proportions p1 − p2, built from each group's Wilson interval (l1, u1), (l2, u2):
 *   L = (p1 − p2) − √((p1 − l1)² + (u2 − p2)²)
 *   U = (p1 − p2) + √((u1 − p1)² + (p2 − l2)²)
 * Chosen over Wald because conversion rates are small (a few %) and control groups often small,
 * where Wald's interval is too narrow and can leave [−1, 1]. null when either group is empty.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, z = Z95): Interval | null {
  const w1 = wilsonInterval(x1, n1, z);
  const w2 = wilsonInterval(x2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}

/** x / n, or null for an empty group. */
export function rate(x: number, n: number): number | null {
  return n > 0 ? x / n : null;
}

export interface UpliftResult {
  /** "ok": both groups have members; otherwise which one is empty (no interval: not enough data). */
  state: "ok" | "noTreatment" | "noControl" | "noData";
  treatmentRate: number | null;
  controlRate: number | null;
  /** p_treatment − p_control (absolute, a share). */
  uplift: number | null;
  interval: Interval | null;
  /** uplift / p_control; null when the control rate is 0. */
  relative: number | null;
  /** uplift × treatment size: conversions the campaign caused beyond what would have happened anyway. */
  incremental: number | null;
  /** The interval excludes 0. */
  significant: boolean;
}

export function computeUplift(t: { converted: number; size: number }, c: { converted: number; size: number }): UpliftResult {
  const treatmentRate = rate(t.converted, t.size);
  const controlRate = rate(c.converted, c.size);
  if (treatmentRate === null || controlRate === null) {
    const state = treatmentRate === null && controlRate === null ? "noData" : treatmentRate === null ? "noTreatment" : "noControl";
    return { state, treatmentRate, controlRate, uplift: null, interval: null, relative: null, incremental: null, significant: false };
  }
  const uplift = treatmentRate - controlRate;
  const interval = newcombeInterval(t.converted, t.size, c.converted, c.size);
  return {
    state: "ok",
    treatmentRate,
    controlRate,
    uplift,
    interval,
    relative: controlRate > 0 ? uplift / controlRate : null,
    incremental: uplift * t.size,
    significant: interval !== null && (interval.low > 0 || interval.high < 0),
  };
}

/** Cost per conversion (yuan); null without conversions. */
export function costPerConversion(cost: number, converted: number): number | null {
  return converted > 0 ? cost / converted : null;
}

/** ROI = (revenue − cost) / cost; null when nothing was spent. */
export function roi(revenue: number, cost: number): number | null {
  return cost > 0 ? (revenue - cost) / cost : null;
}

/** The counts of one group (treatment or control) as the rollups hold them. */
export interface GroupCounts {
  audience: number;
  /** Members drawn at launch (the uplift's denominator); enrolled-later members are not. */
  launchAudience: number;
  launchConverted: number;
  contacted: number;
  reached: number;
  accepted: number;
  converted: number;
  cost: number;
  revenue: number;
  surveyed: number;
  satisfied: number;
}

export const EMPTY_GROUP: GroupCounts = {
  audience: 0,
  launchAudience: 0,
  launchConverted: 0,
  contacted: 0,
  reached: 0,
  accepted: 0,
  converted: 0,
  cost: 0,
  revenue: 0,
  surveyed: 0,
  satisfied: 0,
};

export function addGroups(a: GroupCounts, b: GroupCounts): GroupCounts {
  return Object.fromEntries(Object.keys(EMPTY_GROUP).map((k) => [k, a[k as keyof GroupCounts] + b[k as keyof GroupCounts]])) as unknown as GroupCounts;
}

export interface EvaluationFigures {
  /** Treatment + control. */
  audience: number;
  treatment: number;
  control: number;
  contacted: number;
  reached: number;
  accepted: number;
  converted: number;
  /** contacted / treatment. */
  coverage: number | null;
  /** reached / contacted. */
  participation: number | null;
  /** converted / treatment (every treatment member, enrolled later too). */
  conversion: number | null;
  uplift: UpliftResult;
  cost: number;
  revenue: number;
  costPerConversion: number | null;
  roi: number | null;
  /** satisfied / surveyed (CSAT 4–5 share of contacted customers' answers after their first contact). */
  satisfaction: number | null;
  surveyed: number;
}

/** Every tile's figure from the treatment and control totals. */
export function computeEvaluation(treatment: GroupCounts, control: GroupCounts): EvaluationFigures {
  return {
    audience: treatment.audience + control.audience,
    treatment: treatment.audience,
    control: control.audience,
    contacted: treatment.contacted,
    reached: treatment.reached,
    accepted: treatment.accepted,
    converted: treatment.converted,
    coverage: rate(treatment.contacted, treatment.audience),
    participation: rate(treatment.reached, treatment.contacted),
    conversion: rate(treatment.converted, treatment.audience),
    uplift: computeUplift(
      { converted: treatment.launchConverted, size: treatment.launchAudience },
      { converted: control.launchConverted, size: control.launchAudience },
    ),
    cost: treatment.cost,
    revenue: treatment.revenue,
    costPerConversion: costPerConversion(treatment.cost, treatment.converted),
    roi: roi(treatment.revenue, treatment.cost),
    satisfaction: rate(treatment.satisfied, treatment.surveyed),
    surveyed: treatment.surveyed,
  };
}
