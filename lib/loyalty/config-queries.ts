import "server-only";
import type { Tx } from "@/lib/db";
import { parseLoyaltySettings, type LoyaltySettings } from "@/lib/loyalty/settings";

// The loyalty settings as stored (app_setting "loyalty"), read inside the caller's transaction.
// Raw SQL only, so the demo seed's pg transaction can call it too (tests/factories/pg-tx.ts).

export const LOYALTY_SETTING_KEY = "loyalty";

export async function readLoyaltySettings(tx: Pick<Tx, "$queryRaw">): Promise<LoyaltySettings> {
  const rows = await tx.$queryRaw<Array<{ value: unknown }>>`SELECT value FROM app_setting WHERE key = ${LOYALTY_SETTING_KEY}`;
  return parseLoyaltySettings(rows[0]?.value ?? null);
}
