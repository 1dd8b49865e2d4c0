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
});
export type OpenComplaintInput = z.input<typeof openComplaintInput>;

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
  reason: text(1000).optional().nullable(),
  confirmation: z.enum(CONFIRMATION_SOURCES).optional().nullable(),
});
export type TransitionInput = z.input<typeof transitionInput>;

export const assignInput = z.object({ complaintId: id, version, assigneeId: id, note: text(1000).optional().nullable() });
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

export const queueInput = z.object({
  queue: z.enum(QUEUES).catch("mine"),
  cursor: z.string().max(200).optional(),
  categoryId: id.optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).catch(25),
});
export type QueueInput = { queue: QueueName; cursor?: string; categoryId?: number; limit?: number };
