import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { nudgeHubDelivery } from "@/lib/api/hub/event-commands";
import { replayDeadInput, replayDeliveryInput, type ReplayDeadInput, type ReplayDeliveryInput } from "@/lib/api/hub/schemas";

// Replay from the delivery log (/admin/api/deliveries, api:manage): a DEAD or DELIVERED delivery
// goes back to PENDING now with a fresh set of attempts, and the job is nudged. Audited. A
// delivery of a deleted subscription is not replayed (nothing listens there any more).

export async function replayHubDelivery(actor: Actor, raw: ReplayDeliveryInput, now = new Date()): Promise<void> {
  assertCan(actor, "api:manage");
  const { deliveryId } = replayDeliveryInput.parse(raw);
  await db.$transaction(async (tx) => {
    const d = await tx.hubDelivery.findUnique({ where: { id: BigInt(deliveryId) }, select: { id: true, status: true, subscriptionId: true, attempts: true } });
    if (!d) throw new NotFoundError("hubDelivery");
    const s = await tx.hubSubscription.findUnique({ where: { id: d.subscriptionId }, select: { deletedAt: true } });
    if (!s || s.deletedAt) throw new ValidationError({ deliveryId: "subscriptionDeleted" }, "hub.subscriptionDeleted");
    const r = await tx.hubDelivery.updateMany({
      where: { id: d.id, status: { in: ["DEAD", "DELIVERED"] } },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lastError: null },
    });
    if (r.count === 0) throw new ValidationError({ deliveryId: "pending" }, "hub.alreadyPending");
    await recordAudit(tx, actor, {
      action: "hubDelivery.replayed",
      entity: "hub_delivery",
      entityId: deliveryId,
      data: { from: d.status, attempts: d.attempts, subscriptionId: d.subscriptionId },
    });
  });
  nudgeHubDelivery();
}

/** Every DEAD delivery of one live subscription back to PENDING (after a listener's outage). Returns how many. */
export async function replayDeadDeliveries(actor: Actor, raw: ReplayDeadInput, now = new Date()): Promise<{ replayed: number }> {
  assertCan(actor, "api:manage");
  const { subscriptionId } = replayDeadInput.parse(raw);
  const replayed = await db.$transaction(async (tx) => {
    const s = await tx.hubSubscription.findUnique({ where: { id: subscriptionId }, select: { deletedAt: true } });
    if (!s) throw new NotFoundError("hubSubscription");
    if (s.deletedAt) throw new ValidationError({ subscriptionId: "subscriptionDeleted" }, "hub.subscriptionDeleted");
    const r = await tx.hubDelivery.updateMany({
      where: { subscriptionId, status: "DEAD" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lastError: null },
    });
    await recordAudit(tx, actor, { action: "hubSubscription.deadReplayed", entity: "hub_subscription", entityId: subscriptionId, data: { replayed: r.count } });
    return r.count;
  });
  if (replayed) nudgeHubDelivery();
  return { replayed };
}
