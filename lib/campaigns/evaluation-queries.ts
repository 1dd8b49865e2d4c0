import "server-only";
import { z } from "zod";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { addGroups, computeEvaluation, EMPTY_GROUP, type EvaluationFigures, type GroupCounts } from "@/lib/campaigns/stats";

// The evaluation page, the comparison and the CSV export (issue 22) read ONLY the rollups
// (campaign_rollup, campaign_channel_rollup) and the campaign's own row: a handful of rows per
// campaign by primary key, whatever the number of members or touches (bench: tiles p95 ≤ 50 ms at
// 1 M subscribers with a year of campaigns). Campaigns are not scoped by team: whoever holds
// campaign:read (supervisors, managers, admins) reads every campaign's evaluation.

export const VALUE_TIERS = ["DIAMOND", "GOLD", "SILVER", "STANDARD"] as const;
export type ValueTierName = (typeof VALUE_TIERS)[number];

export const campaignIdParam = z.coerce.number().int().positive().max(2_147_483_647);

/** "1,2,3" or ["1","2"] → 2–4 distinct campaign ids, in the order given. */
export const compareIds = z
  .union([z.string().max(200), z.array(z.string().max(20)).max(10)])
  .transform((v) => (Array.isArray(v) ? v.join(",") : v).split(",").filter((s) => s.trim() !== "") as unknown[])
  .pipe(z.array(campaignIdParam).max(4))
  .transform((ids): number[] => [...new Set(ids)]);

export interface EvaluationCampaign {
  id: number;
  name: string;
  status: string;
  channels: string[];
  startsAt: Date;
  endsAt: Date;
  launchedAt: Date | null;
  endedAt: Date | null;
  controlShare: number;
  successKinds: string[];
  successWindowDays: number;
}

export interface TierRow {
  tier: ValueTierName;
  treatment: GroupCounts;
  control: GroupCounts;
  figures: EvaluationFigures;
}

export interface ChannelRow {
  channel: string;
  attempted: number;
  delivered: number;
  reached: number;
  accepted: number;
  converted: number;
  cost: number;
}

export interface CampaignEvaluation {
  campaign: EvaluationCampaign;
  /** false until the campaign is launched and the conversion job has built its rollups. */
  evaluated: boolean;
  refreshedAt: Date | null;
  treatment: GroupCounts;
  control: GroupCounts;
  figures: EvaluationFigures;
  byTier: TierRow[];
  byChannel: ChannelRow[];
}

interface RollupRow {
  campaignId: number;
  valueTier: string;
  isControl: boolean;
  audience: number;
  launchAudience: number;
  launchConverted: number;
  contacted: number;
  reached: number;
  accepted: number;
  converted: number;
  cost: number | string;
  revenue: number | string;
  surveyed: number;
  satisfied: number;
  refreshedAt: Date | string;
}
interface ChannelRollupRow {
  campaignId: number;
  channel: string;
  attempted: number;
  delivered: number;
  reached: number;
  accepted: number;
  converted: number;
  cost: number | string;
}
interface EvaluationRow extends EvaluationCampaign {
  rollups: RollupRow[] | null;
  channelRollups: ChannelRollupRow[] | null;
}

