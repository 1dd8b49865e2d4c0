import "server-only";
import { allowLongStatements, db } from "@/lib/db";
import { CONVERSION_STATEMENTS, EVALUATED_CAMPAIGNS_SQL } from "@/lib/campaigns/rollups";

// The conversion job (issue 22, docs/campaigns.md "Conversion, attribution and evaluation"):
// pg-boss every 5 minutes and after a campaign completes; the demo seed and the generator run the
// same statements (lib/campaigns/rollups.ts) through their own client. Every statement is
// set-based over the campaigns being evaluated at `now`, and the whole pass recomputes from the
// members, the plan changes, the bills, the touches and the surveys: idempotent, a second pass
// changes nothing.

const LOCK = 2202;

export interface ConversionRefresh {
  campaigns: number;
  converted: number;
  skipped?: boolean;
}

/**
 * Recomputes conversions, attribution, revenue and cost of the campaigns being evaluated (or of
 * `campaignIds`), then their rollups, in one transaction (readers see the old rollups or the new).
 * One pass at a time (an advisory lock; a second pass meanwhile returns `skipped`).
 */
export async function refreshCampaignConversions(
  now: Date = new Date(),
  opts: { campaignIds?: number[]; timeoutMs?: number } = {},
): Promise<ConversionRefresh> {
  return db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "job");
      const [{ locked }] = await tx.$queryRaw<[{ locked: boolean }]>`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`;
      if (!locked) return { campaigns: 0, converted: 0, skipped: true };
      const ids = opts.campaignIds ?? (await tx.$queryRawUnsafe<Array<{ id: number }>>(EVALUATED_CAMPAIGNS_SQL, now)).map((r) => r.id);
      if (!ids.length) return { campaigns: 0, converted: 0 };
      for (const s of CONVERSION_STATEMENTS) await tx.$executeRawUnsafe(s.text, now, ids);
      const [{ n }] = await tx.$queryRawUnsafe<[{ n: number }]>(
        `SELECT COALESCE(sum(converted), 0)::int AS n FROM campaign_rollup WHERE campaign_id = ANY($1::int[]) AND NOT is_control`,
        ids,
      );
      return { campaigns: ids.length, converted: n };
    },
    { timeout: opts.timeoutMs ?? 600_000, maxWait: 30_000 },
  );
}
