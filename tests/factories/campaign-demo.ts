// The demo's campaigns (issue 22), seeded once by scripts/seed.ts on its own connection (inside its
// transaction): a draft, one submitted by manager1 and awaiting manager2, and a RUNNING retention
// campaign launched on the retention list of high-spending customers with OUTBOUND_CALL for team
// HOTLINE-1 + SMS, so agent1 has a call list on a fresh `npm start`. The launch runs the same SQL as
// lib/campaigns/launch.ts (launchAudienceSql, fillCallListAndOutbox) through a small adapter.
//
// Scores (tiers, churn bands) do not exist yet when the seed runs (the first nightly run computes
// them at start), so the running campaign's audience is a STATIC segment of the customers with the
// highest spend over the last three billed months; the draft and the submitted plans use the dynamic
// "at-risk Gold" segment (tier Gold, churn band high), which fills once the scores exist.
import type pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { fillCallListAndOutbox, type CampaignForAudience } from "@/lib/campaigns/audience";
import { launchAudienceSql, type ExclusionCounts } from "@/lib/campaigns/launch-sql";
import { DEFAULT_MARKETING_SETTINGS } from "@/lib/marketing/schemas";

type Tx = Prisma.TransactionClient;

/** `$executeRaw` on the seed's pg client: enough of a transaction client for the audience helpers. */
function txOn(client: pg.ClientBase): Tx {
  return {
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => {
      const q = Prisma.sql(strings, ...values);
      return (await client.query(q.text, q.values as unknown[])).rowCount ?? 0;
    },
  } as unknown as Tx;
}

const SCRIPT_ZH = "您好，{name}！我是您的客户经理。感谢您一直使用我们的服务，作为{tier}客户，本月可为您办理{offer}。请问您方便了解一下吗？";
const SCRIPT_EN =
  "Hello {name}, this is your account manager. Thank you for staying with us: as a {tier} customer you can have {offer} this month. Do you have a moment?";
const SMS_ZH = "尊敬的{name}，感谢您的长期支持！{offer}已为您预留，回复 1 办理。退订：{optOutUrl}";
const SMS_EN = "Dear {name}, thank you for staying with us! {offer} is reserved for you, reply 1 to take it. Opt out: {optOutUrl}";

