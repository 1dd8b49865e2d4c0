// The reference definitions of the manager metrics (domain brief, "Manager metrics").
// The SQL rollups mirror these functions; when the two disagree, this file is right.
//
// Conventions for every function here:
// - Shares/rates are fractions 0..1 (format as % in the UI). NPS is in points −100..100,
//   CSI on 0..100, complaint rate per 10 000 subscribers, handling time in hours.
// - No rounding: rounding is presentation.
// - A zero denominator (or no data) gives null, never NaN or Infinity; the UI shows "—".
// - Counts must be finite and ≥ 0, survey scores integers in their scale; anything else is a
//   bug upstream and throws a RangeError rather than producing a plausible wrong number.

// ---------------------------------------------------------------------------------------------
// Targets (seed 000 §4.3) and the CSI baseline (seed 000 §2.1), used as defaults until an
// admin configures others.

export const DEFAULT_METRIC_TARGETS = {
  /** Issue (service request) handling satisfaction, share of satisfied answers: ≥ 90 %. */
  issueSatisfactionMin: 0.9,
  /** Complaint handling satisfaction: ≥ 85 %. */
  complaintSatisfactionMin: 0.85,
  /** Average complaint handling time, business hours: ≤ 24 h. */
  averageHandlingHoursMax: 24,
} as const;

export const CSI_DIMENSIONS = [
  "RESPONSE_SPEED",
  "RESOLUTION_EFFICIENCY",
  "COMMUNICATION_QUALITY",
] as const;
export type CsiDimension = (typeof CSI_DIMENSIONS)[number];

/**
 * 2024 industry baseline. The overall 89.6 is the published figure, not derived from the
 * sub-scores: no weighted mean of 87.3 / 86.5 / 88.2 can exceed 88.2, so the source must have
 * used more dimensions or another method. Keep both as given; compare like with like.
 */
export const CSI_BASELINE_2024 = {
  csi: 89.6,
  dimensions: {
    RESPONSE_SPEED: 87.3,
    RESOLUTION_EFFICIENCY: 86.5,
    COMMUNICATION_QUALITY: 88.2,
  },
} as const satisfies { csi: number; dimensions: Record<CsiDimension, number> };

/** Equal weights until an admin configures the template (the seeds give none). */
export const DEFAULT_CSI_WEIGHTS: Readonly<Record<CsiDimension, number>> = {
  RESPONSE_SPEED: 1,
  RESOLUTION_EFFICIENCY: 1,
  COMMUNICATION_QUALITY: 1,
};

// ---------------------------------------------------------------------------------------------
// Helpers

function assertCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}

