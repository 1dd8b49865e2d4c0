import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError, isAppError } from "@/lib/shared/errors";
import type { ComplaintStatus } from "@/lib/complaints/workflow";
import { complaintScope } from "@/lib/complaints/scope";
import { clockColumns } from "@/lib/complaints/clock-columns";
import { applyTransition } from "@/lib/complaints/transitions";
import { guardedUpdate } from "@/lib/complaints/version-guard";
import { bulkReplyInput, bulkTransitionInput, createIncidentInput, linkIncidentInput } from "@/lib/complaints/schemas";

// Major incidents: one parent (e.g. a network outage) with many linked complaints, moved and
// answered in bulk. Bulk steps go through the same state machine and clocks as single ones, one
// transaction for the whole batch, and act only on linked complaints in the actor's scope.
// Holding the linked complaints during the outage pauses their clocks: outage time is not
// counted against the agents' SLA.

const OPEN: ComplaintStatus[] = ["ACKNOWLEDGED", "IN_PROGRESS", "PENDING", "HELD", "RESOLVED"];

export async function createIncident(actor: Actor, raw: unknown, now = new Date()): Promise<number> {
  assertCan(actor, "complaint:assign");
  const input = createIncidentInput.parse(raw);
  return db.$transaction(async (tx) => {
    const i = await tx.majorIncident.create({ data: { ...input, startedAt: now, createdBy: actor.id } });
    await recordAudit(tx, actor, { action: "incident.created", entity: "incident", entityId: i.id, data: { title: input.title } });
    return i.id;
  });
}

export async function listIncidents(actor: Actor) {
  assertCan(actor, "complaint:assign");
  const rows = await db.majorIncident.findMany({ orderBy: [{ status: "asc" }, { startedAt: "desc" }], take: 100, include: { _count: { select: { complaints: true } } } });
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, startedAt: r.startedAt, endedAt: r.endedAt, complaints: r._count.complaints }));
}

export async function getIncident(actor: Actor, incidentId: number) {
  assertCan(actor, "complaint:assign");
  const i = await db.majorIncident.findUnique({ where: { id: incidentId } });
  if (!i) throw new NotFoundError("incident");
  const complaints = await db.complaint.findMany({
    where: { incidentId, ...complaintScope(actor) },
    orderBy: { id: "asc" },
    select: { id: true, complaintNo: true, status: true, summary: true, isSlaPaused: true, breachedAt: true, nextDueAt: true },
  });
  const slaState = (c: (typeof complaints)[number]) => (!c.nextDueAt ? "NONE" : c.isSlaPaused ? "PAUSED" : c.breachedAt ? "BREACHED" : "ON_TRACK");
  return { ...i, complaints: complaints.map((c) => ({ ...c, slaState: slaState(c) })) };
}

/** Links complaints (by number, in the actor's scope) to an open incident; returns how many. */
export async function linkComplaintsToIncident(actor: Actor, raw: unknown): Promise<{ linked: number; unknown: string[] }> {
  assertCan(actor, "complaint:assign");
  const input = linkIncidentInput.parse(raw);
  if (input.complaintNos.length === 0) throw new ValidationError({ complaintNos: "required" });
  return db.$transaction(async (tx) => {
    const i = await tx.majorIncident.findUnique({ where: { id: input.incidentId } });
    if (!i) throw new NotFoundError("incident");
    const found = await tx.complaint.findMany({ where: { complaintNo: { in: input.complaintNos }, ...complaintScope(actor) }, select: { id: true, complaintNo: true } });
    const r = await tx.complaint.updateMany({ where: { id: { in: found.map((f) => f.id) } }, data: { incidentId: i.id, version: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "incident.complaintsLinked", entity: "incident", entityId: i.id, data: { complaintIds: found.map((f) => f.id) } });
    const seen = new Set(found.map((f) => f.complaintNo));
    return { linked: r.count, unknown: input.complaintNos.filter((n) => !seen.has(n)) };
  });
}

/** One step for every linked complaint where the state machine allows it; the others are counted as skipped. */
export async function bulkTransitionIncident(actor: Actor, raw: unknown, now = new Date()): Promise<{ changed: number; skipped: number }> {
  assertCan(actor, "complaint:handle");
  assertCan(actor, "complaint:assign");
  const input = bulkTransitionInput.parse(raw);
  return db.$transaction(
    async (tx) => {
      const i = await tx.majorIncident.findUnique({ where: { id: input.incidentId } });
      if (!i) throw new NotFoundError("incident");
      const rows = await tx.complaint.findMany({ where: { incidentId: i.id, status: { in: OPEN }, ...complaintScope(actor) }, orderBy: { id: "asc" } });
      let changed = 0;
      let skipped = 0;
      for (const c of rows) {
        try {
          await applyTransition(tx, actor, c, { action: input.action, reason: input.reason }, now);
          changed++;
        } catch (e) {
          // An illegal step for this one (e.g. resume on a running case): skip it, keep the batch.
          if (isAppError(e) && e.code.startsWith("complaint.")) skipped++;
          else throw e;
        }
      }
      if (input.action === "resolve") await tx.majorIncident.update({ where: { id: i.id }, data: { status: "RESOLVED", endedAt: now, version: { increment: 1 } } });
      await recordAudit(tx, actor, { action: "incident.bulkTransitioned", entity: "incident", entityId: i.id, data: { action: input.action, changed, skipped } });
      return { changed, skipped };
    },
    { timeout: 60_000 },
  );
}

/** The same answer to every linked customer: a FEEDBACK entry on each, stopping their feedback clocks. */
export async function bulkReplyIncident(actor: Actor, raw: unknown, now = new Date()): Promise<{ replied: number }> {
  assertCan(actor, "complaint:handle");
  assertCan(actor, "complaint:assign");
  const input = bulkReplyInput.parse(raw);
  return db.$transaction(
    async (tx) => {
      const i = await tx.majorIncident.findUnique({ where: { id: input.incidentId } });
      if (!i) throw new NotFoundError("incident");
      const rows = await tx.complaint.findMany({ where: { incidentId: i.id, status: { in: OPEN }, ...complaintScope(actor) }, orderBy: { id: "asc" } });
      for (const c of rows) {
        const next = { ...c, feedbackAt: c.feedbackAt ?? now, firstRespondedAt: c.firstRespondedAt ?? now };
        const cols = await clockColumns(tx, next, c.status as ComplaintStatus, [], now);
        await guardedUpdate(tx, c, { feedbackAt: next.feedbackAt, firstRespondedAt: next.firstRespondedAt, ...cols });
      }
      await tx.complaintComment.createMany({ data: rows.map((c) => ({ complaintId: c.id, kind: "FEEDBACK" as const, body: input.body, authorId: actor.id, at: now })) });
      await recordAudit(tx, actor, { action: "incident.bulkReplied", entity: "incident", entityId: i.id, data: { replied: rows.length } });
      return { replied: rows.length };
    },
    { timeout: 60_000 },
  );
}
