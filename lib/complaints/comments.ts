import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { ComplaintStatus } from "@/lib/complaints/workflow";
import { clockColumns } from "@/lib/complaints/clock-columns";
import { loadInScope } from "@/lib/complaints/scope";
import { checkVersion, guardedUpdate } from "@/lib/complaints/version-guard";
import { commentInput, feedbackInput } from "@/lib/complaints/schemas";
import { nudgeHubDelivery, recordApiEvent } from "@/lib/api/hub/event-commands";

// Entries in a complaint's comment log: internal comments and notes, and the result given to
// the customer (feedback), which stops the feedback clock.

/** Internal comments (staff only) and notes; append-only, so no version is needed. */
export async function addComplaintComment(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "complaint:handle");
  const input = commentInput.parse(raw);
  const hubEvents = await db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    await tx.complaintComment.create({ data: { complaintId: c.id, kind: input.kind, body: input.body, authorId: actor.id, at: now } });
    await recordAudit(tx, actor, { action: "complaint.commented", entity: "complaint", entityId: c.id, data: { kind: input.kind } });
    return recordApiEvent(tx, ticketChanged(c, now));
  });
  if (hubEvents) nudgeHubDelivery();
}

/** The owner (or the handler) records the result given to the customer: stops the feedback clock. */
export async function recordComplaintFeedback(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "complaint:handle");
  const input = feedbackInput.parse(raw);
  const hubEvents = await db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    checkVersion(c, input.version);
    const next = { ...c, feedbackAt: c.feedbackAt ?? now, firstRespondedAt: c.firstRespondedAt ?? now };
    const cols = await clockColumns(tx, next, c.status as ComplaintStatus, [], now);
    await guardedUpdate(tx, c, { feedbackAt: next.feedbackAt, firstRespondedAt: next.firstRespondedAt, ...cols });
    await tx.complaintComment.create({ data: { complaintId: c.id, kind: "FEEDBACK", body: input.body, authorId: actor.id, at: now } });
    await recordAudit(tx, actor, { action: "complaint.feedbackRecorded", entity: "complaint", entityId: c.id });
    return recordApiEvent(tx, ticketChanged(c, now));
  });
  if (hubEvents) nudgeHubDelivery();
}

/** The Open API event of a change to a complaint's comment log (the text itself is not sent: listeners GET the ticket). */
function ticketChanged(c: { id: number; teamId: number | null; ownerId: number; assigneeId: number | null }, now: Date) {
  return {
    type: "TroubleTicketAttributeValueChangeEvent" as const,
    entityId: c.id,
    ticket: { teamId: c.teamId, ownerId: c.ownerId, assigneeId: c.assigneeId },
    resource: { lastUpdate: now.toISOString() },
    now,
  };
}
