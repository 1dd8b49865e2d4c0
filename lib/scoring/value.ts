// Customer value assessment: the score math, tiers, RFM codes and customer lifetime value.
//
// The bulk rescoring runs as SQL over whole tables (conventions rule 7); this file is the
// reference implementation that SQL mirrors and the unit tests pin down. Each normaliser notes
// its SQL twin. Pure and deterministic: weights, thresholds and cut-points are parameters (admin
// settings), never read here.
//
// Value score = Σ_d weight_d · dimension_d over five dimensions, each already on 0–100:
//   profitability (ARPU: voice + data + VAS), loyalty (tenure, retention, referrals), potential
//   (usage growth, plan headroom, household size), satisfaction (surveys, complaints), credit
//   (on-time payment). Weights are non-negative and sum to 1 (± 1e-6), so the score is on 0–100.
//   `validateWeights` reports what is wrong with a set; `normalizeWeights` rescales one whose sum
//   is off (e.g. percentages typed into the admin form) so the form can save the shares it shows.
//   `computeValueScore` refuses invalid weights rather than silently rescaling them.
//
// Tiers DIAMOND / GOLD / SILVER / STANDARD from either absolute score cut-offs or percentile
// ranks (Postgres percent_rank(): share of customers scoring strictly lower, over n − 1). Lower
// bounds are inclusive; equal scores always land in the same tier.
//
// CLV (customer lifetime value), the expected discounted margin over a horizon:
//   CLV = Σ_{t=1..H} m · (1 − p)^t / (1 + d)^t
//       = m · q · (1 − q^H) / (1 − q),  q = (1 − p) / (1 + d)     (= m · H when q = 1)
//   m  monthlyMargin: revenue minus direct cost per month, yuan (may be negative)
//   p  monthlyChurnProbability: chance of leaving in any one month, in [0, 1]; a model's
//      probability over a window of w months converts by `monthlyChurnFromWindow`
//   d  monthlyDiscountRate: cost of money per month, ≥ 0 (e.g. 8 %/year ≈ 0.00643)
//   H  horizonMonths: whole months counted, ≥ 0
//   Margin is earned at the end of each month the customer is still with us (t starts at 1).

export const VALUE_DIMENSIONS = ["profitability", "loyalty", "potential", "satisfaction", "credit"] as const;
export type ValueDimension = (typeof VALUE_DIMENSIONS)[number];

/** Each dimension on 0–100. */
export type ValueDimensions = Record<ValueDimension, number>;
/** Non-negative shares summing to 1. */
export type ValueWeights = Record<ValueDimension, number>;

export const DEFAULT_WEIGHTS: Readonly<ValueWeights> = {
  profitability: 0.35,
  loyalty: 0.2,
  potential: 0.15,
  satisfaction: 0.15,
  credit: 0.15,
};

export const WEIGHT_SUM_TOLERANCE = 1e-6;

export type WeightIssue =
  | { code: "NOT_FINITE"; dimension: ValueDimension }
  | { code: "NEGATIVE"; dimension: ValueDimension }
  | { code: "SUM_NOT_ONE"; sum: number };

export const VALUE_TIERS = ["DIAMOND", "GOLD", "SILVER", "STANDARD"] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

export type TierThresholds =
  /** Scores 0–100: score ≥ diamond → DIAMOND, … */
  | { mode: "ABSOLUTE"; diamond: number; gold: number; silver: number }
  /** Percentile ranks 0–1: rank ≥ diamond → DIAMOND, … */
  | { mode: "PERCENTILE"; diamond: number; gold: number; silver: number };

export const DEFAULT_ABSOLUTE_TIER_THRESHOLDS: TierThresholds = {
  mode: "ABSOLUTE",
  diamond: 85,
  gold: 70,
  silver: 50,
};
export const DEFAULT_PERCENTILE_TIER_THRESHOLDS: TierThresholds = {
  mode: "PERCENTILE",
  diamond: 0.97,
  gold: 0.85,
  silver: 0.6,
};

/** Four ascending cut-points per measure (the 20/40/60/80 % quantiles), in that measure's units. */
export type RfmCutpoints = {
  recency: readonly number[];
  frequency: readonly number[];
  monetary: readonly number[];
};

