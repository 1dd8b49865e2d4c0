import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CampaignChannelName, MarketingSettings } from "@/lib/marketing/schemas";

// Who marketing may contact, as SQL fragments over a customer alias `c` (the customer table), shared
// by campaign launch and automation rules so both apply the same rules (issue 22):
// - consent for the channel, do-not-disturb, churned;
// - the frequency caps: marketing_touch rows of the last windowDays, per channel and overall, across
//   campaigns and rules.

const CONSENT_COLUMN: Record<CampaignChannelName, Prisma.Sql> = {
  OUTBOUND_CALL: Prisma.sql`c.consent_call`,
  SMS: Prisma.sql`c.consent_sms`,
  EMAIL: Prisma.sql`(c.consent_email AND c.email IS NOT NULL)`,
  PUSH: Prisma.sql`c.consent_push`,
  WECHAT: Prisma.sql`c.consent_wechat`,
};

/** TRUE when customer `c` consents to `channel` (email also needs an address). */
export function consentSql(channel: CampaignChannelName): Prisma.Sql {
  return CONSENT_COLUMN[channel];
}

/** TRUE when customer `c` may be contacted at all: not churned, not on do-not-disturb. */
export const contactableSql = Prisma.sql`(c.status <> 'CHURNED' AND NOT c.do_not_disturb)`;

const TOUCH_COLUMN: Record<CampaignChannelName, string> = {
  OUTBOUND_CALL: "n_call",
  SMS: "n_sms",
  EMAIL: "n_email",
  PUSH: "n_push",
  WECHAT: "n_wechat",
};

/**
 * Marketing contacts per customer within the caps' window, one row per customer touched:
 * (customer_id, total, n_call, n_sms, n_email, n_push, n_wechat). Join it as `tc`:
 * `FROM customer c LEFT JOIN (${touchCountsSql(settings, now)}) tc ON tc.customer_id = c.id`.
 * `customerIds` (a SELECT of ids) limits it to those customers.
 */
export function touchCountsSql(settings: MarketingSettings, now: Date, customerIds?: Prisma.Sql): Prisma.Sql {
  const since = new Date(now.getTime() - settings.caps.windowDays * 86_400_000);
  // A few customers (an enrolment): read only theirs through (customer_id, at), not the whole window.
  const only = customerIds ? Prisma.sql`AND t.customer_id IN (${customerIds})` : Prisma.empty;
  return Prisma.sql`SELECT t.customer_id, count(*)::int AS total,
      count(*) FILTER (WHERE t.channel = 'OUTBOUND_CALL')::int AS n_call, count(*) FILTER (WHERE t.channel = 'SMS')::int AS n_sms,
      count(*) FILTER (WHERE t.channel = 'EMAIL')::int AS n_email, count(*) FILTER (WHERE t.channel = 'PUSH')::int AS n_push,
      count(*) FILTER (WHERE t.channel = 'WECHAT')::int AS n_wechat
    FROM marketing_touch t WHERE t.at > ${since} ${only} GROUP BY t.customer_id`;
}

/** TRUE when the customer (joined touch counts `tc`, possibly null) is under the caps for `channel` and overall. */
export function underCapSql(channel: CampaignChannelName, settings: MarketingSettings): Prisma.Sql {
  return Prisma.sql`(COALESCE(tc.total, 0) < ${settings.caps.overall} AND COALESCE(tc.${Prisma.raw(TOUCH_COLUMN[channel])}, 0) < ${settings.caps.perChannel[channel]})`;
}

/** TRUE when the customer is under the overall cap (for the launch's FREQUENCY_CAP exclusion). */
export function underOverallCapSql(settings: MarketingSettings): Prisma.Sql {
  return Prisma.sql`(COALESCE(tc.total, 0) < ${settings.caps.overall})`;
}

/** The campaign's channels customer `c` (with `tc`) may be contacted on: consent and caps. */
export function allowedChannelsSql(channels: readonly CampaignChannelName[], settings: MarketingSettings): Prisma.Sql {
  if (!channels.length) return Prisma.sql`ARRAY[]::"CampaignChannel"[]`;
  const parts = channels.map((ch) => Prisma.sql`CASE WHEN ${consentSql(ch)} AND ${underCapSql(ch, settings)} THEN ${ch}::"CampaignChannel" END`);
  return Prisma.sql`array_remove(ARRAY[${Prisma.join(parts)}]::"CampaignChannel"[], NULL)`;
}
