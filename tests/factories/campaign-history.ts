// Campaign history for the demo and the benchmark (issue 22): campaigns that ran, with their
// members (treatment and a never-contacted control group), the funnel's timestamps, marketing
// touches, call tasks DONE, outbound messages SENT/DELIVERED, plan changes (a base rate for everyone
// plus the offers customers took), then the conversion job's own statements
// (lib/campaigns/conversions.ts) for conversions, attribution, revenue, cost and the rollups.
// Set-based SQL over the loaded customers through a pg client (the seed's transaction, the
// generator's connection); every draw is a hash of the customer id and a salt, so the history
// depends on the base and the salts, not on the run.
import type pg from "pg";
import { CONVERSION_STATEMENTS } from "@/lib/campaigns/rollups";

const DAY = 86_400_000;

/** A uniform draw in [0, 1000) from a customer id column and a salt (independent across salts). */
const H = (col: string, salt: number) => `(abs(hashint8(${col}::bigint * 100003 + ${salt})::bigint) % 1000)`;

export interface CampaignSpec {
  name: string;
  objective: string;
  channels: Array<"OUTBOUND_CALL" | "SMS" | "EMAIL" | "PUSH" | "WECHAT">;
  launchedAt: Date;
  /** Days the campaign ran (contacts spread over the first week of it). */
  days: number;
  status: "RUNNING" | "COMPLETED";
  /** Share of the base drawn as the audience, in per mille. */
  audiencePermille: number;
  /** A further SQL condition on customer `c` and score `s` (say a tier), or "true". */
  filter?: string;
  controlShare: number;
  salt: number;
  successKinds: Array<"OFFER_ACCEPTED" | "PLAN_CHANGE" | "SPEND_INCREASE">;
  successWindowDays: number;
  /** Per mille: contacted of treatment, reached of contacted, accepted of reached. */
  contactRate: number;
  reachRate: number;
  acceptRate: number;
  /** Per mille of accepting customers who also move to a dearer plan a few days later. */
  upgradeRate: number;
  segmentId: number;
}

const COSTS = { OUTBOUND_CALL: 3.5, SMS: 0.05, EMAIL: 0.01, PUSH: 0, WECHAT: 0.02 };
// The value tier at launch: the score's when scored, else from the baseline spend (the demo seed
// and the generator load customers before anything scores them).
const TIER_SQL = `COALESCE(s.tier, CASE WHEN COALESCE(bs.spend, 0) >= 300 THEN 'DIAMOND' WHEN COALESCE(bs.spend, 0) >= 150 THEN 'GOLD'
  WHEN COALESCE(bs.spend, 0) >= 80 THEN 'SILVER' ELSE 'STANDARD' END::"ValueTier")`;
/** Mean monthly spend over the billed months among the three before launch ($2), as `bs.spend` (null without bills). */
const BASELINE_JOIN = `LEFT JOIN LATERAL (
    SELECT sum(b.total_charge) / NULLIF(count(DISTINCT b.month), 0) AS spend FROM bill b
    WHERE b.customer_id = c.id AND b.month >= (date_trunc('month', $2::timestamptz AT TIME ZONE 'Asia/Shanghai') - interval '3 months')::date
      AND b.month < date_trunc('month', $2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
  ) bs ON true`;
const CONSENT: Record<string, string> = {
  OUTBOUND_CALL: "c.consent_call",
  SMS: "c.consent_sms",
  EMAIL: "(c.consent_email AND c.email IS NOT NULL)",
  PUSH: "c.consent_push",
  WECHAT: "c.consent_wechat",
};

