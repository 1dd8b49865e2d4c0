import { z } from "zod";
import { WEIGHT_SUM_TOLERANCE } from "@/lib/scoring/value";

// Admin form for the value settings (browser-safe). Weights are typed as percentages (0–100)
// and must add up to 100; tier cut-offs are scores (ABSOLUTE) or percentiles 0–100 (PERCENTILE).
const pct = z.coerce.number().finite().min(0).max(100);

export const valueSettingsInput = z
  .object({
    expectedVersion: z.coerce.number().int().positive().max(2_147_483_647),
    weightProfitability: pct,
    weightLoyalty: pct,
    weightPotential: pct,
    weightSatisfaction: pct,
    weightCredit: pct,
    tierMode: z.enum(["ABSOLUTE", "PERCENTILE"]),
    tierDiamond: pct,
    tierGold: pct,
    tierSilver: pct,
    churnMedium: pct,
    churnHigh: pct,
  })
  .superRefine((v, ctx) => {
    const sum = v.weightProfitability + v.weightLoyalty + v.weightPotential + v.weightSatisfaction + v.weightCredit;
    if (Math.abs(sum - 100) > 100 * WEIGHT_SUM_TOLERANCE + 1e-9) ctx.addIssue({ code: "custom", path: ["weights"], message: "weightsSum" });
    if (!(v.tierSilver <= v.tierGold && v.tierGold <= v.tierDiamond)) ctx.addIssue({ code: "custom", path: ["tiers"], message: "tierOrder" });
    if (!(v.churnMedium <= v.churnHigh)) ctx.addIssue({ code: "custom", path: ["churn"], message: "churnOrder" });
  });
export type ValueSettingsInput = z.infer<typeof valueSettingsInput>;

export const offerRuleInput = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  expectedVersion: z.coerce.number().int().positive().max(2_147_483_647),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  threshold: z.coerce.number().finite().min(0).max(10_000),
  priority: z.coerce.number().int().min(0).max(1000),
  isActive: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
});
export type OfferRuleInput = z.infer<typeof offerRuleInput>;

/** The background value jobs an administrator (or a segment manager) can start. */
export const VALUE_JOB_KINDS = ["RESCORE", "CHURN_TRAIN", "SEGMENT_REFRESH"] as const;
export const valueJobKindInput = z.enum(VALUE_JOB_KINDS);
export const valueJobIdInput = z.number().int().positive().max(2_147_483_647);
