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
] as const;

export interface ChurnFactorView {
  feature: string;
  value: number;
  contribution: number;
}

/** The factors pushing the probability up, strongest first (ties keep feature order). */
export function topChurnFactors(stored: unknown, limit = 3): ChurnFactorView[] {
  if (!stored || typeof stored !== "object") return [];
  const { x, c } = stored as { x?: unknown; c?: unknown };
  if (!Array.isArray(x) || !Array.isArray(c)) return [];
  return CHURN_FEATURE_ORDER.map((feature, j) => ({ feature, value: Number(x[j]), contribution: Number(c[j]), j }))
    .filter((f) => Number.isFinite(f.contribution) && f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution || a.j - b.j)
    .slice(0, limit)
    .map(({ feature, value, contribution }) => ({ feature, value: Math.round(value * 1000) / 1000, contribution }));
}
