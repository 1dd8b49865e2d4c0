import { z } from "zod";

// Care tasks and festivals (issue 23, docs/care.md). Browser-safe: the /care page, the admin's
// festival form and the server share these.

export const CARE_TASK_KINDS = [
  "BIRTHDAY",
  "FESTIVAL",
  "CONTRACT_EXPIRY",
  "DATA_QUOTA",
  "PAYMENT_DUE",
  "ARREARS",
  "AFTER_SALES",
  "SPECIAL_CARE_VISIT",
  "WIN_BACK",
  "OTHER",
] as const;
export type CareTaskKindName = (typeof CARE_TASK_KINDS)[number];
export const CARE_TASK_STATUSES = ["OPEN", "DONE", "CANCELLED"] as const;
export type CareTaskStatusName = (typeof CARE_TASK_STATUSES)[number];

/** The outcomes of a care task, in the order of their keys (1–4); a win-back has its own three. */
export const CARE_OUTCOMES = ["COMPLETED", "NOT_REACHABLE", "DECLINED", "CALL_BACK"] as const;
export const WIN_BACK_OUTCOMES = ["RETAINED", "LOST", "NOT_REACHABLE"] as const;
export const ALL_CARE_OUTCOMES = ["COMPLETED", "NOT_REACHABLE", "DECLINED", "CALL_BACK", "RETAINED", "LOST"] as const;
export type CareOutcomeName = (typeof ALL_CARE_OUTCOMES)[number];

/** The outcomes a task of `kind` may be closed with (the keys 1–n on /care). */
export function outcomesFor(kind: CareTaskKindName): readonly CareOutcomeName[] {
  return kind === "WIN_BACK" ? WIN_BACK_OUTCOMES : CARE_OUTCOMES;
}

/** A call back is due at most this many days ahead. */
export const CALL_BACK_MAX_DAYS = 60;
export const CARE_NOTE_MAX = 1000;

const taskId = z.coerce.bigint().positive().max(BigInt("9223372036854775807"));
const version = z.coerce.number().int().min(1).max(2_147_483_647);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const recordCareOutcomeInput = z.object({
  taskId,
  version,
  outcome: z.enum(ALL_CARE_OUTCOMES),
  note: z.string().trim().max(CARE_NOTE_MAX).default(""),
  /** CALL_BACK: the new due day. */
  callBackOn: day.nullable().optional(),
  /** RETAINED: the offer the customer was kept with (offer_rule). */
  offerRuleId: z.coerce.number().int().positive().max(2_147_483_647).nullable().optional(),
});
export type RecordCareOutcomeInput = z.input<typeof recordCareOutcomeInput>;

export const reassignCareTaskInput = z.object({
  taskId,
  version,
  /** null: back to the team's unassigned tasks. */
  assigneeId: z.coerce.number().int().positive().max(2_147_483_647).nullable(),
});
export type ReassignCareTaskInput = z.input<typeof reassignCareTaskInput>;

export const cancelCareTaskInput = z.object({ taskId, version, reason: z.string().trim().min(1).max(500) });
export type CancelCareTaskInput = z.input<typeof cancelCareTaskInput>;

export const FESTIVAL_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
export const addFestivalInput = z.object({
  code: z.string().trim().toUpperCase().regex(FESTIVAL_CODE),
  day,
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
});
export type AddFestivalInput = z.input<typeof addFestivalInput>;
export const removeFestivalInput = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export type RemoveFestivalInput = z.input<typeof removeFestivalInput>;

export const setSpecialCareInput = z.object({
  customerId: z.coerce.number().int().positive().max(2_147_483_647),
  version,
  specialCare: z.enum(["NONE", "ELDERLY", "DISABLED"]),
});
export type SetSpecialCareInput = z.input<typeof setSpecialCareInput>;