export async function seedDemoCampaignPlans(client: pg.ClientBase): Promise<{ campaigns: number; audience: number; calls: number }> {
  const user = async (username: string) => (await client.query<{ id: number }>(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0]?.id;
  const manager1 = await user("manager1");
  const manager2 = await user("manager2");
  const team = (await client.query<{ id: number }>(`SELECT id FROM team WHERE code = 'HOTLINE-1'`)).rows[0]?.id;
  if (!manager1 || !manager2 || !team) return { campaigns: 0, audience: 0, calls: 0 };

  const atRiskGold = {
    kind: "group",
    combinator: "AND",
    children: [
      { kind: "condition", field: "tier", op: "in", value: ["GOLD"] },
      { kind: "condition", field: "churnBand", op: "in", value: ["HIGH"] },
    ],
  };
  const dynamic = (
    await client.query<{ id: number }>(
      `INSERT INTO segment (name, description, kind, definition, source, created_by_id, updated_at)
       VALUES ('有流失风险的金卡客户', '金卡且流失风险高（每晚按评分刷新）', 'DYNAMIC', $1, 'rules', $2, now()) RETURNING id`,
      [JSON.stringify(atRiskGold), manager1],
    )
  ).rows[0]!.id;
  const list = (
    await client.query<{ id: number }>(
      `INSERT INTO segment (name, description, kind, source, created_by_id, updated_at)
       VALUES ('金卡挽留名单（12 月）', '近三个月消费最高的在网客户', 'STATIC', 'rules', $1, now()) RETURNING id`,
      [manager1],
    )
  ).rows[0]!.id;
  const members = await client.query(
    `INSERT INTO segment_member (segment_id, customer_id)
     SELECT $1, b.customer_id FROM bill b JOIN customer c ON c.id = b.customer_id
     WHERE b.month >= (SELECT max(month) FROM bill) - interval '2 months' AND c.status = 'ACTIVE'
     GROUP BY b.customer_id ORDER BY sum(b.total_charge) DESC, b.customer_id LIMIT 240`,
    [list],
  );
  await client.query(`UPDATE segment SET size = $2, refreshed_at = now() WHERE id = $1`, [list, members.rowCount ?? 0]);

  const insert = async (c: Record<string, unknown>) =>
    (
      await client.query<{ id: number }>(
        `INSERT INTO campaign (name, objective, segment_id, audience_mode, channels, starts_at, ends_at, budget, channel_costs, offer_mode,
           script_zh, script_en, message_zh, message_en, email_subject_zh, email_subject_en, control_share, seed, success_kinds, success_window_days,
           spend_increase_pct, call_team_id, status, created_by_id, submitted_at, approved_by_id, approved_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4::"SegmentKind", $5::"CampaignChannel"[], $6, $7, $8, $9, $10::"OfferMode", $11, $12, $13, $14, $15, $16, $17, $18,
           $19::"ConversionKind"[], $20, 0.1, $21, $22::"CampaignStatus", $23, $24, $25, $26, $27, now()) RETURNING id`,
        [
          c.name,
          c.objective,
          c.segmentId,
          c.audienceMode,
          c.channels,
          c.startsAt,
          c.endsAt,
          c.budget,
          JSON.stringify(c.costs),
          c.offerMode,
          c.scriptZh ?? "",
          c.scriptEn ?? "",
          c.messageZh ?? "",
          c.messageEn ?? "",
          c.subjectZh ?? "",
          c.subjectEn ?? "",
          c.controlShare ?? 0.1,
          c.seed ?? 1,
          c.successKinds,
          30,
          c.teamId ?? null,
          c.status,
          manager1,
          c.submittedAt ?? null,
          c.approvedBy ?? null,
          c.approvedAt ?? null,
          c.createdAt,
        ],
      )
    ).rows[0]!.id;

  const now = Date.now();
  const day = 86_400_000;
  const costs = { OUTBOUND_CALL: 3.5, SMS: 0.05, EMAIL: 0.01, PUSH: 0, WECHAT: 0.02 };
  await insert({
    name: "宽带融合升级推广",
    objective: "向无宽带的个人和家庭客户推荐融合套餐",
    segmentId: dynamic,
    audienceMode: "DYNAMIC",
    channels: ["SMS", "EMAIL"],
    startsAt: new Date(now + 7 * day),
    endsAt: new Date(now + 37 * day),
    budget: 3000,
    costs,
    offerMode: "NEXT_BEST",
    messageZh: "尊敬的{name}，{offer}限时办理，详询客服。退订：{optOutUrl}",
    messageEn: "Dear {name}, {offer} is available for a limited time. Opt out: {optOutUrl}",
    subjectZh: "为您推荐：宽带融合套餐",
    subjectEn: "Recommended for you: broadband bundles",
    successKinds: ["PLAN_CHANGE"],
    status: "DRAFT",
    createdAt: new Date(now - day),
  });
  await insert({
    name: "合约到期续约关怀",
    objective: "合约即将到期的高价值客户续约",
    segmentId: dynamic,
    audienceMode: "DYNAMIC",
    channels: ["OUTBOUND_CALL", "SMS"],
    startsAt: new Date(now + 3 * day),
    endsAt: new Date(now + 33 * day),
    budget: 8000,
    costs,
    offerMode: "NEXT_BEST",
    scriptZh: SCRIPT_ZH,
    scriptEn: SCRIPT_EN,
    messageZh: SMS_ZH,
    messageEn: SMS_EN,
    successKinds: ["OFFER_ACCEPTED", "PLAN_CHANGE"],
    teamId: team,
    status: "SUBMITTED",
    submittedAt: new Date(now - 3_600_000),
    createdAt: new Date(now - 2 * day),
  });

  // The running retention campaign: planned by manager1, approved by manager2, launched yesterday.
  const startsAt = new Date(now - day);
  const running = await insert({
    name: "金卡客户挽留 · 12 月",
    objective: "降低高价值客户流失，留存率提升 5 个百分点",
    segmentId: list,
    audienceMode: "STATIC",
    channels: ["OUTBOUND_CALL", "SMS"],
    startsAt,
    endsAt: new Date(now + 29 * day),
    budget: 20000,
    costs,
    offerMode: "NONE",
    scriptZh: SCRIPT_ZH.replace("，本月可为您办理{offer}", "，本月可享专属关怀"),
    scriptEn: SCRIPT_EN.replace(": as a {tier} customer you can have {offer} this month", ": as a {tier} customer you have a loyalty reward this month"),
    messageZh: "尊敬的{name}，感谢您的长期支持！您的专属关怀礼已到账。退订：{optOutUrl}",
    messageEn: "Dear {name}, thank you for staying with us! Your loyalty reward is ready. Opt out: {optOutUrl}",
    controlShare: 0.1,
    seed: 20261207,
    successKinds: ["OFFER_ACCEPTED", "SPEND_INCREASE"],
    teamId: team,
    status: "SCHEDULED",
    submittedAt: new Date(now - 3 * day),
    approvedBy: manager2,
    approvedAt: new Date(now - 2 * day),
    createdAt: new Date(now - 4 * day),
  });
  const campaign: CampaignForAudience & { controlShare: number; seed: number; segmentId: number } = {
    id: running,
    channels: ["OUTBOUND_CALL", "SMS"],
    offerMode: "NONE",
    offerRuleId: null,
    callTeamId: team,
    callSkill: null,
    startsAt,
    controlShare: 0.1,
    seed: 20261207,
    segmentId: list,
  };
  const launchedAt = new Date(now - day + 60_000);
  const q = launchAudienceSql(campaign, DEFAULT_MARKETING_SETTINGS, launchedAt);
  const counts = (await client.query<{ audience: number; control: number; exclusions: ExclusionCounts }>(q.text, q.values as unknown[])).rows[0]!;
  const filled = await fillCallListAndOutbox(txOn(client), campaign, Prisma.sql`true`, launchedAt);
  await client.query(
    `UPDATE campaign SET status = 'RUNNING', launched_at = $2, audience_size = $3, control_size = $4, exclusions = $5, version = 5 WHERE id = $1`,
    [running, launchedAt, counts.audience, counts.control, JSON.stringify(counts.exclusions)],
  );
  const excluded = Object.values(counts.exclusions).reduce<number>((a, b) => a + (b ?? 0), 0);
  await client.query(
    `INSERT INTO campaign_launch (campaign_id, status, progress, step, trigger, requested_by_id, stats, created_at, started_at, finished_at)
     VALUES ($1, 'SUCCEEDED', 100, 'done', 'schedule', NULL, $2, $3, $3, $3)`,
    [
      running,
      JSON.stringify({ ms: 0, audience: counts.audience, control: counts.control, excluded, calls: filled.calls, messages: filled.messages }),
      launchedAt,
    ],
  );
  return { campaigns: 3, audience: counts.audience, calls: filled.calls };
}