function assertScore(
  name: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${name} must be an integer ${min}–${max}, got ${value}`,
    );
  }
}

/** numerator ÷ denominator, or null when the denominator is 0. */
function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function countRatio(
  numeratorName: string,
  numerator: number,
  denominatorName: string,
  denominator: number,
): number | null {
  assertCount(numeratorName, numerator);
  assertCount(denominatorName, denominator);
  return ratio(numerator, denominator);
}

// ---------------------------------------------------------------------------------------------
// Complaints

/** 万户投诉率: complaints in the period ÷ active subscribers × 10 000. */
export function complaintRatePer10k(
  complaints: number,
  activeSubscribers: number,
): number | null {
  const r = countRatio(
    "complaints",
    complaints,
    "activeSubscribers",
    activeSubscribers,
  );
  return r === null ? null : r * 10_000;
}

/**
 * Share of SLA clocks that met their target among those with a decided outcome. `met: null`
 * means still running (neither met nor breached yet) and is left out of both sides.
 */
export function slaCompliance(
  items: readonly { met: boolean | null }[],
): number | null {
  let decided = 0;
  let met = 0;
  for (const item of items) {
    if (item.met === null) continue;
    decided += 1;
    if (item.met) met += 1;
  }
  return ratio(met, decided);
}

/**
 * Mean handling time in hours, from per-complaint handling minutes (business minutes,
 * created → resolved, as computed by lib/sla). Null when nothing was resolved.
 */
export function averageHandlingHours(
  minutesList: readonly number[],
): number | null {
  let total = 0;
  for (const minutes of minutesList) {
    assertCount("handling minutes", minutes);
    total += minutes;
  }
  const mean = ratio(total, minutesList.length);
  return mean === null ? null : mean / 60;
}

export type BacklogAgeBucket =
  "LT_4H" | "H4_TO_24H" | "H24_TO_48H" | "H48_TO_7D" | "GT_7D";

const HOUR_MS = 3_600_000;

/**
 * Age buckets, lower bound inclusive, upper bound exclusive: exactly 4 h old is in 4–24 h.
 * Exported so the SQL rollup uses the same bounds.
 */
export const BACKLOG_AGE_BUCKETS: readonly {
  bucket: BacklogAgeBucket;
  fromHours: number;
  toHours: number | null;
}[] = [
  { bucket: "LT_4H", fromHours: 0, toHours: 4 },
  { bucket: "H4_TO_24H", fromHours: 4, toHours: 24 },
  { bucket: "H24_TO_48H", fromHours: 24, toHours: 48 },
  { bucket: "H48_TO_7D", fromHours: 48, toHours: 168 },
  { bucket: "GT_7D", fromHours: 168, toHours: null },
];

/**
 * Open complaints counted by age at `now`. Age is elapsed calendar time (what the customer
 * has waited), not business time. A creation time after `now` (clock skew) counts as age 0.
 * Every bucket is present, in order, so charts keep a stable axis.
 */
export function backlogAgingBuckets(
  openCreatedAt: readonly Date[],
  now: Date,
): Record<BacklogAgeBucket, number> {
  const counts: Record<BacklogAgeBucket, number> = {
    LT_4H: 0,
    H4_TO_24H: 0,
    H24_TO_48H: 0,
    H48_TO_7D: 0,
    GT_7D: 0,
  };
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("now is an invalid date");
  for (const createdAt of openCreatedAt) {
    const createdMs = createdAt.getTime();
    if (Number.isNaN(createdMs))
      throw new RangeError("createdAt is an invalid date");
    const ageHours = Math.max(0, nowMs - createdMs) / HOUR_MS;
    const match = BACKLOG_AGE_BUCKETS.find(
      (b) =>
        ageHours >= b.fromHours && (b.toHours === null || ageHours < b.toHours),
    );
    // The buckets cover [0, ∞), so a match always exists.
    if (match) counts[match.bucket] += 1;
  }
  return counts;
}

export type FirstContactResolutionItem = {
  resolvedByOwner: boolean;
  transferred: boolean;
  escalated: boolean;
  reopenedWithin7d: boolean;
};

/** Resolved by the first-contact owner, never transferred or escalated, not reopened in 7 days. */
export function isFirstContactResolved(
  item: FirstContactResolutionItem,
): boolean {
  return (
    item.resolvedByOwner &&
    !item.transferred &&
    !item.escalated &&
    !item.reopenedWithin7d
  );
}

/**
 * FCR: share of resolved complaints that were first-contact resolved. Pass complaints resolved
 * at least 7 days ago, or the reopen condition is not yet decided.
 */
export function firstContactResolution(
  items: readonly FirstContactResolutionItem[],
): number | null {
  return ratio(items.filter(isFirstContactResolved).length, items.length);
}

/** Reopened complaints ÷ resolved complaints in the period. */
export function reopenRate(reopened: number, resolved: number): number | null {
  return countRatio("reopened", reopened, "resolved", resolved);
}

/** Escalated complaints ÷ complaints in the period. */
export function escalationRate(
  escalated: number,
  complaints: number,
): number | null {
  return countRatio("escalated", escalated, "complaints", complaints);
}

// ---------------------------------------------------------------------------------------------
// Satisfaction

/** CSAT: share of 4 and 5 among answers on a 1–5 scale. */
export function csat(scores: readonly number[]): number | null {
  let satisfied = 0;
  for (const score of scores) {
    assertScore("CSAT score", score, 1, 5);
    if (score >= 4) satisfied += 1;
  }
  return ratio(satisfied, scores.length);
}

/** NPS in points −100..100: % promoters (9–10) − % detractors (0–6); passives (7–8) count in n. */
export function nps(scores: readonly number[]): number | null {
  let promoters = 0;
  let detractors = 0;
  for (const score of scores) {
    assertScore("NPS score", score, 0, 10);
    if (score >= 9) promoters += 1;
    else if (score <= 6) detractors += 1;
  }
  const net = ratio(promoters - detractors, scores.length);
  return net === null ? null : net * 100;
}

/** A 1–5 answer on the 0–100 scale CSI uses: (x − 1) / 4 × 100, so 1 → 0, 3 → 50, 5 → 100. */
export function likertToScore(answer: number): number {
  assertScore("answer", answer, 1, 5);
  return ((answer - 1) / 4) * 100;
}

/**
 * CSI 0..100: the weighted mean of dimension scores, each already on 0..100 (convert 1–5
 * answers with `likertToScore` and average per dimension first).
 * The weights define the index: dimensions without a weight are ignored; weights need not sum
 * to 1. A weighted dimension with no score (nobody answered it) is left out and the other
 * weights are renormalised. Null when no weighted dimension has a score, or the weights of
 * those that do sum to 0.
 */
export function csi<D extends string>(
  dimensionScores: Partial<Record<D, number | null>>,
  weights: Readonly<Partial<Record<D, number>>>,
): number | null {
  let weightedSum = 0;
  let totalWeight = 0;
  for (const dimension of Object.keys(weights) as D[]) {
    const weight = weights[dimension];
    if (weight === undefined) continue;
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(
        `weight of ${dimension} must be a finite number ≥ 0, got ${weight}`,
      );
    }
    const score = dimensionScores[dimension];
    if (score === undefined || score === null) continue;
    if (!Number.isFinite(score) || score < 0 || score > 100) {
      throw new RangeError(
        `score of ${dimension} must be within 0–100, got ${score}`,
      );
    }
    weightedSum += weight * score;
    totalWeight += weight;
  }
  return ratio(weightedSum, totalWeight);
}

export type SurveyAnswer = { kind: "NPS" | "CSAT"; score: number };

/** Opens a follow-up task: NPS 0–6, CSAT 1–2. */
export function isDetractor(answer: SurveyAnswer): boolean {
  if (answer.kind === "NPS") {
    assertScore("NPS score", answer.score, 0, 10);
    return answer.score <= 6;
  }
  assertScore("CSAT score", answer.score, 1, 5);
  return answer.score <= 2;
}

/** Survey invitations answered ÷ sent. */
export function responseRate(sent: number, answered: number): number | null {
  return countRatio("answered", answered, "sent", sent);
}

// ---------------------------------------------------------------------------------------------
// Churn

/** Subscribers churned during the month ÷ active at the start of the month. */
export function churnRate(
  churnedInMonth: number,
  activeAtMonthStart: number,
): number | null {
  return countRatio(
    "churnedInMonth",
    churnedInMonth,
    "activeAtMonthStart",
    activeAtMonthStart,
  );
}

/**
 * Active subscribers at the end of a month: active at its start + joined − churned during it.
 * (Who joined and left in the same month counts in both and nets out.)
 */
export function activeAtMonthEnd(activeAtMonthStart: number, joinedInMonth: number, churnedInMonth: number): number {
  assertCount("activeAtMonthStart", activeAtMonthStart);
  assertCount("joinedInMonth", joinedInMonth);
  assertCount("churnedInMonth", churnedInMonth);
  const end = activeAtMonthStart + joinedInMonth - churnedInMonth;
  if (end < 0) throw new RangeError(`more churned than were active: ${end}`);
  return end;
}

/** At-risk count: active subscribers whose churn band is HIGH (churned ones are not at risk). */
export function atRiskCount(customers: readonly { churnBand: "LOW" | "MEDIUM" | "HIGH" | null; churned: boolean }[]): number {
  return customers.filter((c) => c.churnBand === "HIGH" && !c.churned).length;
}

export const TIER_ORDER = ["DIAMOND", "GOLD", "SILVER", "STANDARD"] as const;
export type TierName = (typeof TIER_ORDER)[number];

export type TierMixRow = {
  tier: TierName;
  customers: number;
  /** Share of all customers in the month's snapshot (0..1); null when the month is empty. */
  share: number | null;
  previous: number | null;
  /** Customers this month − previous month; null without a previous snapshot. */
  change: number | null;
  /** Share this month − share previous month (fraction points); null without a previous snapshot. */
  shareChange: number | null;
};

/**
 * Value-tier mix of a month and its month-on-month change. Every tier is present, in tier order,
 * so charts keep a stable axis. `previous` is null when there was no snapshot the month before.
 */
export function tierMix(current: Readonly<Partial<Record<TierName, number>>>, previous: Readonly<Partial<Record<TierName, number>>> | null): TierMixRow[] {
  const total = (m: Readonly<Partial<Record<TierName, number>>>) =>
    TIER_ORDER.reduce((sum, t) => {
      const v = m[t] ?? 0;
      assertCount(`customers in ${t}`, v);
      return sum + v;
    }, 0);
  const curTotal = total(current);
  const prevTotal = previous ? total(previous) : 0;
  return TIER_ORDER.map((tier) => {
    const customers = current[tier] ?? 0;
    const share = ratio(customers, curTotal);
    const prev = previous ? (previous[tier] ?? 0) : null;
    const prevShare = previous ? ratio(prev ?? 0, prevTotal) : null;
    return {
      tier,
      customers,
      share,
      previous: prev,
      change: prev === null ? null : customers - prev,
      shareChange: share === null || prevShare === null ? null : share - prevShare,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Campaigns

/** Targets actually contacted (delivered and reached) ÷ targets in the group. */
export function contactRate(
  contacted: number,
  targeted: number,
): number | null {
  return countRatio("contacted", contacted, "targeted", targeted);
}

/**
 * Converted ÷ everyone in the group (intention to treat), not ÷ contacted: the control group is
 * never contacted, so only this base compares treatment and control like with like.
 */
export function conversionRate(
  converted: number,
  groupSize: number,
): number | null {
  return countRatio("converted", converted, "groupSize", groupSize);
}

/**
 * Absolute uplift: treatment conversion rate − control conversion rate, as a fraction
 * (0.02 = 2 percentage points). Null when either rate is unknown.
 */
export function uplift(
  treatmentConv: number | null,
  controlConv: number | null,
): number | null {
  if (treatmentConv === null || controlConv === null) return null;
  return treatmentConv - controlConv;
}

/** Campaign cost (yuan) ÷ conversions. */
export function costPerConversion(
  cost: number,
  conversions: number,
): number | null {
  return countRatio("cost", cost, "conversions", conversions);
}

/**
 * Return on investment: (revenue − cost) ÷ cost, so 0 = broke even, 1 = doubled the money.
 * Pass incremental revenue (attributable over control) for a fair figure.
 */
export function roi(revenue: number, cost: number): number | null {
  if (!Number.isFinite(revenue))
    throw new RangeError(`revenue must be finite, got ${revenue}`);
  assertCount("cost", cost);
  return ratio(revenue - cost, cost);
}
