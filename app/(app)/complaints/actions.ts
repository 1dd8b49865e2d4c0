"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";
import { assignComplaint, autoAssignComplaint } from "@/lib/complaints/assignment";
import { addComplaintComment, recordComplaintFeedback } from "@/lib/complaints/comments";
import { decideCompensation, requestCompensation } from "@/lib/complaints/compensation";
import { openComplaint } from "@/lib/complaints/intake";
import { markNotificationsRead } from "@/lib/complaints/notifications";
import { recordReturnVisit, transitionComplaint } from "@/lib/complaints/transitions";
import {
  assignInput,
  ATTACHMENT_TYPES,
  autoAssignInput,
  commentInput,
  compensationInput,
  decideCompensationInput,
  feedbackInput,
  MAX_ATTACHMENT_BYTES,
  openComplaintInput,
  returnVisitInput,
  transitionInput,
} from "@/lib/complaints/schemas";

type Result = ActionResult<null>;
const fieldErrors = (e: z.ZodError) => ({ ok: false as const, error: "validation", fields: Object.fromEntries(e.issues.map((i) => [String(i.path[0]), i.code])) });

/** Opens a complaint from the intake form (multipart: the attachment travels as a File). */
export async function openComplaintAction(form: FormData): Promise<ActionResult<{ id: number }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = openComplaintInput.safeParse({
    customerId: form.get("customerId"),
    lineId: form.get("lineId") ? form.get("lineId") : null,
    channel: form.get("channel"),
    categoryId: form.get("categoryId"),
    grade: form.get("grade"),
    summary: form.get("summary") ?? "",
    details: form.get("details") ?? "",
    isAppeal: form.get("isAppeal") === "on",
    idempotencyKey: form.get("idempotencyKey"),
  });
  if (!parsed.success) return fieldErrors(parsed.error);
  const file = form.get("attachment");
  let attachment = null;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_ATTACHMENT_BYTES || !(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      return { ok: false, error: "complaints.errors.attachment", fields: { attachment: "invalid" } };
    }
    attachment = { fileName: file.name, mimeType: file.type as (typeof ATTACHMENT_TYPES)[number], data: new Uint8Array(await file.arrayBuffer()) };
  }
  try {
    const r = await openComplaint(actor, parsed.data, attachment);
    revalidatePath(`/customers/${parsed.data.customerId}`);
    revalidatePath("/complaints");
    return { ok: true, data: { id: r.id } };
  } catch (e) {
    return toActionError(e);
  }
}

async function run<T>(schema: z.ZodType<T>, raw: unknown, fn: (actor: NonNullable<Awaited<ReturnType<typeof getActor>>>, input: T) => Promise<unknown>, path: (input: T) => string): Promise<Result> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return fieldErrors(parsed.error);
  try {
    await fn(actor, parsed.data);
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(path(parsed.data));
  return { ok: true, data: null };
}

const detailPath = (i: { complaintId: number }) => `/complaints/${i.complaintId}`;

export async function transitionComplaintAction(raw: unknown): Promise<Result> {
  return run(transitionInput, raw, transitionComplaint, detailPath);
}
export async function assignComplaintAction(raw: unknown): Promise<Result> {
  return run(assignInput, raw, assignComplaint, detailPath);
}
export async function autoAssignComplaintAction(raw: unknown): Promise<Result> {
  return run(autoAssignInput, raw, autoAssignComplaint, detailPath);
}
export async function addCommentAction(raw: unknown): Promise<Result> {
  return run(commentInput, raw, addComplaintComment, detailPath);
}
export async function recordFeedbackAction(raw: unknown): Promise<Result> {
  return run(feedbackInput, raw, recordComplaintFeedback, detailPath);
}
export async function recordReturnVisitAction(raw: unknown): Promise<Result> {
  return run(returnVisitInput, raw, recordReturnVisit, detailPath);
}
export async function requestCompensationAction(raw: unknown): Promise<Result> {
  return run(compensationInput, raw, requestCompensation, detailPath);
}
const decideWithPath = decideCompensationInput.extend({ complaintId: z.coerce.number().int().positive() });
export async function decideCompensationAction(raw: unknown): Promise<Result> {
  return run(decideWithPath, raw, (actor, i) => decideCompensation(actor, { compensationId: i.compensationId, version: i.version, approve: i.approve }), detailPath);
}

export async function markNotificationsReadAction(raw: unknown): Promise<Result> {
  const input = z.union([z.literal("all"), z.array(z.number().int().positive()).max(200)]);
  return run(input, raw, (actor, ids) => markNotificationsRead(actor, ids), () => "/notifications");
}
