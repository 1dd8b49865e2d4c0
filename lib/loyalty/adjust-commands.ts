import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { postPoints } from "@/lib/loyalty/ledger";
import { readLoyaltySettings } from "@/lib/loyalty/config-queries";
import { adjustLimitFor, pointsExpiryFor } from "@/lib/loyalty/settings";
import { adjustInput, decideAdjustmentInput } from "@/lib/loyalty/schemas";

// Points adjustments with a reason: within the requester's limit (loyalty settings, per role)
// posted at once; above it waiting for a manager (loyalty:approve, never the requester), who
// approves within their own limit or rejects. Notifications as for complaint compensation.

async function notifyUsers(tx: Tx, userIds: number[], kind: string, data: Record<string, string | number>) {
  const ids = [...new Set(userIds.filter((x) => x > 0))];
  if (ids.length) await tx.notification.createMany({ data: ids.map((userId) => ({ userId, kind, complaintId: null, data })) });
}

async function post(tx: Tx, adj: { id: number; customerId: number; points: number; reason: string }, by: number, now: Date) {
  const settings = await readLoyaltySettings(tx);
  const r = await postPoints(
    tx,
    {
      customerId: adj.customerId,
      kind: "ADJUST",
      points: adj.points,
      ref: `adjustment:${adj.id}`,
      reason: adj.reason,
      expiresOn: adj.points > 0 ? pointsExpiryFor(now, settings) : null,
      createdById: by,
    },
    now,
  );
  return r?.entryId ?? null;
}

export async function requestAdjustment(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: number; status: "APPROVED" | "PENDING_APPROVAL" }> {
  assertCan(actor, "loyalty:adjust");
  const input = adjustInput.parse(raw);
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw new NotFoundError("customer");
    const limit = adjustLimitFor(actor.role, await readLoyaltySettings(tx));
    const status = Math.abs(input.points) <= limit ? "APPROVED" : "PENDING_APPROVAL";
    const adj = await tx.pointsAdjustment.create({
      data: {
        customerId: customer.id,
        points: input.points,
        reason: input.reason,
        status,
        requestedBy: actor.id,
        createdAt: now,
        ...(status === "APPROVED" ? { decidedBy: actor.id, decidedAt: now } : {}),
      },
    });
    if (status === "APPROVED") {
      const entryId = await post(tx, adj, actor.id, now);
      await tx.pointsAdjustment.update({ where: { id: adj.id }, data: { entryId } });
    } else {
      const managers = await tx.user.findMany({ where: { isActive: true, role: "MANAGER", id: { not: actor.id } }, select: { id: true } });
      await notifyUsers(
        tx,
        managers.map((m) => m.id),
        "loyalty.adjustmentPending",
        { adjustmentId: adj.id, customerId: customer.id, points: input.points },
      );
    }
    await recordAudit(tx, actor, {
      action: "loyalty.adjustmentRequested",
      entity: "customer",
      entityId: customer.id,
      data: { adjustmentId: adj.id, points: input.points, status, limit: Number.isFinite(limit) ? limit : null },
    });
    return { id: adj.id, status };
  });
}

export async function decideAdjustment(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "loyalty:approve");
  const input = decideAdjustmentInput.parse(raw);
  await db.$transaction(async (tx) => {
    const adj = await tx.pointsAdjustment.findUnique({ where: { id: input.adjustmentId } });
    if (!adj) throw new NotFoundError("adjustment");
    if (adj.version !== input.version) throw new ConflictError();
    if (adj.status !== "PENDING_APPROVAL") throw new ValidationError({ status: adj.status }, "loyalty.adjustmentDecided");
    if (adj.requestedBy === actor.id) throw new ValidationError({ adjustmentId: "ownAdjustment" }, "loyalty.ownAdjustment");
    if (input.approve && Math.abs(adj.points) > adjustLimitFor(actor.role, await readLoyaltySettings(tx))) {
      throw new ValidationError({ points: "overLimit" }, "loyalty.overApproverLimit");
    }
    const n = await tx.pointsAdjustment.updateMany({
      where: { id: adj.id, version: adj.version, status: "PENDING_APPROVAL" },
      data: { status: input.approve ? "APPROVED" : "REJECTED", decidedBy: actor.id, decidedAt: now, version: { increment: 1 } },
    });
    if (n.count === 0) throw new ConflictError();
    if (input.approve) {
      const entryId = await post(tx, adj, actor.id, now);
      await tx.pointsAdjustment.update({ where: { id: adj.id }, data: { entryId } });
    }
    await notifyUsers(tx, [adj.requestedBy], input.approve ? "loyalty.adjustmentApproved" : "loyalty.adjustmentRejected", {
      adjustmentId: adj.id,
      customerId: adj.customerId,
      points: adj.points,
    });
    await recordAudit(tx, actor, {
      action: input.approve ? "loyalty.adjustmentApproved" : "loyalty.adjustmentRejected",
      entity: "customer",
      entityId: adj.customerId,
      data: { adjustmentId: adj.id, points: adj.points },
    });
  });
}
