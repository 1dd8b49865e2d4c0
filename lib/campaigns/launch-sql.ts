import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { BASELINE_SPEND_SQL, memberOfferJoin, memberOfferSql, type CampaignForAudience } from "@/lib/campaigns/audience";
import { allowedChannelsSql, consentSql, touchCountsSql, underOverallCapSql } from "@/lib/marketing/eligibility";
import type { CampaignChannelName, MarketingSettings } from "@/lib/marketing/schemas";

// The launch's one audience statement (lib/campaigns/launch.ts runs it in its transaction; the demo
// seed runs the same SQL on its own connection). No database client here: it only builds SQL.

export type ExclusionCounts = Partial<Record<"CHURNED" | "DO_NOT_DISTURB" | "NO_CONSENT" | "FREQUENCY_CAP", number>>;

/**
 * The launch's audience statement: from the segment's members, one exclusion row per customer left
 * out (the first reason that applies: churned, do-not-disturb, no consent for any of the campaign's
 * channels, the frequency cap — over the overall cap, or every consented channel over its own), then
 * the control draw stratified by value tier — within each tier, customers ranked by
 * md5(seed ':' customer id), the first floor(share × n + 0.5) are control — and the member rows
 * (channels for treatment only, offer, baseline spend). Returns the counts.
 */
export function launchAudienceSql(
  campaign: CampaignForAudience & { controlShare: number; seed: number; segmentId: number },
  settings: MarketingSettings,
  now: Date,
): Prisma.Sql {
  const anyConsent = campaign.channels.length
    ? Prisma.join(
        campaign.channels.map((ch: CampaignChannelName) => consentSql(ch)),
        " OR ",
      )
    : Prisma.sql`false`;
  const allowed = allowedChannelsSql(campaign.channels, settings);
  return Prisma.sql`
    WITH pool AS MATERIALIZED (
      SELECT c.id AS customer_id, COALESCE(s.tier, 'STANDARD'::"ValueTier") AS tier,
        (CASE WHEN c.status = 'CHURNED' THEN 'CHURNED'
              WHEN c.do_not_disturb THEN 'DO_NOT_DISTURB'
              WHEN NOT (${anyConsent}) THEN 'NO_CONSENT'
              WHEN NOT ${underOverallCapSql(settings)} OR cardinality(${allowed}) = 0 THEN 'FREQUENCY_CAP'
         END)::"ExclusionReason" AS reason,
        ${allowed} AS channels
      FROM segment_member sm
      JOIN customer c ON c.id = sm.customer_id
      LEFT JOIN customer_score s ON s.customer_id = c.id
      LEFT JOIN (${touchCountsSql(settings, now)}) tc ON tc.customer_id = c.id
      WHERE sm.segment_id = ${campaign.segmentId}
    ), excluded AS (
      INSERT INTO campaign_exclusion (campaign_id, customer_id, reason)
      SELECT ${campaign.id}, p.customer_id, p.reason FROM pool p WHERE p.reason IS NOT NULL
      RETURNING reason
    ), drawn AS (
      SELECT p.customer_id, p.tier, p.channels,
        row_number() OVER (PARTITION BY p.tier ORDER BY md5(${String(campaign.seed)} || ':' || p.customer_id::text), p.customer_id)
          <= floor(${campaign.controlShare}::float8 * count(*) OVER (PARTITION BY p.tier) + 0.5) AS is_control
      FROM pool p WHERE p.reason IS NULL
    ), members AS (
      INSERT INTO campaign_member (campaign_id, customer_id, is_control, from_launch, value_tier, offer_rule_id, channels, baseline_spend)
      SELECT ${campaign.id}, d.customer_id, d.is_control, true, d.tier, ${memberOfferSql(campaign)},
             CASE WHEN d.is_control THEN ARRAY[]::"CampaignChannel"[] ELSE d.channels END, ${BASELINE_SPEND_SQL}
      FROM drawn d
      JOIN customer c ON c.id = d.customer_id
      LEFT JOIN customer_score s ON s.customer_id = c.id
      LEFT JOIN customer_bill_summary bs ON bs.customer_id = c.id
      ${memberOfferJoin(campaign, now)}
      RETURNING is_control
    )
    SELECT (SELECT count(*) FROM members)::int AS audience,
           (SELECT count(*) FILTER (WHERE is_control) FROM members)::int AS control,
           (SELECT COALESCE(jsonb_object_agg(reason, n), '{}'::jsonb) FROM (SELECT reason, count(*)::int AS n FROM excluded GROUP BY reason) x) AS exclusions`;
}
