import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { offerRuleInput, valueSettingsInput, type OfferRuleInput, type ValueSettingsInput } from "@/lib/scoring/schemas";

function fieldErrors(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
}

/**
 * Saves a new version of the value settings (weights as percentages, tier cut-offs, churn
 * bands). Versioned: the previous versions stay; `expectedVersion` must be the one in force.
 */
export async function updateValueSettings(actor: Actor, raw: ValueSettingsInput): Promise<{ version: number }> {
  assertCan(actor, "value:manage");
  const parsed = valueSettingsInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const v = parsed.data;
  const percentile = v.tierMode === "PERCENTILE";
  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.valueSettings.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
      if (!current || current.version !== v.expectedVersion) throw new ConflictError("value settings changed");
      const version = current.version + 1;
      const data = {
        version,
        weightProfitability: v.weightProfitability / 100,
        weightLoyalty: v.weightLoyalty / 100,
        weightPotential: v.weightPotential / 100,
        weightSatisfaction: v.weightSatisfaction / 100,
        weightCredit: v.weightCredit / 100,
        tierMode: v.tierMode,
        tierDiamond: percentile ? v.tierDiamond / 100 : v.tierDiamond,
        tierGold: percentile ? v.tierGold / 100 : v.tierGold,
        tierSilver: percentile ? v.tierSilver / 100 : v.tierSilver,
        churnMedium: v.churnMedium / 100,
        churnHigh: v.churnHigh / 100,
        createdById: actor.id > 0 ? actor.id : null,
      };
      await tx.valueSettings.create({ data });
      await recordAudit(tx, actor, { action: "valueSettings.updated", entity: "value_settings", entityId: version, data });
      return { version };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new ConflictError("value settings changed");
    throw e;
  }
}

export async function updateOfferRule(actor: Actor, raw: OfferRuleInput): Promise<void> {
  assertCan(actor, "value:manage");
  const parsed = offerRuleInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const { id, expectedVersion, ...data } = parsed.data;
  await db.$transaction(async (tx) => {
    const r = await tx.offerRule.updateMany({ where: { id, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
    if (r.count === 0) {
      if (!(await tx.offerRule.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError("offer rule");
      throw new ConflictError();
    }
    await recordAudit(tx, actor, { action: "offerRule.updated", entity: "offer_rule", entityId: id, data });
  });
}
