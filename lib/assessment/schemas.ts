import { z } from "zod";

// The monthly assessment (issue 24, docs/training-assessment.md). Browser-safe: the admin's weights
// form, the month picker and the server share these.

/** The six components of an agent's month, in the order every table and form shows them. */
export const ASSESSMENT_COMPONENTS = ["qa", "sla", "aht", "fcr", "csat", "training"] as const;
export type AssessmentComponent = (typeof ASSESSMENT_COMPONENTS)[number];
export type AssessmentWeights = Record<AssessmentComponent, number>;

/** The weights until an admin saves others (they sum to 100). */
export const DEFAULT_WEIGHTS: AssessmentWeights = { qa: 30, sla: 20, aht: 10, fcr: 15, csat: 15, training: 10 };

const weight = z.coerce.number().int().min(0).max(100);
const version = z.coerce.number().int().min(1).max(2_147_483_647);

/** The admin's weights: whole numbers 0..100 (that must sum to exactly 100: lib checks). */
/** Below this QA score (final, not calibration) an agent gets a training assignment. */
export const DEFAULT_LOW_QA_THRESHOLD = 60;

export const saveWeightsInput = z.object({
  qa: weight,
  sla: weight,
  aht: weight,
  fcr: weight,
  csat: weight,
  training: weight,
  lowQaThreshold: z.coerce.number().int().min(0).max(100),
  version,
});

/** The sum of the weights (the form shows it live; lib refuses anything but 100). */
export function weightsSum(w: AssessmentWeights): number {
  return ASSESSMENT_COMPONENTS.reduce((s, k) => s + (Number.isFinite(w[k]) ? w[k] : 0), 0);
}
export type SaveWeightsInput = z.input<typeof saveWeightsInput>;

/** A month as "YYYY-MM" (2000-01 .. 2099-12). */
export const monthString = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, "invalid");

export const runAssessmentInput = z.object({ month: monthString });
export type RunAssessmentInput = z.input<typeof runAssessmentInput>;

/** The month of `d` in the operator's time zone (Asia/Shanghai, UTC+8 without DST), "YYYY-MM". */
export function operatorMonth(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** `month` shifted by `n` months ("2026-01", -1 → "2025-12"). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
}

/** The last `count` months up to and including `month`, newest first. */
export function recentMonths(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, -i));
}
