import { z } from "zod";

// Win-back on the retention list (issue 23, docs/care.md "Win-back"): inputs and the result shape.
// Browser-safe: the retention page's dialog and the value page's period filter share them.

/** A win-back note: what the owner should know before the call, at most 500 characters. */
export const WINBACK_NOTE_MAX = 500;
/** How many customers one "Assign win-back" takes (a page of the list is 25). */
export const WINBACK_SELECTION_MAX = 100;
/** The due day may be at most this many days ahead. */
export const WINBACK_DUE_MAX_DAYS = 90;
/** The outcomes a win-back ends with (care_task.outcome), in the order the rates show them. */
export const WINBACK_OUTCOMES = ["RETAINED", "LOST", "NOT_REACHABLE"] as const;
export type WinBackOutcome = (typeof WINBACK_OUTCOMES)[number];

const id = z.coerce.number().int().positive().max(2_147_483_647);
/** A choice from a form's <select>: nothing chosen ("") is "required", not "too small". */
const chosenId = z.preprocess((v) => (v === "" || v === null ? undefined : v), id);
const isoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidFormat")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "invalidFormat");

export const assignWinBackInput = z.object({
  ownerId: chosenId,
  /** The day the owner should have called by (Asia/Shanghai), today or later. */
  dueOn: isoDay,
  note: z.string().trim().max(WINBACK_NOTE_MAX).optional().default(""),
  customerIds: z.preprocess((v) => (typeof v === "string" || typeof v === "number" ? [v] : v), z.array(id).min(1).max(WINBACK_SELECTION_MAX)),
});
export type AssignWinBackInput = z.input<typeof assignWinBackInput>;

/** Why a ticked customer got no win-back task (one reason each, the first that applies). */
export const WINBACK_LEFT_OUT = ["notFound", "churned", "alreadyOpen"] as const;
export type WinBackLeftOut = (typeof WINBACK_LEFT_OUT)[number];
export interface AssignWinBackResult {
  assigned: number;
  leftOut: Partial<Record<WinBackLeftOut, number>>;
}

/** The value page's period for retention rates: from and to days (inclusive), default the last 90 days. */
export const retentionRatesPeriod = z.object({ from: isoDay, to: isoDay }).refine((p) => p.from <= p.to, { path: ["to"], message: "invalid" });
export type RetentionRatesPeriod = z.infer<typeof retentionRatesPeriod>;

/** The retention rate of counts: retained ÷ (retained + lost + not reachable); null when there are none. */
export function retentionRate(c: { retained: number; lost: number; notReachable: number }): number | null {
  const n = c.retained + c.lost + c.notReachable;
  return n > 0 ? c.retained / n : null;
}