export type ClvInput = {
  monthlyMargin: number;
  monthlyChurnProbability: number;
  monthlyDiscountRate: number;
  horizonMonths: number;
};

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function assertFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number`);
}

// ── Reference normalisers (mirrored in SQL) ────────────────────────────────────────────────────

/**
 * ARPU to 0–100, linear between the population's 5th and 95th percentiles and clamped, so a few
 * very large accounts do not squash everyone else. With no spread (p95 ≤ p5): 0 below, 50 at,
 * 100 above.
 * SQL: CASE WHEN p95 > p5 THEN LEAST(100, GREATEST(0, 100 * (arpu - p5) / (p95 - p5)))
 *           ELSE 50 + 50 * SIGN(arpu - p5) END
 */
export function normalizeArpu(arpu: number, p5: number, p95: number): number {
  assertFinite(arpu, "arpu");
  assertFinite(p5, "p5");
  assertFinite(p95, "p95");
  if (p95 > p5) return clamp((100 * (arpu - p5)) / (p95 - p5), 0, 100);
  return 50 + 50 * Math.sign(arpu - p5);
}

export const TENURE_SATURATION_MONTHS = 36;

/**
 * Tenure to 0–100 on a saturating curve: the first years count most (≈63 at 3 years, ≈86 at 6).
 * SQL: 100 * (1 - EXP(-GREATEST(months, 0) / 36.0))
 */
export function normalizeTenure(months: number, saturationMonths: number = TENURE_SATURATION_MONTHS): number {
  assertFinite(months, "months");
  if (!(saturationMonths > 0)) throw new RangeError("saturationMonths must be > 0");
  return 100 * (1 - Math.exp(-Math.max(0, months) / saturationMonths));
}

/**
 * Share of bills paid on time (0–1) to 0–100, linear.
 * SQL: 100 * LEAST(1, GREATEST(0, on_time_share))
 */
export function creditScore(onTimeShare: number): number {
  assertFinite(onTimeShare, "onTimeShare");
  return 100 * clamp(onTimeShare, 0, 1);
}

// ── Satisfaction (issue 23: what the customer told us) ─────────────────────────────────────────

/** Points off 100 for a complaint of each grade in the year (a major complaint weighs most). */
export const COMPLAINT_GRADE_PENALTY = { GENERAL: 10, COMPLEX: 20, MAJOR: 35 } as const;
/** Points off for each complaint of the year that was reopened, breached its SLA, or is still unresolved. */
export const COMPLAINT_REOPENED_PENALTY = 10;
export const COMPLAINT_BREACHED_PENALTY = 10;
export const COMPLAINT_UNRESOLVED_PENALTY = 10;
/** Survey satisfaction of a customer who answered nothing in the year (about the base's mean answer). */
export const NO_SURVEY_SATISFACTION = 80;

export type SurveyAnswer = { kind: "CSAT"; score: number } | { kind: "NPS"; score: number } | { kind: "CSI"; index: number };
export interface ComplaintOfTheYear {
  grade: keyof typeof COMPLAINT_GRADE_PENALTY;
  reopened: boolean;
  breached: boolean;
  unresolved: boolean;
}

/** An answer on 0–100: CSAT 1–5 → 0, 25 … 100; NPS 0–10 × 10; the CSI index as it is. */
export function surveyAnswerScore(a: SurveyAnswer): number {
  if (a.kind === "CSAT") return clamp((a.score - 1) * 25, 0, 100);
  if (a.kind === "NPS") return clamp(a.score * 10, 0, 100);
  return clamp(a.index, 0, 100);
}

/**
 * The satisfaction dimension: the mean survey answer of the year (NO_SURVEY_SATISFACTION without
 * one) minus, per complaint of the year, its grade's penalty and 10 more each for reopened,
 * breached and unresolved; on 0–100.
 * SQL: SATISFACTION_SQL in lib/churn/signals.ts (the one place complaints and answers are read).
 */
export function satisfactionScore(answers: readonly SurveyAnswer[], complaints: readonly ComplaintOfTheYear[]): number {
  const survey = answers.length ? answers.reduce((s, a) => s + surveyAnswerScore(a), 0) / answers.length : NO_SURVEY_SATISFACTION;
  const penalty = complaints.reduce(
    (s, c) =>
      s +
      COMPLAINT_GRADE_PENALTY[c.grade] +
      (c.reopened ? COMPLAINT_REOPENED_PENALTY : 0) +
      (c.breached ? COMPLAINT_BREACHED_PENALTY : 0) +
      (c.unresolved ? COMPLAINT_UNRESOLVED_PENALTY : 0),
    0,
  );
  return clamp(survey - penalty, 0, 100);
}

// ── Weights and the score ──────────────────────────────────────────────────────────────────────

/** Everything wrong with a weight set; empty means valid. */
export function validateWeights(weights: ValueWeights): WeightIssue[] {
  const issues: WeightIssue[] = [];
  let sum = 0;
  for (const dimension of VALUE_DIMENSIONS) {
    const w = weights[dimension];
    if (!Number.isFinite(w)) issues.push({ code: "NOT_FINITE", dimension });
    else if (w < 0) issues.push({ code: "NEGATIVE", dimension });
    sum += w;
  }
  if (issues.length === 0 && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) issues.push({ code: "SUM_NOT_ONE", sum });
  return issues;
}

/** Rescales weights to sum to 1. Throws on non-finite or negative weights, or all zero. */
export function normalizeWeights(weights: ValueWeights): ValueWeights {
  const issues = validateWeights(weights).filter((issue) => issue.code !== "SUM_NOT_ONE");
  if (issues.length > 0) throw new RangeError(`invalid weights: ${issues.map((i) => i.code).join(", ")}`);
  const sum = VALUE_DIMENSIONS.reduce((s, d) => s + weights[d], 0);
  if (!(sum > 0)) throw new RangeError("weights are all zero");
  const out = {} as ValueWeights;
  for (const d of VALUE_DIMENSIONS) out[d] = weights[d] / sum;
  return out;
}

/**
 * The weighted value score on 0–100. Dimensions are clamped to 0–100 (SQL already clamps; this
 * guards rounding). Throws RangeError on invalid weights or a non-finite dimension.
 */
export function computeValueScore(dimensions: ValueDimensions, weights: ValueWeights): number {
  const issues = validateWeights(weights);
  if (issues.length > 0) throw new RangeError(`invalid weights: ${issues.map((i) => i.code).join(", ")}`);
  let score = 0;
  for (const d of VALUE_DIMENSIONS) {
    assertFinite(dimensions[d], d);
    score += weights[d] * clamp(dimensions[d], 0, 100);
  }
  return clamp(score, 0, 100);
}

// ── Tiers ──────────────────────────────────────────────────────────────────────────────────────

function assertTierThresholds(t: TierThresholds): void {
  const top = t.mode === "ABSOLUTE" ? 100 : 1;
  if (!(t.silver >= 0 && t.silver <= t.gold && t.gold <= t.diamond && t.diamond <= top)) {
    throw new RangeError(`tier thresholds must satisfy 0 ≤ silver ≤ gold ≤ diamond ≤ ${top}`);
  }
}

/**
 * Postgres percent_rank() of `score` within a population sorted ascending: the number of scores
 * strictly below it over n − 1 (0 for a population of one).
 */
export function percentRank(score: number, sortedAscending: readonly number[]): number {
  const n = sortedAscending.length;
  if (n <= 1) return 0;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedAscending[mid] < score) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(1, lo / (n - 1));
}

/**
 * The tier for one customer. In ABSOLUTE mode the score is compared; in PERCENTILE mode the
 * customer's percentile rank (see `percentRank`) is, and must be given.
 */
export function assignTier(score: number, thresholds: TierThresholds, percentileRank?: number): ValueTier {
  assertTierThresholds(thresholds);
  let value: number;
  if (thresholds.mode === "ABSOLUTE") {
    value = score;
  } else {
    if (percentileRank === undefined) throw new RangeError("PERCENTILE tiers need the percentile rank");
    value = percentileRank;
  }
  assertFinite(value, thresholds.mode === "ABSOLUTE" ? "score" : "percentileRank");
  if (value >= thresholds.diamond) return "DIAMOND";
  if (value >= thresholds.gold) return "GOLD";
  if (value >= thresholds.silver) return "SILVER";
  return "STANDARD";
}

/** Tiers for a whole population (the percentile ranks are computed within `scores`). */
export function assignTiers(scores: readonly number[], thresholds: TierThresholds): ValueTier[] {
  if (thresholds.mode === "ABSOLUTE") return scores.map((s) => assignTier(s, thresholds));
  const sorted = [...scores].sort((a, b) => a - b);
  return scores.map((s) => assignTier(s, thresholds, percentRank(s, sorted)));
}

// ── RFM ────────────────────────────────────────────────────────────────────────────────────────

function assertCutpoints(cuts: readonly number[], name: string): void {
  if (cuts.length !== 4) throw new RangeError(`${name} needs 4 cut-points, got ${cuts.length}`);
  for (let i = 0; i < 4; i++) {
    assertFinite(cuts[i], `${name}[${i}]`);
    if (i > 0 && cuts[i] < cuts[i - 1]) throw new RangeError(`${name} cut-points must be ascending`);
  }
}

/**
 * Quintile 1–5: 1 + the number of cut-points strictly below the value, so intervals are closed
 * on the right (value ≤ c1 → 1, c4 < value → 5) and a mass of ties at the minimum (frequency 0)
 * stays in quintile 1.
 * SQL: 1 + (v > c1)::int + (v > c2)::int + (v > c3)::int + (v > c4)::int
 */
function quintile(value: number, cuts: readonly number[]): number {
  let q = 1;
  for (const c of cuts) if (value > c) q++;
  return q;
}

/** R, F, M scores 1–5 (5 best). Recency is reversed: fewer days since the last activity is better. */
export function computeRfmScores(
  recencyDays: number,
  frequency: number,
  monetary: number,
  cutpoints: RfmCutpoints,
): { recency: number; frequency: number; monetary: number } {
  assertCutpoints(cutpoints.recency, "recency");
  assertCutpoints(cutpoints.frequency, "frequency");
  assertCutpoints(cutpoints.monetary, "monetary");
  assertFinite(recencyDays, "recencyDays");
  assertFinite(frequency, "frequency");
  assertFinite(monetary, "monetary");
  return {
    recency: 6 - quintile(recencyDays, cutpoints.recency),
    frequency: quintile(frequency, cutpoints.frequency),
    monetary: quintile(monetary, cutpoints.monetary),
  };
}

/** The three scores as a code, e.g. '545'. */
export function rfmCode(recencyDays: number, frequency: number, monetary: number, cutpoints: RfmCutpoints): string {
  const s = computeRfmScores(recencyDays, frequency, monetary, cutpoints);
  return `${s.recency}${s.frequency}${s.monetary}`;
}

// ── CLV ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Monthly churn probability equivalent to probability `p` over `windowMonths` months, assuming a
 * constant monthly hazard: 1 − (1 − p)^(1/w).
 */
export function monthlyChurnFromWindow(p: number, windowMonths: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError("p must be within [0, 1]");
  if (!(windowMonths > 0) || !Number.isFinite(windowMonths)) throw new RangeError("windowMonths must be > 0");
  return 1 - Math.pow(1 - p, 1 / windowMonths);
}

/** Expected discounted margin over the horizon; formula and parameters in the file header. */
export function clv(input: ClvInput): number {
  const { monthlyMargin: m, monthlyChurnProbability: p, monthlyDiscountRate: d, horizonMonths: h } = input;
  assertFinite(m, "monthlyMargin");
  if (!(p >= 0 && p <= 1)) throw new RangeError("monthlyChurnProbability must be within [0, 1]");
  if (!(d >= 0) || !Number.isFinite(d)) throw new RangeError("monthlyDiscountRate must be a finite number ≥ 0");
  if (!Number.isInteger(h) || h < 0) throw new RangeError("horizonMonths must be a whole number ≥ 0");
  if (h === 0) return 0;
  const q = (1 - p) / (1 + d);
  // 1 − q computed directly, and 1 − q^H through expm1/log1p, so the closed form stays accurate
  // as q → 1 (tiny p and d) instead of cancelling to 0/0; at q = 1 exactly the sum is m·H.
  const oneMinusQ = (p + d) / (1 + d);
  if (oneMinusQ === 0) return m * h;
  return (m * q * -Math.expm1(h * Math.log1p(-oneMinusQ))) / oneMinusQ;
}
