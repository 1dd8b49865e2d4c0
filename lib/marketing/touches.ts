import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CampaignChannelName } from "@/lib/marketing/schemas";

type Tx = Prisma.TransactionClient;

/**
 * Records marketing contacts (a message handed to its adapter, a call attempt) for the frequency
 * caps, in the caller's transaction. `rows` may be many (the dispatcher's batch).
 */
export async function recordTouches(
  tx: Tx,
  rows: ReadonlyArray<{ customerId: number; channel: CampaignChannelName; campaignId?: number | null; ruleId?: number | null; at?: Date }>,
): Promise<void> {
  if (!rows.length) return;
  const now = new Date();
  await tx.$executeRaw`
    INSERT INTO marketing_touch (customer_id, channel, campaign_id, rule_id, at)
    SELECT * FROM unnest(${rows.map((r) => r.customerId)}::int[], ${rows.map((r) => r.channel)}::"CampaignChannel"[],
                         ${rows.map((r) => r.campaignId ?? null)}::int[], ${rows.map((r) => r.ruleId ?? null)}::int[],
                         ${rows.map((r) => r.at ?? now)}::timestamptz[])`;
}
