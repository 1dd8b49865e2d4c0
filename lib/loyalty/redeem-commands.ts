import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { postPoints } from "@/lib/loyalty/ledger";
import { postAccountEntry } from "@/lib/accounts/ledger";
import { redeemInput } from "@/lib/loyalty/schemas";

// Redeeming a reward for a customer (agents and supervisors on the customer 360). One transaction:
// a counted stock is taken by one guarded UPDATE (stock > 0: concurrent redemptions of the last
// item cannot both get it; an unlimited reward is only read), the points are debited through the
// ledger (insufficient points undoes the stock too), a bill credit is posted to the customer's
// first account, and the audit row.

export async function redeemReward(actor: Actor, raw: unknown, now = new Date()): Promise<{ redemptionId: number; balance: number }> {
  assertCan(actor, "loyalty:redeem");
  const input = redeemInput.parse(raw);
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw new NotFoundError("customer");
    // An unlimited reward is only read (an UPDATE would lock its row: every redemption of it, for
    // whichever customer, would wait for the one before to commit); a counted one is taken by the
    // guarded UPDATE.
    type Taken = { id: number; kind: string; points_cost: number; credit_amount: string | null; code: string };
    let taken = await tx.$queryRaw<Taken[]>`
      SELECT id, kind::text AS kind, points_cost, credit_amount::text AS credit_amount, code FROM loyalty_reward
      WHERE id = ${input.rewardId} AND is_active AND stock IS NULL`;
    if (!taken.length) {
      taken = await tx.$queryRaw<Taken[]>`
        UPDATE loyalty_reward SET stock = stock - 1
        WHERE id = ${input.rewardId} AND is_active AND stock > 0
        RETURNING id, kind::text AS kind, points_cost, credit_amount::text AS credit_amount, code`;
    }
    if (!taken.length) {
      const r = await tx.loyaltyReward.findUnique({ where: { id: input.rewardId }, select: { isActive: true } });
      if (!r) throw new NotFoundError("reward");
      throw new ValidationError({ rewardId: r.isActive ? "outOfStock" : "rewardInactive" }, r.isActive ? "loyalty.outOfStock" : "loyalty.rewardInactive");
    }
    const reward = taken[0];
    const red = await tx.rewardRedemption.create({
      data: { customerId: customer.id, rewardId: reward.id, points: reward.points_cost, createdById: actor.id, createdAt: now },
    });
    const posted = await postPoints(
      tx,
      { customerId: customer.id, kind: "REDEEM", points: -reward.points_cost, ref: `redemption:${red.id}`, reason: reward.code, createdById: actor.id },
      now,
    );
    let accountEntryId: bigint | null = null;
    if (reward.kind === "BILL_CREDIT" && reward.credit_amount) {
      const account = await tx.account.findFirst({ where: { customerId: customer.id }, orderBy: { id: "asc" }, select: { id: true } });
      if (!account) throw new ValidationError({ rewardId: "noAccount" }, "loyalty.noAccount");
      const entry = await postAccountEntry(
        tx,
        { accountId: account.id, kind: "REWARD_CREDIT", amount: reward.credit_amount, ref: `redemption:${red.id}`, reason: reward.code, createdById: actor.id },
        now,
      );
      accountEntryId = entry?.entryId ?? null;
      await tx.rewardRedemption.update({ where: { id: red.id }, data: { accountEntryId } });
    }
    await recordAudit(tx, actor, {
      action: "loyalty.redeemed",
      entity: "customer",
      entityId: customer.id,
      data: {
        redemptionId: red.id,
        rewardId: reward.id,
        code: reward.code,
        points: reward.points_cost,
        accountEntryId: accountEntryId ? String(accountEntryId) : null,
      },
    });
    return { redemptionId: red.id, balance: posted?.balance ?? 0 };
  });
}
