import { ASSESSMENT_COMPONENTS, type AssessmentComponent, type AssessmentWeights } from "@/lib/assessment/schemas";

// The rating rule (pure; the job's SQL in lib/assessment/job-commands.ts computes the same thing
// set-based, tests/unit/assessment-rating.test.ts pins both to these examples).
//
// Each component becomes a score 0..100: the QA average as it is; SLA compliance, first-contact
// resolution, CSAT and training attendance are rates (×100); handling time is scored against the
// team's median for the month: at or under the median 100, slower proportionally less
// (100 × median / aht). A component without data for the agent is left out and the remaining
// weights renormalised: rating = Σ wᵢ·sᵢ / Σ wᵢ over the components present. No component at all:
// no rating (the agent is not ranked that month).

export type ComponentValues = Partial<Record<AssessmentComponent, number | null>>;

/** The 0..100 score of the handling time `aht` (minutes) against the team median. */
export function ahtScore(aht: number, teamMedian: number): number {
  if (aht <= 0) return 100;
  return Math.max(0, Math.min(100, (100 * teamMedian) / aht));
}

/**
 * The rating 0..100 (two decimals) from component scores already on 0..100, or null when none is
 * present (or the weights of those present sum to 0).
 */
export function ratingOf(scores: ComponentValues, weights: AssessmentWeights): number | null {
  let num = 0;
  let den = 0;
  for (const k of ASSESSMENT_COMPONENTS) {
    const s = scores[k];
    if (s === null || s === undefined || Number.isNaN(s)) continue;
    num += weights[k] * s;
    den += weights[k];
  }
  if (den === 0) return null;
  return Math.round((num / den) * 100) / 100;
}
