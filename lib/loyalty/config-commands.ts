import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { LOYALTY_SETTING_KEY, readLoyaltySettings } from "@/lib/loyalty/config-queries";
import type { LoyaltySettings } from "@/lib/loyalty/settings";
import { createEarnRuleInput, createRewardInput, settingsInput, updateEarnRuleInput, updateRewardInput } from "@/lib/loyalty/schemas";
import type { z } from "zod";

// The admin's loyalty programme: settings (expiry, adjustment limits), earn rules, the catalogue.
// Every change checks the version it was made on and writes its audit row in the same transaction.

export async function updateLoyaltySettings(actor: Actor, raw: unknown): Promise<LoyaltySettings> {
  assertCan(actor, "loyalty:configure");
  const input = settingsInput.parse(raw);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOYALTY_SETTING_KEY}))`;
    const current = await readLoyaltySettings(tx);
    if (current.version !== input.version) throw new ConflictError();
    const next: LoyaltySettings = {
      expiryYears: input.expiryYears,
      adjustLimits: { SUPERVISOR: input.supervisorLimit, MANAGER: input.managerLimit },
      version: current.version + 1,
    };
    await tx.appSetting.upsert({
      where: { key: LOYALTY_SETTING_KEY },
      create: { key: LOYALTY_SETTING_KEY, value: next as unknown as Prisma.InputJsonValue },
      update: { value: next as unknown as Prisma.InputJsonValue },
    });
    await recordAudit(tx, actor, {
      action: "loyalty.settingsUpdated",
      entity: "app_setting",
      entityId: LOYALTY_SETTING_KEY,
      data: { before: { ...current }, after: { ...next } },
    });
    return next;
  });
}

type RuleFields = z.infer<typeof createEarnRuleInput>;

function ruleData(i: RuleFields) {
  if (i.startsOn && i.endsOn && i.endsOn < i.startsOn) throw new ValidationError({ endsOn: "endsBeforeStarts" });
  return {
    name: i.name,
    kind: i.kind,
    // A bonus event multiplies everyone's (or a grade's) earned points: no plan class.
    planClass: i.kind === "RATE" ? i.planClass : null,
    grade: i.grade,
    pointsPerYuan: i.kind === "RATE" ? i.pointsPerYuan : 0,
    multiplier: i.kind === "BONUS" ? i.multiplier : 1,
    startsOn: i.startsOn ? new Date(`${i.startsOn}T00:00:00Z`) : null,
    endsOn: i.endsOn ? new Date(`${i.endsOn}T00:00:00Z`) : null,
    isActive: i.isActive,
  };
}

export async function createEarnRule(actor: Actor, raw: unknown): Promise<{ id: number }> {
  assertCan(actor, "loyalty:configure");
  const data = ruleData(createEarnRuleInput.parse(raw));
  return db.$transaction(async (tx) => {
    const r = await tx.loyaltyEarnRule.create({ data });
    await recordAudit(tx, actor, { action: "loyalty.earnRuleCreated", entity: "loyalty_earn_rule", entityId: r.id, data: { name: r.name, kind: r.kind } });
    return { id: r.id };
  });
}

export async function updateEarnRule(actor: Actor, raw: unknown): Promise<{ id: number }> {
  assertCan(actor, "loyalty:configure");
  const input = updateEarnRuleInput.parse(raw);
  const data = ruleData(input);
  return db.$transaction(async (tx) => {
    const n = await tx.loyaltyEarnRule.updateMany({ where: { id: input.ruleId, version: input.version }, data: { ...data, version: { increment: 1 } } });
    if (n.count === 0) {
      if (!(await tx.loyaltyEarnRule.findUnique({ where: { id: input.ruleId }, select: { id: true } }))) throw new NotFoundError("earnRule");
      throw new ConflictError();
    }
    await recordAudit(tx, actor, {
      action: "loyalty.earnRuleUpdated",
      entity: "loyalty_earn_rule",
      entityId: input.ruleId,
      data: { name: data.name, isActive: data.isActive },
    });
    return { id: input.ruleId };
  });
}

type RewardFields = z.infer<typeof createRewardInput>;

function rewardData(i: RewardFields) {
  if (i.kind === "BILL_CREDIT" && i.creditAmount == null) throw new ValidationError({ creditAmount: "required" });
  if (i.kind === "DATA_PACK" && i.dataMb == null) throw new ValidationError({ dataMb: "required" });
  return {
    code: i.code,
    nameZh: i.nameZh,
    nameEn: i.nameEn,
    kind: i.kind,
    pointsCost: i.pointsCost,
    creditAmount: i.kind === "BILL_CREDIT" ? i.creditAmount : null,
    dataMb: i.kind === "DATA_PACK" ? i.dataMb : null,
    stock: i.stock,
    isActive: i.isActive,
  };
}

function isUniqueViolation(e: unknown) {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

export async function createReward(actor: Actor, raw: unknown): Promise<{ id: number }> {
  assertCan(actor, "loyalty:configure");
  const data = rewardData(createRewardInput.parse(raw));
  try {
    return await db.$transaction(async (tx) => {
      const r = await tx.loyaltyReward.create({ data });
      await recordAudit(tx, actor, {
        action: "loyalty.rewardCreated",
        entity: "loyalty_reward",
        entityId: r.id,
        data: { code: r.code, pointsCost: r.pointsCost },
      });
      return { id: r.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError({ code: "codeTaken" });
    throw e;
  }
}

export async function updateReward(actor: Actor, raw: unknown): Promise<{ id: number }> {
  assertCan(actor, "loyalty:configure");
  const input = updateRewardInput.parse(raw);
  const data = rewardData(input);
  try {
    return await db.$transaction(async (tx) => {
      const n = await tx.loyaltyReward.updateMany({ where: { id: input.rewardId, version: input.version }, data: { ...data, version: { increment: 1 } } });
      if (n.count === 0) {
        if (!(await tx.loyaltyReward.findUnique({ where: { id: input.rewardId }, select: { id: true } }))) throw new NotFoundError("reward");
        throw new ConflictError();
      }
      await recordAudit(tx, actor, {
        action: "loyalty.rewardUpdated",
        entity: "loyalty_reward",
        entityId: input.rewardId,
        data: { code: data.code, pointsCost: data.pointsCost, stock: data.stock, isActive: data.isActive },
      });
      return { id: input.rewardId };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError({ code: "codeTaken" });
    throw e;
  }
}
