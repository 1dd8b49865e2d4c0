import "server-only";
import type { Tx } from "@/lib/db";
import type { ValueWeights, TierThresholds } from "@/lib/scoring/value";
import type { ChurnBandThresholds } from "@/lib/churn/logistic";

export interface ValueSettingsView {
  version: number;
  weights: ValueWeights;
  tiers: TierThresholds;
  churnBands: ChurnBandThresholds;
  createdAt: Date;
}

/** The settings in force: the highest version (the migration inserts version 1). */
export async function readCurrentSettings(tx: Tx): Promise<ValueSettingsView> {
  const s = await tx.valueSettings.findFirstOrThrow({ orderBy: { version: "desc" } });
  return {
    version: s.version,
    weights: {
      profitability: s.weightProfitability,
      loyalty: s.weightLoyalty,
      potential: s.weightPotential,
      satisfaction: s.weightSatisfaction,
      credit: s.weightCredit,
    },
    tiers: { mode: s.tierMode, diamond: s.tierDiamond, gold: s.tierGold, silver: s.tierSilver },
    churnBands: { medium: s.churnMedium, high: s.churnHigh },
    createdAt: s.createdAt,
  };
}
