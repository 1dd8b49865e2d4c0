import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { consentSql, underCapSql } from "@/lib/marketing/eligibility";
import type { CampaignChannelName, MarketingSettings } from "@/lib/marketing/schemas";

// Who an automation rule's action may reach, in the terms of lib/marketing/eligibility.ts (decision
// 029): the channels the action contacts on — a call for CALL_TASK, the message's channel for
// SEND_MESSAGE, any of the campaign's channels for ENROL_CAMPAIGN — and, for each customer, the
// first reason a firing does nothing: churned, do-not-disturb, no consent, over the caps.

/** TRUE when customer `c` consents to at least one of `channels`. */
export function anyConsentSql(channels: readonly CampaignChannelName[]): Prisma.Sql {
  if (!channels.length) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(channels.map(consentSql), " OR ")})`;
}

/** TRUE when customer `c` (touch counts `tc`) consents to and is under the caps for at least one of `channels`. */
export function anyUsableSql(channels: readonly CampaignChannelName[], settings: MarketingSettings): Prisma.Sql {
  if (!channels.length) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(
    channels.map((ch) => Prisma.sql`(${consentSql(ch)} AND ${underCapSql(ch, settings)})`),
    " OR ",
  )})`;
}

/** The skip reason of customer `c` (with `tc`), or NULL when the action may reach them (lib/automation/schemas.ts SKIP_REASONS). */
export function skipReasonSql(channels: readonly CampaignChannelName[], settings: MarketingSettings): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN c.status = 'CHURNED' THEN 'churned'
    WHEN c.do_not_disturb THEN 'doNotDisturb'
    WHEN NOT ${anyConsentSql(channels)} THEN 'consent'
    WHEN NOT ${anyUsableSql(channels, settings)} THEN 'frequencyCap'
  END`;
}

/**
 * Marketing touches within the caps' window of the customers `customerIds` selects only (the same
 * columns as touchCountsSql in lib/marketing/eligibility.ts, which counts the whole base: a pass
 * reads the touches of the customers it fired for, not of every customer ever contacted).
 */
export function touchCountsForSql(customerIds: Prisma.Sql, settings: MarketingSettings, now: Date): Prisma.Sql {
  const since = new Date(now.getTime() - settings.caps.windowDays * 86_400_000);
  return Prisma.sql`SELECT t.customer_id, count(*)::int AS total,
      count(*) FILTER (WHERE t.channel = 'OUTBOUND_CALL')::int AS n_call, count(*) FILTER (WHERE t.channel = 'SMS')::int AS n_sms,
      count(*) FILTER (WHERE t.channel = 'EMAIL')::int AS n_email, count(*) FILTER (WHERE t.channel = 'PUSH')::int AS n_push,
      count(*) FILTER (WHERE t.channel = 'WECHAT')::int AS n_wechat
    FROM marketing_touch t WHERE t.at > ${since} AND t.customer_id IN (${customerIds}) GROUP BY t.customer_id`;
}

/** The skip reason of an action that contacts no one (GRANT_POINTS): only a churned customer is left out. */
export const churnedOnlySkipSql = Prisma.sql`CASE WHEN c.status = 'CHURNED' THEN 'churned' END`;
