// Reading the stored churn explanation: customer_score.churn_x (raw feature values) and churn_c
// (contributions to the log-odds), read as { x, c }, in CHURN_FEATURES order (lib/churn/features.ts). Pure.
export const CHURN_FEATURE_ORDER = [
  "tenure_months",
  "arpu_trend",
  "usage_change",
  "complaints_90d",
  "unresolved_90d",
  "contract_end_60d",
  "overdue_bills_6m",
  "low_credit",
  "old_plan",
  // Appended (issue 23, decision 031): the complaint table and survey answers. Appending keeps the
  // explanations stored by an older model readable until the next run.
  "serious_complaints_90d",
  "reopened_365d",
  "breached_365d",
  "detractors_365d",
] as const;

export interface ChurnFactorView {
  feature: string;
  value: number;
  contribution: number;
}

/**
 * When a feature's value reads as a reason an agent can say out loud ("2 complaints in 90 days",
 * "data usage falling"). The model can give a push to a value that is not one — below-average
 * overdue bills when that coefficient came out negative, a rise in spend — and the panel would
 * then show "0 overdue bills" or "spend falling (+1 %)" as a reason to leave.
 */
const READS_AS_A_REASON: Record<(typeof CHURN_FEATURE_ORDER)[number], (x: number) => boolean> = {
  tenure_months: (x) => x < 24,
  arpu_trend: (x) => x < 0,
  usage_change: (x) => x < 0,
  complaints_90d: (x) => x > 0,
  unresolved_90d: (x) => x > 0,
  contract_end_60d: (x) => x > 0,
  overdue_bills_6m: (x) => x > 0,
  low_credit: (x) => x > 0,
  old_plan: (x) => x > 0,
  serious_complaints_90d: (x) => x > 0,
  reopened_365d: (x) => x > 0,
  breached_365d: (x) => x > 0,
  detractors_365d: (x) => x > 0,
};

/**
 * The factors pushing the probability up that read as reasons, strongest first (ties keep
 * feature order).
 */
export function topChurnFactors(stored: unknown, limit = 3): ChurnFactorView[] {
  if (!stored || typeof stored !== "object") return [];
  const { x, c } = stored as { x?: unknown; c?: unknown };
  if (!Array.isArray(x) || !Array.isArray(c)) return [];
  return CHURN_FEATURE_ORDER.map((feature, j) => ({ feature, value: Number(x[j]), contribution: Number(c[j]), j }))
    .filter((f) => Number.isFinite(f.contribution) && f.contribution > 0 && Number.isFinite(f.value) && READS_AS_A_REASON[f.feature](f.value))
    .sort((a, b) => b.contribution - a.contribution || a.j - b.j)
    .slice(0, limit)
    .map(({ feature, value, contribution }) => ({ feature, value: Math.round(value * 1000) / 1000, contribution }));
}