// One prepared statement per page: the campaign and its rollup rows as JSON (a round trip and a
// plan, whatever the campaign's size: the tiles' p95 budget is 50 ms on a busy 2-core node).
function evaluationSql(ids: number[]): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id, c.name, c.status::text AS status, c.channels::text[] AS channels, c.starts_at AS "startsAt", c.ends_at AS "endsAt",
           c.launched_at AS "launchedAt", c.ended_at AS "endedAt", c.control_share AS "controlShare", c.success_kinds::text[] AS "successKinds",
           c.success_window_days AS "successWindowDays",
           (SELECT json_agg(json_build_object('campaignId', r.campaign_id, 'valueTier', r.value_tier, 'isControl', r.is_control, 'audience', r.audience,
                    'launchAudience', r.launch_audience, 'launchConverted', r.launch_converted, 'contacted', r.contacted, 'reached', r.reached,
                    'accepted', r.accepted, 'converted', r.converted, 'cost', r.cost, 'revenue', r.revenue, 'surveyed', r.surveyed,
                    'satisfied', r.satisfied, 'refreshedAt', r.refreshed_at))
            FROM campaign_rollup r WHERE r.campaign_id = c.id) AS rollups,
           (SELECT json_agg(json_build_object('campaignId', x.campaign_id, 'channel', x.channel, 'attempted', x.attempted, 'delivered', x.delivered,
                    'reached', x.reached, 'accepted', x.accepted, 'converted', x.converted, 'cost', x.cost))
            FROM campaign_channel_rollup x WHERE x.campaign_id = c.id) AS "channelRollups"
    FROM campaign c WHERE c.id = ANY(${ids}::int[])`;
}

function groupOf(r: RollupRow): GroupCounts {
  return {
    audience: r.audience,
    launchAudience: r.launchAudience,
    launchConverted: r.launchConverted,
    contacted: r.contacted,
    reached: r.reached,
    accepted: r.accepted,
    converted: r.converted,
    cost: Number(r.cost),
    revenue: Number(r.revenue),
    surveyed: r.surveyed,
    satisfied: r.satisfied,
  };
}

const CHANNEL_ORDER = ["OUTBOUND_CALL", "SMS", "EMAIL", "PUSH", "WECHAT"];

function assemble(row: EvaluationRow): CampaignEvaluation {
  const { rollups: rollupRows, channelRollups, ...campaign } = row;
  const rollups = rollupRows ?? [];
  const channels = channelRollups ?? [];
  let treatment = EMPTY_GROUP;
  let control = EMPTY_GROUP;
  const tiers = new Map<ValueTierName, { treatment: GroupCounts; control: GroupCounts }>();
  for (const r of rollups) {
    const g = groupOf(r);
    const tier = r.valueTier as ValueTierName;
    const t = tiers.get(tier) ?? { treatment: EMPTY_GROUP, control: EMPTY_GROUP };
    if (r.isControl) {
      control = addGroups(control, g);
      t.control = addGroups(t.control, g);
    } else {
      treatment = addGroups(treatment, g);
      t.treatment = addGroups(t.treatment, g);
    }
    tiers.set(tier, t);
  }
  const refreshedAt = rollups.reduce<Date | null>((a, r) => {
    const at = new Date(r.refreshedAt);
    return a === null || at > a ? at : a;
  }, null);
  return {
    campaign,
    evaluated: campaign.launchedAt !== null && refreshedAt !== null,
    refreshedAt,
    treatment,
    control,
    figures: computeEvaluation(treatment, control),
    byTier: VALUE_TIERS.filter((tier) => {
      const t = tiers.get(tier);
      return t && t.treatment.audience + t.control.audience > 0;
    }).map((tier) => {
      const t = tiers.get(tier)!;
      return { tier, ...t, figures: computeEvaluation(t.treatment, t.control) };
    }),
    byChannel: channels
      .map((c) => ({
        channel: c.channel as string,
        attempted: c.attempted,
        delivered: c.delivered,
        reached: c.reached,
        accepted: c.accepted,
        converted: c.converted,
        cost: Number(c.cost),
      }))
      .sort((a, b) => CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel)),
  };
}

/** One campaign's evaluation from its rollups; NotFoundError for an unknown id. */
export async function getCampaignEvaluation(actor: Actor, campaignId: number): Promise<CampaignEvaluation> {
  assertCan(actor, "campaign:read");
  const id = campaignIdParam.parse(campaignId);
  const [row] = await sqlRows<EvaluationRow>(evaluationSql([id]), { prepared: true });
  if (!row) throw new NotFoundError("campaign");
  return assemble(row);
}

/** 2–4 campaigns side by side, in the order asked; NotFoundError when one does not exist. */
export async function compareCampaignEvaluations(actor: Actor, campaignIds: number[]): Promise<CampaignEvaluation[]> {
  assertCan(actor, "campaign:read");
  const ids = [...new Set(z.array(campaignIdParam).min(1).max(4).parse(campaignIds))];
  const rows = await sqlRows<EvaluationRow>(evaluationSql(ids), { prepared: true });
  if (rows.length !== ids.length) throw new NotFoundError("campaign");
  return ids.map((id) => assemble(rows.find((r) => r.id === id)!));
}

export interface CampaignOption {
  id: number;
  name: string;
  status: string;
  launchedAt: Date | null;
}

/** The launched campaigns one may compare, newest launch first (the picker: at most 200). */
export async function listComparableCampaigns(actor: Actor): Promise<CampaignOption[]> {
  assertCan(actor, "campaign:read");
  return db.campaign.findMany({
    where: { launchedAt: { not: null }, status: { in: ["RUNNING", "PAUSED", "COMPLETED"] } },
    select: { id: true, name: true, status: true, launchedAt: true },
    orderBy: [{ launchedAt: "desc" }, { id: "desc" }],
    take: 200,
  });
}