/** One campaign that ran, with everything it left behind (not its conversions: see finishCampaignHistory). Returns its id. */
export async function insertCampaignHistory(client: pg.ClientBase, spec: CampaignSpec): Promise<number> {
  const endedAt = new Date(spec.launchedAt.getTime() + spec.days * DAY);
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO campaign (name, objective, segment_id, audience_mode, channels, starts_at, ends_at, budget, channel_costs, offer_mode, offer_rule_id,
                           script_zh, script_en, message_zh, message_en, control_share, seed, success_kinds, success_window_days, spend_increase_pct,
                           call_team_id, status, created_by_id, submitted_at, approved_by_id, approved_at, launched_at, ended_at, created_at, updated_at)
     SELECT $1, $2, $3, 'STATIC', $4::"CampaignChannel"[], $5, $6, 50000, $7::jsonb,
            CASE WHEN o.id IS NULL THEN 'NONE' ELSE 'FIXED' END::"OfferMode", o.id,
            '您好，{name}，我是您的客户经理。感谢您一直以来的支持，现为您提供{offer}。',
            'Hello {name}, this is your account manager. Thank you for staying with us: you can have {offer}.',
            '尊敬的{name}，感谢您的支持，{offer}等您领取。退订：{optOutUrl}',
            'Dear {name}, thank you for staying with us: {offer} is waiting for you. Opt out: {optOutUrl}',
            $8, $9, $10::"ConversionKind"[], $11, 0.1,
            (SELECT team_id FROM app_user WHERE username = 'agent1'), $12::"CampaignStatus",
            m1.id, $5::timestamptz - interval '5 days', m2.id, $5::timestamptz - interval '3 days', $5, CASE WHEN $12 = 'COMPLETED' THEN $6::timestamptz END,
            $5::timestamptz - interval '7 days', now()
     FROM (SELECT id FROM app_user WHERE username = 'manager1') m1
     CROSS JOIN (SELECT COALESCE((SELECT id FROM app_user WHERE username = 'manager2'), (SELECT id FROM app_user WHERE username = 'admin1')) AS id) m2
     LEFT JOIN LATERAL (SELECT id FROM offer_rule ORDER BY id LIMIT 1) o ON true
     RETURNING id`,
    [
      spec.name,
      spec.objective,
      spec.segmentId,
      spec.channels,
      spec.launchedAt,
      endedAt,
      JSON.stringify(Object.fromEntries(spec.channels.map((ch) => [ch, COSTS[ch]]))),
      spec.controlShare,
      spec.salt,
      spec.successKinds,
      spec.successWindowDays,
      spec.status,
    ],
  );
  const id = rows[0]!.id;
  const anyConsent = spec.channels.map((ch) => CONSENT[ch]).join(" OR ");
  const channelsSql = `array_remove(ARRAY[${spec.channels.map((ch) => `CASE WHEN ${CONSENT[ch]} THEN '${ch}' END`).join(", ")}]::"CampaignChannel"[], NULL)`;
  const sample = `${H("c.id", spec.salt)} < ${spec.audiencePermille} AND c.joined_at < $2::timestamptz AND (${spec.filter ?? "true"})`;
  // Exclusions at launch: the first reason that applies (no consent, do-not-disturb, churned).
  await client.query(
    `INSERT INTO campaign_exclusion (campaign_id, customer_id, reason)
     SELECT $1, c.id, CASE WHEN NOT (${anyConsent}) THEN 'NO_CONSENT' WHEN c.do_not_disturb THEN 'DO_NOT_DISTURB' ELSE 'CHURNED' END::"ExclusionReason"
     FROM customer c LEFT JOIN customer_score s ON s.customer_id = c.id
     WHERE ${sample} AND (NOT (${anyConsent}) OR c.do_not_disturb OR (c.status = 'CHURNED' AND c.churned_at < $2::timestamptz))`,
    [id, spec.launchedAt],
  );
  // The audience: treatment and control (drawn per customer at controlShare), with the funnel.
  const contactMinutes = 7 * 1440;
  await client.query(
    `INSERT INTO campaign_member (campaign_id, customer_id, is_control, from_launch, value_tier, offer_rule_id, channels, baseline_spend,
                                  contacted_at, reached_at, accepted_at, declined_at)
     SELECT $1, x.id, x.ctl, true, x.tier, CASE WHEN x.ctl THEN NULL ELSE (SELECT offer_rule_id FROM campaign WHERE id = $1) END,
            CASE WHEN x.ctl THEN '{}' ELSE x.channels END, x.baseline,
            CASE WHEN x.contacted AND x.t0 < $3::timestamptz THEN x.t0 END,
            CASE WHEN x.reached AND x.t0 < $3::timestamptz THEN x.t0 + interval '2 minutes' END,
            CASE WHEN x.reached AND x.t0 < $3::timestamptz AND x.h4 < $4 THEN x.t0 + interval '5 minutes' END,
            CASE WHEN x.reached AND x.t0 < $3::timestamptz AND x.h4 >= $4 AND x.h4 < $4 + 300 THEN x.t0 + interval '5 minutes' END
     FROM (
       SELECT c.id, ${H("c.id", spec.salt + 1)} < $5 AS ctl, ${TIER_SQL} AS tier, ${channelsSql} AS channels,
              round(COALESCE(bs.spend, 0)::numeric, 2) AS baseline,
              NOT (${H("c.id", spec.salt + 1)} < $5) AND ${H("c.id", spec.salt + 2)} < $6 AS contacted,
              NOT (${H("c.id", spec.salt + 1)} < $5) AND ${H("c.id", spec.salt + 2)} < $6 AND ${H("c.id", spec.salt + 3)} < $7 AS reached,
              ${H("c.id", spec.salt + 4)} AS h4,
              $2::timestamptz + make_interval(mins => (${H("c.id", spec.salt + 5)} * ${contactMinutes / 1000})::int) AS t0
       FROM customer c
       LEFT JOIN customer_score s ON s.customer_id = c.id
       ${BASELINE_JOIN}
       WHERE ${sample} AND (${anyConsent}) AND NOT c.do_not_disturb AND NOT (c.status = 'CHURNED' AND c.churned_at < $2::timestamptz)
     ) x`,
    [id, spec.launchedAt, new Date(), spec.acceptRate, Math.round(spec.controlShare * 1000), spec.contactRate, spec.reachRate],
  );
  // One touch per channel of each contacted member; call tasks done; messages sent or delivered.
  await client.query(
    `INSERT INTO marketing_touch (customer_id, channel, campaign_id, at)
     SELECT m.customer_id, ch, m.campaign_id, m.contacted_at + make_interval(mins => k::int)
     FROM campaign_member m CROSS JOIN LATERAL unnest(m.channels) WITH ORDINALITY AS u(ch, k)
     WHERE m.campaign_id = $1 AND m.contacted_at IS NOT NULL`,
    [id],
  );
  if (spec.channels.includes("OUTBOUND_CALL")) {
    // Worked by the agents of the campaign's team; a running campaign's uncontacted members still wait in the list.
    await client.query(
      `WITH ag AS (
         SELECT array_agg(u.id ORDER BY u.id) AS ids, c.call_team_id AS team_id
         FROM campaign c JOIN app_user u ON u.team_id = c.call_team_id AND u.role = 'AGENT' AND u.is_active
         WHERE c.id = $1 GROUP BY c.call_team_id
       )
       INSERT INTO call_task (campaign_id, customer_id, team_id, status, due_at, priority, claimed_by_id, claimed_at, attempts, last_outcome, created_at, done_at)
       SELECT m.campaign_id, m.customer_id, ag.team_id, CASE WHEN m.contacted_at IS NULL THEN 'QUEUED' ELSE 'DONE' END::"CallTaskStatus",
              COALESCE(m.contacted_at - interval '1 hour', $2::timestamptz),
              CASE m.value_tier WHEN 'DIAMOND' THEN 3 WHEN 'GOLD' THEN 2 WHEN 'SILVER' THEN 1 ELSE 0 END,
              CASE WHEN m.contacted_at IS NOT NULL THEN ag.ids[1 + ${H("m.customer_id", spec.salt + 8)} % cardinality(ag.ids)] END, m.contacted_at,
              CASE WHEN m.contacted_at IS NULL THEN 0 ELSE 1 + ${H("m.customer_id", spec.salt + 6)} % 2 END,
              CASE WHEN m.contacted_at IS NULL THEN NULL WHEN m.accepted_at IS NOT NULL THEN 'ACCEPTED' WHEN m.declined_at IS NOT NULL THEN 'DECLINED'
                   WHEN m.reached_at IS NOT NULL THEN 'REACHED' WHEN ${H("m.customer_id", spec.salt + 7)} < 900 THEN 'NO_ANSWER' ELSE 'WRONG_NUMBER' END::"CallOutcome",
              $2, m.contacted_at + interval '5 minutes'
       FROM campaign_member m CROSS JOIN ag
       WHERE m.campaign_id = $1 AND NOT m.is_control AND 'OUTBOUND_CALL' = ANY(m.channels)
         AND (m.contacted_at IS NOT NULL OR $3::boolean)`,
      [id, spec.launchedAt, spec.status === "RUNNING"],
    );
  }
  const messageChannels = spec.channels.filter((c) => c !== "OUTBOUND_CALL");
  if (messageChannels.length) {
    await client.query(
      `INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, campaign_id, status, attempts, sent_at, delivered_at, provider_id, created_at)
       SELECT m.customer_id, u.ch::text::"OutboundChannel",
              CASE u.ch WHEN 'SMS' THEN left(cu.contact_phone, 3) || '****' || right(cu.contact_phone, 4)
                        WHEN 'EMAIL' THEN left(cu.email, 1) || '***' || substring(cu.email from position('@' in cu.email))
                        ELSE 'app:' || cu.customer_no END,
              cu.preferred_lang, 'campaign',
              CASE WHEN cu.preferred_lang = 'en' THEN 'Thank you for staying with us: your loyalty offer is waiting for you.'
                   ELSE '感谢您的支持，您的专属回馈优惠已为您预留，欢迎办理。' END,
              m.campaign_id, CASE WHEN ${H("m.customer_id", spec.salt + 9)} < 900 THEN 'DELIVERED' ELSE 'SENT' END::"MessageStatus", 1,
              m.contacted_at, CASE WHEN ${H("m.customer_id", spec.salt + 9)} < 900 THEN m.contacted_at + interval '1 minute' END,
              'hist-' || m.campaign_id || '-' || m.customer_id || '-' || u.ch, $2
       FROM campaign_member m
       JOIN customer cu ON cu.id = m.customer_id
       CROSS JOIN LATERAL unnest(m.channels) AS u(ch)
       WHERE m.campaign_id = $1 AND m.contacted_at IS NOT NULL AND u.ch <> 'OUTBOUND_CALL'`,
      [id, spec.launchedAt],
    );
  }
  // Customers who took the offer, some of whom move to a dearer plan of the same class days later.
  await client.query(
    `INSERT INTO plan_change (line_id, customer_id, from_plan_id, to_plan_id, at)
     SELECT l.id, m.customer_id, l.plan_id, up.id, m.accepted_at + make_interval(days => (1 + ${H("m.customer_id", spec.salt + 10)} % 10)::int)
     FROM campaign_member m
     JOIN LATERAL (SELECT id, plan_id FROM line WHERE customer_id = m.customer_id AND status = 'ACTIVE' ORDER BY id LIMIT 1) l ON true
     JOIN plan p ON p.id = l.plan_id
     JOIN LATERAL (SELECT p2.id FROM plan p2 WHERE p2.class = p.class AND p2.monthly_fee > p.monthly_fee ORDER BY p2.monthly_fee LIMIT 1) up ON true
     WHERE m.campaign_id = $1 AND m.accepted_at IS NOT NULL AND ${H("m.customer_id", spec.salt + 11)} < $2
       AND m.accepted_at + interval '11 days' < now()`,
    [id, spec.upgradeRate],
  );
  await client.query(
    `UPDATE campaign c SET audience_size = x.n, control_size = x.ctl, exclusions = COALESCE(e.j, '{}')
     FROM (SELECT count(*)::int AS n, count(*) FILTER (WHERE is_control)::int AS ctl FROM campaign_member WHERE campaign_id = $1) x
     LEFT JOIN (SELECT jsonb_object_agg(reason, n) AS j FROM (SELECT reason, count(*)::int AS n FROM campaign_exclusion WHERE campaign_id = $1 GROUP BY reason) r) e ON true
     WHERE c.id = $1`,
    [id],
  );
  return id;
}

/**
 * The base rate of plan changes (from the billing system): each month of the last `months`, about
 * `permille` of the customers with an active line move to another plan of the same class, two in
 * three to a dearer one. Whatever the campaigns did comes on top (insertCampaignHistory).
 */
export async function insertPlanChanges(client: pg.ClientBase, opts: { months: number; permille: number; salt: number }): Promise<number> {
  const r = await client.query(
    `WITH fl AS (SELECT DISTINCT ON (customer_id) id, customer_id, plan_id FROM line WHERE status = 'ACTIVE' ORDER BY customer_id, id),
     moved AS (
       SELECT fl.*, g.k, date_trunc('month', now()) - make_interval(months => g.k - 1) + make_interval(mins => (${H("fl.customer_id", opts.salt + 1)} * 40)::int) AS at
       FROM fl CROSS JOIN generate_series(1, $1::int) AS g(k)
       WHERE abs(hashint8(fl.customer_id::bigint * 100003 + ${opts.salt} + g.k)::bigint) % 1000 < $2
     )
     INSERT INTO plan_change (line_id, customer_id, from_plan_id, to_plan_id, at)
     SELECT mv.id, mv.customer_id, mv.plan_id, np.id, mv.at
     FROM moved mv
     JOIN plan p ON p.id = mv.plan_id
     JOIN LATERAL (
       SELECT p2.id FROM plan p2 WHERE p2.class = p.class AND p2.id <> p.id
         AND CASE WHEN abs(hashint8(mv.id::bigint * 13 + mv.k)::bigint) % 3 < 2 THEN p2.monthly_fee > p.monthly_fee ELSE p2.monthly_fee < p.monthly_fee END
       ORDER BY abs(p2.monthly_fee - p.monthly_fee) LIMIT 1
     ) np ON true
     WHERE mv.at < now()`,
    [opts.months, opts.permille],
  );
  return r.rowCount ?? 0;
}

/** The conversion job's statements over these campaigns (conversions, attribution, revenue, cost, rollups). */
export async function finishCampaignHistory(client: pg.ClientBase, campaignIds: number[], now = new Date()): Promise<void> {
  for (const s of CONVERSION_STATEMENTS) await client.query(s.text, [now, campaignIds]);
}

async function historySegment(client: pg.ClientBase, name: string, description: string): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO segment (name, description, kind, source, size, refreshed_at, created_by_id, updated_at)
     SELECT $1, $2, 'STATIC', 'cluster', 0, now(), id, now() FROM app_user WHERE username = 'manager1' RETURNING id`,
    [name, description],
  );
  return rows[0]!.id;
}

