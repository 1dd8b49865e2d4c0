import { z } from "zod";

// Inputs of the outbound call list and of the retention list's one-step actions (issue 22,
// docs/campaigns.md "The call list"). Browser-safe: the forms share them.

export const CALL_OUTCOMES = ["REACHED", "ACCEPTED", "DECLINED", "NO_ANSWER", "CALL_BACK", "WRONG_NUMBER"] as const;
export type CallOutcomeName = (typeof CALL_OUTCOMES)[number];

/** A note on a call: what the customer said, at most 500 characters. */
export const CALL_NOTE_MAX = 500;
/** How many customers one retention action takes (a page of the list is 25; "select all" stays well under). */
export const RETENTION_SELECTION_MAX = 100;

const id = z.coerce.number().int().positive().max(2_147_483_647);
/** A choice from a form's <select>: nothing chosen ("") is "required", not "too small". */
const chosenId = z.preprocess((v) => (v === "" || v === null ? undefined : v), id);
/** A call_task id (bigint in the table; far below 2^53 in any real list). */
const taskId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A date-time from a `datetime-local` field (read as Asia/Shanghai, the operator's zone) or an ISO string. */
export const callBackTime = z.preprocess((v) => {
  if (v instanceof Date) return v;
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const s = v.trim();
  // "2026-12-08T10:30" from <input type="datetime-local">: the operator's time zone (UTC+8, no DST).
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? `${s.length === 16 ? `${s}:00` : s}+08:00` : s;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? v : d;
}, z.date().optional());

export const recordCallOutcomeInput = z
  .object({
    taskId,
    version: id,
    outcome: z.enum(CALL_OUTCOMES),
    note: z.string().trim().max(CALL_NOTE_MAX).optional().default(""),
    callBackAt: callBackTime,
  })
  .refine((v) => v.outcome !== "CALL_BACK" || v.callBackAt !== undefined, { path: ["callBackAt"], message: "required" });
export type RecordCallOutcomeInput = z.input<typeof recordCallOutcomeInput>;

const customerIds = z.preprocess(
  (v) => (typeof v === "string" || typeof v === "number" ? [v] : v),
  z.array(id).min(1).max(RETENTION_SELECTION_MAX),
);

/** Retention list → "Enrol into campaign": a RUNNING campaign and the chosen customers. */
export const retentionEnrolInput = z.object({ campaignId: chosenId, customerIds });
export type RetentionEnrolInput = z.input<typeof retentionEnrolInput>;

/** Retention list → "Create call task": a team, a note the caller reads, the chosen customers. */
export const retentionTaskInput = z.object({
  teamId: chosenId,
  note: z.string().trim().min(1).max(CALL_NOTE_MAX),
  customerIds,
});
export type RetentionTaskInput = z.input<typeof retentionTaskInput>;

/** Why a chosen customer was not enrolled or given a task (one reason each, the first that applies). */
export const LEFT_OUT_REASONS = ["notFound", "churned", "doNotDisturb", "alreadyMember", "alreadyQueued", "excludedAtLaunch", "noConsent", "frequencyCap"] as const;
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

export interface RetentionActionResult {
  /** Customers enrolled, or call tasks created. */
  done: number;
  /** Customers left out, by reason (reasons with none are absent). */
  leftOut: Partial<Record<LeftOutReason, number>>;
}
