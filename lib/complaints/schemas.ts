// Complaint inputs (zod, browser-safe): shared by server actions, lib commands and forms.
import { z } from "zod";
import { COMPLAINT_ACTIONS, CONFIRMATION_SOURCES } from "@/lib/complaints/workflow";

export const COMPLAINT_GRADES = ["GENERAL", "COMPLEX", "MAJOR"] as const;
export type ComplaintGrade = (typeof COMPLAINT_GRADES)[number];
export const COMPLAINT_CHANNELS = ["HOTLINE", "ONLINE_CHAT", "APP", "MINI_PROGRAM", "WECHAT", "SERVICE_HALL", "EMAIL", "SOCIAL", "OUTBOUND_CALL"] as const;
export const QUEUES = ["mine", "team", "unassigned", "breachingSoon", "breached"] as const;
export type QueueName = (typeof QUEUES)[number];

/** Attachments are stored in Postgres (bytea); server actions accept 2 MB bodies. */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;
export const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "application/pdf", "text/plain"] as const;

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().positive().max(2_147_483_647);
const text = (max: number) => z.string().trim().max(max);
/** Optional free text: blank is no text (null), so a form's empty field and an omitted one agree. */
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((s) => s || null);
/** A required choice in a form: nothing chosen ("") is "required", not the number 0. */
const chosenId = z.preprocess((v) => (v === "" ? undefined : typeof v === "string" ? Number(v) : v), z.number().int().positive().max(2_147_483_647));
/** A checkbox: a form sends "on" when ticked and nothing otherwise; objects send a boolean. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const openComplaintInput = z.object({
  customerId: id,
  lineId: id.nullable().optional(),
  channel: z.enum(COMPLAINT_CHANNELS),
  categoryId: id,
  grade: z.enum(COMPLAINT_GRADES),
  summary: text(200).min(1),
  details: text(4000).default(""),
  isAppeal: z.boolean().default(false),
  // A fresh UUID per form render: a double click or a retry sends the same key.
  idempotencyKey: z.string().min(8).max(80),
  /** The contact it is opened from (logged with the outcome "complaint opened"): linked both ways. */
  sourceInteractionId: z.preprocess((v) => (v === "" ? null : v), id.nullable().optional()),
});
export type OpenComplaintInput = z.input<typeof openComplaintInput>;

/** The intake form as it is posted (FormData): no line is "", the appeal a checkbox, the attachment
 *  a File (an empty one when none was chosen). Size and type are checked here, before any upload is read. */
export const openComplaintForm = openComplaintInput.extend({
  categoryId: chosenId,
  lineId: z.preprocess((v) => (v === "" ? null : v), id.nullable().optional()),
  isAppeal: checkbox,
  attachment: z.preprocess(
    (v) => (v instanceof File && v.size === 0 ? undefined : v),
    z
      .instanceof(File)
      .refine((f) => f.size <= MAX_ATTACHMENT_BYTES, { message: "tooLarge" })
      .refine((f) => (ATTACHMENT_TYPES as readonly string[]).includes(f.type), { message: "invalidFormat" })
      .optional(),
  ),
});
export type OpenComplaintForm = z.output<typeof openComplaintForm>;

export const attachmentInput = z.object({
  fileName: text(200).min(1),
  mimeType: z.enum(ATTACHMENT_TYPES),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength > 0 && d.byteLength <= MAX_ATTACHMENT_BYTES),
});
export type AttachmentInput = z.input<typeof attachmentInput>;

export const transitionInput = z.object({
  complaintId: id,
  version,
  action: z.enum(COMPLAINT_ACTIONS),
  reason: optionalText(1000),
  confirmation: z.enum(CONFIRMATION_SOURCES).optional().nullable(),
  /** Resolve only: why it happened (complaint_root_cause of the category); "" from a form is none. */
  rootCauseId: z.preprocess((v) => (v === "" ? null : v), id.nullable().optional()),
});
export type TransitionInput = z.input<typeof transitionInput>;

export const assignInput = z.object({ complaintId: id, version, assigneeId: id, note: optionalText(1000) });
export const autoAssignInput = z.object({ complaintId: id, version });
export const commentInput = z.object({ complaintId: id, kind: z.enum(["INTERNAL", "NOTE"]), body: text(4000).min(1) });
export const feedbackInput = z.object({ complaintId: id, version, body: text(4000).min(1) });
export const returnVisitInput = z.object({ complaintId: id, version, satisfied: z.boolean(), notes: text(1000).default("") });
export const compensationInput = z.object({
  complaintId: id,
  kind: z.enum(["CREDIT", "POINTS"]),
  amount: z.coerce.number().positive().max(1_000_000),
  reason: text(500).min(1),
});
export const decideCompensationInput = z.object({ compensationId: id, version, approve: z.boolean() });
/** The decision as the complaint page sends it: the complaint names the page to refresh. */
export const decideCompensationOnComplaintInput = decideCompensationInput.extend({ complaintId: id });
export const markNotificationsReadInput = z.union([z.literal("all"), z.array(z.number().int().positive()).max(200)]);

export const queueInput = z.object({
  queue: z.enum(QUEUES).catch("mine"),
  cursor: z.string().max(200).optional(),
  categoryId: id.optional().catch(undefined),
  /** One agent's queue (from the team page): what they handle plus what they own and delegated. */
  agentId: id.optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).catch(25),
});
export type QueueInput = { queue: QueueName; cursor?: string; categoryId?: number; agentId?: number; limit?: number };

/**
 * The queue a role lands on: agents their own work; supervisors their team's (their own queue is
 * mostly empty: the team's work is theirs to steer); managers what has breached (the escalation
 * ladder reaches them there).
 */
export function defaultQueue(role: string): QueueName {
  return role === "SUPERVISOR" ? "team" : role === "MANAGER" ? "breached" : "mine";
}

export const createIncidentInput = z.object({ title: text(200).min(1), description: text(4000).default("") });
// Complaint numbers as typed, separated by spaces, commas or new lines.
const complaintNosText = z.string().max(20_000);
/** The link form as posted; lib splits the numbers (linkIncidentInput). */
export const linkIncidentForm = z.object({ incidentId: id, complaintNos: complaintNosText });
export const linkIncidentInput = linkIncidentForm.extend({
  complaintNos: complaintNosText.transform((s) => [...new Set(s.split(/[\s,，]+/).filter(Boolean))]),
});
export const BULK_ACTIONS = ["start", "hold", "resume", "resolve"] as const;
export const bulkTransitionInput = z.object({ incidentId: id, action: z.enum(BULK_ACTIONS), reason: optionalText(1000) });
export const bulkReplyInput = z.object({ incidentId: id, body: text(4000).min(1) });
