import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { notify } from "@/lib/complaints/notifications";
import { loadInScope } from "@/lib/complaints/scope";
import { compensationInput, decideCompensationInput } from "@/lib/complaints/schemas";
import { postPoints } from "@/lib/loyalty/ledger";
import { postAccountEntry } from "@/lib/accounts/ledger";
import { readLoyaltySettings } from "@/lib/loyalty/config-queries";
import { pointsExpiryFor } from "@/lib/loyalty/settings";

// Compensation (credit in yuan or loyalty points): approved at once within the requester's
// limit, otherwise waiting for a supervisor's decision within theirs. An approved compensation is
// posted in the same transaction (issue 23, decision 030): points to the customer's points ledger,
// a credit to the account ledger of the complaint's line (else the customer's first account).

/** Posts an approved compensation (idempotent by its ref 'compensation:<id>'). */
async function postCompensation(
  tx: Tx,
  actor: Actor,
  comp: { id: number; kind: "CREDIT" | "POINTS"; amount: number | string; reason: string },
  complaint: { id: number; customerId: number; lineId: number | null },
  now: Date,
): Promise<void> {
  const ref = `compensation:${comp.id}`;
  if (comp.kind === "POINTS") {
    const settings = await readLoyaltySettings(tx);
    await postPoints(
      tx,
      { customerId: complaint.customerId, kind: "COMPENSATION", points: Math.round(Number(comp.amount)), ref, reason: comp.reason, expiresOn: pointsExpiryFor(now, settings), createdById: actor.id },
      now,
    );
    return;
  }
  const line = complaint.lineId ? await tx.line.findUnique({ where: { id: complaint.lineId }, select: { accountId: true } }) : null;
  const accountId =
    line?.accountId ?? (await tx.account.findFirst({ where: { customerId: complaint.customerId }, orderBy: { id: "asc" }, select: { id: true } }))?.id;
  if (!accountId) throw new ValidationError({ kind: "noAccount" }, "loyalty.noAccount");
  await postAccountEntry(tx, { accountId, kind: "COMPENSATION_CREDIT", amount: Number(comp.amount).toFixed(2), ref, reason: comp.reason, createdById: actor.id }, now);
}

/** The role's limit for this kind of compensation; a role without a row has a limit of 0 (all need approval). */
async function limitFor(tx: Tx, role: Actor["role"], kind: "CREDIT" | "POINTS"): Promise<number> {
  const l = await tx.compensationLimit.findUnique({ where: { role } });
  if (!l) return 0;
  return kind === "CREDIT" ? Number(l.creditLimit) : l.pointsLimit;
}

/** Credit (yuan) or loyalty points: within the actor's limit it is approved, above it waits for a supervisor. */
export async function requestCompensation(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: number; status: "APPROVED" | "PENDING_APPROVAL" }> {
  assertCan(actor, "complaint:compensate");
  const input = compensationInput.parse(raw);
  return db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    const limit = await limitFor(tx, actor.role, input.kind);
    const status = input.amount <= limit ? "APPROVED" : "PENDING_APPROVAL";
    const comp = await tx.complaintCompensation.create({
      data: {
        complaintId: c.id,
        kind: input.kind,
        amount: input.amount,
        reason: input.reason,
        status,
        requestedBy: actor.id,
        ...(status === "APPROVED" ? { decidedBy: actor.id, decidedAt: now } : {}),
        createdAt: now,
      },
    });
    if (status === "APPROVED") await postCompensation(tx, actor, { id: comp.id, kind: input.kind, amount: input.amount, reason: input.reason }, c, now);
    if (status === "PENDING_APPROVAL") {
      const sups = await tx.user.findMany({ where: { isActive: true, role: "SUPERVISOR", teamId: c.teamId ?? -1 }, select: { id: true } });
      await notify(
        tx,
        sups.map((s) => s.id),
        "complaint.compensationPending",
        c.id,
        { complaintNo: c.complaintNo, amount: input.amount, kind: input.kind },
      );
    }
    await recordAudit(tx, actor, {
      action: "complaint.compensationRequested",
      entity: "complaint",
      entityId: c.id,
      data: { compensationId: comp.id, kind: input.kind, amount: input.amount, status, limit },
    });
    return { id: comp.id, status };
  });
}

/** A supervisor (or manager) approves or rejects compensation above the requester's limit, within their own. */
export async function decideCompensation(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "complaint:approveCompensation");
  const input = decideCompensationInput.parse(raw);
  await db.$transaction(async (tx) => {
    const comp = await tx.complaintCompensation.findUnique({ where: { id: input.compensationId } });
    if (!comp) throw new NotFoundError("compensation");
    const c = await loadInScope(tx, actor, comp.complaintId);
    if (comp.version !== input.version) throw new ConflictError();
    if (comp.status !== "PENDING_APPROVAL") throw new ValidationError({ status: comp.status }, "complaint.compensationDecided");
    if (input.approve && Number(comp.amount) > (await limitFor(tx, actor.role, comp.kind))) {
      throw new ValidationError({ amount: "overLimit" }, "complaint.overApproverLimit");
    }
    const n = await tx.complaintCompensation.updateMany({
      where: { id: comp.id, version: comp.version },
      data: { status: input.approve ? "APPROVED" : "REJECTED", decidedBy: actor.id, decidedAt: now, version: { increment: 1 } },
    });
    if (n.count === 0) throw new ConflictError();
    if (input.approve) await postCompensation(tx, actor, { id: comp.id, kind: comp.kind, amount: String(comp.amount), reason: comp.reason }, c, now);
    await notify(tx, [comp.requestedBy], input.approve ? "complaint.compensationApproved" : "complaint.compensationRejected", c.id, {
      complaintNo: c.complaintNo,
    });
    await recordAudit(tx, actor, {
      action: input.approve ? "complaint.compensationApproved" : "complaint.compensationRejected",
      entity: "complaint",
      entityId: c.id,
      data: { compensationId: comp.id },
    });
  });
}