export const DEMO_CAMPAIGN_NAME = "金卡客户挽留计划（秋季）";

/**
 * The demo's completed retention campaign (about two months ago): ~1,500 members of the demo's
 * ~5,000 customers, 10 % control, outbound calls and SMS, offers taken and plans upgraded by the
 * treatment group, the base rate of plan changes for everyone; then its conversions and rollups, so
 * a fresh install shows an evaluation with a positive uplift and its interval. Once only.
 */
export async function seedDemoCampaignHistory(client: pg.ClientBase): Promise<number | null> {
  const done = await client.query(`SELECT 1 FROM campaign WHERE name = $1`, [DEMO_CAMPAIGN_NAME]);
  if (done.rowCount) return null;
  const customers = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer`)).rows[0]!.n;
  await insertPlanChanges(client, { months: 6, permille: 30, salt: 7100 });
  const segmentId = await historySegment(client, "高价值客户挽留（秋季）", "秋季挽留活动的目标客户快照");
  const launchedAt = new Date(Date.now() - 62 * DAY);
  const id = await insertCampaignHistory(client, {
    name: DEMO_CAMPAIGN_NAME,
    objective: "降低高价值客户流失，提升续约与升档",
    channels: ["OUTBOUND_CALL", "SMS"],
    launchedAt,
    days: 21,
    status: "COMPLETED",
    // ~1,500 members of the base, whatever its size (5,000 in the demo).
    audiencePermille: Math.min(999, Math.max(1, Math.round((1_800 / Math.max(customers, 1)) * 1000))),
    controlShare: 0.1,
    salt: 7200,
    successKinds: ["OFFER_ACCEPTED", "PLAN_CHANGE"],
    successWindowDays: 30,
    contactRate: 880,
    reachRate: 600,
    acceptRate: 220,
    upgradeRate: 500,
    segmentId,
  });
  await client.query(`INSERT INTO segment_member (segment_id, customer_id) SELECT $1, customer_id FROM campaign_member WHERE campaign_id = $2`, [
    segmentId,
    id,
  ]);
  await client.query(`UPDATE segment SET size = (SELECT count(*) FROM segment_member WHERE segment_id = $1) WHERE id = $1`, [segmentId]);
  await finishCampaignHistory(client, [id]);
  return id;
}

/**
 * A year of campaign history at the benchmark base (scripts/generate.ts): 24 campaigns, one
 * launched every ~15 days, audiences of 2–20 % of the base (20–200 k at 1 M), alternating channel
 * mixes and success definitions; the two latest still running. Plan changes at ~2 % of the
 * customers a month. Then the conversion job over all of them. Returns the campaigns made.
 */
export async function seedCampaignHistory(client: pg.ClientBase, onStep: (label: string) => void = () => {}): Promise<number[]> {
  onStep("plan changes");
  await insertPlanChanges(client, { months: 12, permille: 20, salt: 8100 });
  const segmentId = await historySegment(client, "营销活动历史受众", "生成数据：过去一年营销活动的受众");
  const mixes: CampaignSpec["channels"][] = [["OUTBOUND_CALL", "SMS"], ["SMS"], ["OUTBOUND_CALL"], ["SMS", "PUSH"], ["EMAIL", "SMS"], ["WECHAT", "PUSH"]];
  const kinds: CampaignSpec["successKinds"][] = [["OFFER_ACCEPTED", "PLAN_CHANGE"], ["PLAN_CHANGE"], ["OFFER_ACCEPTED", "PLAN_CHANGE", "SPEND_INCREASE"]];
  const themes = ["挽留", "升档", "宽带融合", "流量包", "家庭套餐", "老用户回馈"];
  const ids: number[] = [];
  for (let i = 0; i < 24; i++) {
    const launchedAt = new Date(Date.now() - (360 - i * 15) * DAY);
    const channels = mixes[i % mixes.length]!;
    onStep(`campaign ${i + 1}/24`);
    ids.push(
      await insertCampaignHistory(client, {
        name: `${themes[i % themes.length]}活动 ${launchedAt.toISOString().slice(0, 7)}`,
        objective: "生成数据：历史营销活动",
        channels,
        launchedAt,
        days: 21,
        status: i >= 22 ? "RUNNING" : "COMPLETED",
        audiencePermille: 20 + ((i * 37) % 181),
        controlShare: 0.1,
        salt: 9000 + i * 20,
        successKinds: kinds[i % kinds.length]!,
        successWindowDays: 30,
        contactRate: 850,
        reachRate: channels.includes("OUTBOUND_CALL") ? 550 : 250,
        acceptRate: 200,
        upgradeRate: 450,
        segmentId,
      }),
    );
  }
  onStep("conversions and rollups");
  await finishCampaignHistory(client, ids);
  return ids;
}
