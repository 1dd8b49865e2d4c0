import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { allowedChannelsSql, contactableSql, touchCountsSql } from "@/lib/marketing/eligibility";
import { enqueueMessages } from "@/lib/marketing/outbox";
import { MESSAGE_CHANNELS, type CampaignChannelName, type MarketingSettings } from "@/lib/marketing/schemas";
import { nextBestOfferLateral } from "@/lib/scoring/offers";

// What launch and later enrolment share (issue 22, docs/campaigns.md "Launch"): the member row of
// a contacted customer (channels it may be reached on, offer, baseline spend), and the call list and
// outbox rows that follow from members. Both run inside the caller's transaction, set-based.

type Tx = Prisma.TransactionClient;

export interface CampaignForAudience {
  id: number;
  channels: CampaignChannelName[];
  offerMode: "NONE" | "FIXED" | "NEXT_BEST";
  offerRuleId: number | null;
  callTeamId: number | null;
  callSkill: string | null;
  startsAt: Date;
}

/** The offer a member gets, as an offer_rule id (`c` customer, `s` score, the NBO lateral joined as `nbo`). */
export function memberOfferSql(campaign: Pick<CampaignForAudience, "offerMode" | "offerRuleId">): Prisma.Sql {
  if (campaign.offerMode === "FIXED") return Prisma.sql`${campaign.offerRuleId}::int`;
  if (campaign.offerMode === "NEXT_BEST") return Prisma.sql`(SELECT o.id FROM offer_rule o WHERE o.code = nbo.offer_code)`;
  return Prisma.sql`NULL::int`;
}

/** The NBO lateral join when the campaign needs it (the columns memberOfferSql reads), else nothing. */
export function memberOfferJoin(campaign: Pick<CampaignForAudience, "offerMode">, now: Date): Prisma.Sql {
  return campaign.offerMode === "NEXT_BEST" ? nextBestOfferLateral(now) : Prisma.empty;
}

/** Mean monthly spend of the last three billed months (`bs` = customer_bill_summary, may be null). */
export const BASELINE_SPEND_SQL = Prisma.sql`round((COALESCE(bs.spend_3m, 0) / 3)::numeric, 2)`;

/**
 * Call tasks and queued messages for the treatment members of `campaign` that `memberFilter`
 * (SQL over `m`, campaign_member) selects: a call task when OUTBOUND_CALL is among the member's
 * channels, one outbox message per message channel. Due at the campaign's start at the earliest.
 */
export async function fillCallListAndOutbox(
  tx: Tx,
  campaign: CampaignForAudience,
  memberFilter: Prisma.Sql,
  now: Date,
): Promise<{ calls: number; messages: number }> {
  const due = campaign.startsAt > now ? campaign.startsAt : now;
  let calls = 0;
  if (campaign.channels.includes("OUTBOUND_CALL")) {
    calls = await tx.$executeRaw`
      INSERT INTO call_task (campaign_id, customer_id, team_id, skill, priority, due_at)
      SELECT m.campaign_id, m.customer_id, ${campaign.callTeamId}::int, ${campaign.callSkill}::text,
             CASE m.value_tier WHEN 'DIAMOND' THEN 3 WHEN 'GOLD' THEN 2 WHEN 'SILVER' THEN 1 ELSE 0 END, ${due}
      FROM campaign_member m
      WHERE m.campaign_id = ${campaign.id} AND NOT m.is_control AND 'OUTBOUND_CALL' = ANY(m.channels) AND ${memberFilter}`;
  }
  let messages = 0;
  for (const channel of MESSAGE_CHANNELS) {
    if (!campaign.channels.includes(channel)) continue;
    messages += await enqueueMessages(
      tx,
      Prisma.sql`SELECT m.customer_id FROM campaign_member m
        WHERE m.campaign_id = ${campaign.id} AND NOT m.is_control AND ${channel}::"CampaignChannel" = ANY(m.channels) AND ${memberFilter}`,
      { channel, purpose: "campaign", campaignId: campaign.id, notBefore: due },
    );
  }
  return { calls, messages };
}

/**
 * Enrols customers into a RUNNING campaign after launch (an automation rule's action, the retention
 * list's one-step enrolment): the same rules as launch (not churned, not on do-not-disturb, at least
 * one channel with consent and under the caps), never twice, never a control. They join the funnel
 * (from_launch = false) but not the uplift. The caller has checked permission and locked the
 * campaign row (SELECT … FOR UPDATE) and that it is RUNNING. Returns the customers enrolled.
 */
export async function enrolCustomers(
  tx: Tx,
  campaign: CampaignForAudience,
  customerIds: Prisma.Sql,
  settings: MarketingSettings,
  now: Date,
): Promise<number[]> {
  const channels = allowedChannelsSql(campaign.channels, settings);
  const rows = await tx.$queryRaw<Array<{ customer_id: number }>>`
    INSERT INTO campaign_member (campaign_id, customer_id, is_control, from_launch, value_tier, offer_rule_id, channels, baseline_spend)
    SELECT ${campaign.id}, c.id, false, false, COALESCE(s.tier, 'STANDARD'), ${memberOfferSql(campaign)}, ${channels}, ${BASELINE_SPEND_SQL}
    FROM customer c
    LEFT JOIN customer_score s ON s.customer_id = c.id
    LEFT JOIN customer_bill_summary bs ON bs.customer_id = c.id
    LEFT JOIN (${touchCountsSql(settings, now, customerIds)}) tc ON tc.customer_id = c.id
    ${memberOfferJoin(campaign, now)}
    WHERE c.id IN (${customerIds}) AND ${contactableSql} AND cardinality(${channels}) > 0
      AND NOT EXISTS (SELECT 1 FROM campaign_exclusion x WHERE x.campaign_id = ${campaign.id} AND x.customer_id = c.id)
    ON CONFLICT (campaign_id, customer_id) DO NOTHING
    RETURNING customer_id`;
  const ids = rows.map((r) => r.customer_id);
  if (ids.length) await fillCallListAndOutbox(tx, campaign, Prisma.sql`m.customer_id = ANY(${ids}::int[])`, now);
  return ids;
}
