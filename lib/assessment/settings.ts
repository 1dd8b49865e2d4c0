import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { DEFAULT_LOW_QA_THRESHOLD, DEFAULT_WEIGHTS, type AssessmentWeights } from "@/lib/assessment/schemas";

// The assessment's settings, app_setting "assessment": { weights, lowQaThreshold, version } (admins, versioned),
// and the job's last run, app_setting "assessment.lastRun" (written by every run).

export const ASSESSMENT_SETTING_KEY = "assessment";
export const ASSESSMENT_LAST_RUN_KEY = "assessment.lastRun";

export interface AssessmentSettings {
  weights: AssessmentWeights;
  /** A QA evaluation below this gives the agent a training assignment (lib/training/scan-commands.ts). */
  lowQaThreshold: number;
  version: number;
}

export interface AssessmentRun {
  months: string[];
  rows: number;
  ms: number;
  at: string;
  /** "job" for the scheduled run, or the admin's display name. */
  by: string;
}

const w = z.number().int().min(0).max(100);
const stored = z.object({
  weights: z.object({ qa: w, sla: w, aht: w, fcr: w, csat: w, training: w }),
  lowQaThreshold: w,
  version: z.number().int().min(1),
});
const storedRun = z.object({ months: z.array(z.string()), rows: z.number(), ms: z.number(), at: z.string(), by: z.string() });

export async function readAssessmentSettings(tx: Tx): Promise<AssessmentSettings> {
  const row = await tx.appSetting.findUnique({ where: { key: ASSESSMENT_SETTING_KEY } });
  const parsed = stored.safeParse(row?.value);
  return parsed.success ? parsed.data : { weights: { ...DEFAULT_WEIGHTS }, lowQaThreshold: DEFAULT_LOW_QA_THRESHOLD, version: 1 };
}

export async function readLastRun(tx: Tx): Promise<AssessmentRun | null> {
  const row = await tx.appSetting.findUnique({ where: { key: ASSESSMENT_LAST_RUN_KEY } });
  const parsed = storedRun.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}
