import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { forgetActiveInteractionReasons } from "@/lib/interactions/queries";
import { logInteractionInput, reasonInput, type ChannelName, type DispositionName, type LogInteractionInput, type ReasonInput } from "@/lib/interactions/schemas";

/** Records a contact with the customer by the acting agent; it is on the timeline at once. */
export async function logInteraction(actor: Actor, raw: LogInteractionInput): Promise<{ id: number }> {
  assertCan(actor, "interaction:create");
  const input = logInteractionInput.parse(raw);
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw new NotFoundError("customer");
    const reason = await tx.interactionReason.findUnique({ where: { code: input.reasonCode } });
    if (!reason || !reason.isActive) throw new ValidationError({ reasonCode: "invalid" });
    if (input.lineId !== undefined) {
      const line = await tx.line.findFirst({ where: { id: input.lineId, customerId: input.customerId }, select: { id: true } });
      if (!line) throw new ValidationError({ lineId: "invalid" });
    }
    const row = await tx.interaction.create({
      data: {
        customerId: input.customerId,
        lineId: input.lineId ?? null,
        channel: input.channel,
        direction: input.direction,
        reasonCode: input.reasonCode,
        disposition: input.disposition,
        notes: input.notes ?? null,
        agentId: actor.id,
        durationSec: input.durationSec,
      },
      select: { id: true },
    });
    // Notes may quote the caller: the audit keeps the facts, not the text.
    await recordAudit(tx, actor, {
      action: "interaction.logged",
      entity: "customer",
      entityId: input.customerId,
      data: { interactionId: row.id, channel: input.channel, reasonCode: input.reasonCode, disposition: input.disposition },
    });
    return row;
  });
}

export async function createInteractionReason(actor: Actor, raw: ReasonInput): Promise<void> {
  assertCan(actor, "settings:manage");
  const input = reasonInput.parse(raw);
  await db.$transaction(async (tx) => {
    const exists = await tx.interactionReason.findUnique({ where: { code: input.code }, select: { code: true } });
    if (exists) throw new ValidationError({ code: "taken" });
    await tx.interactionReason.create({ data: input });
    await recordAudit(tx, actor, { action: "interactionReason.created", entity: "interactionReason", entityId: input.code, data: { ...input } });
  });
  forgetActiveInteractionReasons();
}

/** Renames, reorders or (de)activates a reason code. Codes are kept: past contacts refer to them. */
export async function updateInteractionReason(actor: Actor, raw: ReasonInput): Promise<void> {
  assertCan(actor, "settings:manage");
  const input = reasonInput.parse(raw);
  await db.$transaction(async (tx) => {
    const r = await tx.interactionReason.updateMany({
      where: { code: input.code },
      data: { nameZh: input.nameZh, nameEn: input.nameEn, sortOrder: input.sortOrder, isActive: input.isActive },
    });
    if (r.count === 0) throw new NotFoundError("interactionReason");
    await recordAudit(tx, actor, { action: "interactionReason.updated", entity: "interactionReason", entityId: input.code, data: { ...input } });
  });
  forgetActiveInteractionReasons();
}

/**
 * A contact on the customer's timeline written inside the caller's transaction, by a feature that
 * records its own audit row (a care task's outcome, issue 23). Returns the interaction's id.
 */
export async function insertContact(
  tx: Tx,
  c: { customerId: number; agentId: number; channel: ChannelName; direction: "INBOUND" | "OUTBOUND"; disposition: DispositionName; notes: string | null; at: Date },
): Promise<number> {
  const row = await tx.interaction.create({
    data: { customerId: c.customerId, agentId: c.agentId, channel: c.channel, direction: c.direction, disposition: c.disposition, notes: c.notes, occurredAt: c.at },
    select: { id: true },
  });
  return row.id;
}
