import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { decodeTimeCursor, encodeTimeCursor } from "@/lib/shared/cursor";
import { CAMPAIGN_STATUSES, type CampaignStatusName } from "@/lib/campaigns/schemas";
import type { ExclusionCounts, LaunchView } from "@/lib/campaigns/launch";
import { getLaunch } from "@/lib/campaigns/launch";

// Reads for the campaign pages (issue 22). The list is keyset-paginated on (created_at, id).

export interface CampaignListRow {
  id: number;
  name: string;
  status: CampaignStatusName;
  channels: string[];
  segmentName: string;
  startsAt: Date;
  endsAt: Date;
  audienceSize: number;
  createdByName: string;
  createdAt: Date;
}

const PAGE = 25;

export async function listCampaigns(
  actor: Actor,
  opts: { status?: CampaignStatusName; after?: string; limit?: number } = {},
): Promise<{ rows: CampaignListRow[]; next: string | null; counts: Record<CampaignStatusName | "ALL", number> }> {
  assertCan(actor, "campaign:read");
  const limit = Math.min(opts.limit ?? PAGE, 100);
  const cursor = decodeTimeCursor(opts.after);
  const [rows, counts] = await Promise.all([
    db.$queryRaw<Array<CampaignListRow>>`
      SELECT c.id, c.name, c.status::text AS status, c.channels::text[] AS channels, s.name AS "segmentName",
             c.starts_at AS "startsAt", c.ends_at AS "endsAt", c.audience_size AS "audienceSize",
             u.display_name AS "createdByName", c.created_at AS "createdAt"
      FROM campaign c
      JOIN segment s ON s.id = c.segment_id
      JOIN app_user u ON u.id = c.created_by_id
      WHERE ${opts.status ? Prisma.sql`c.status = ${opts.status}::"CampaignStatus"` : Prisma.sql`true`}
        AND ${cursor ? Prisma.sql`(c.created_at, c.id) < (${cursor[0]}, ${cursor[1]})` : Prisma.sql`true`}
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT ${limit + 1}`,
    db.campaign.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const byStatus = Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s, 0])) as Record<CampaignStatusName | "ALL", number>;
  byStatus.ALL = 0;
  for (const c of counts) {
    byStatus[c.status as CampaignStatusName] = c._count._all;
    byStatus.ALL += c._count._all;
  }
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? encodeTimeCursor(last.createdAt, last.id) : null, counts: byStatus };
}

export type CampaignDetail = NonNullable<Awaited<ReturnType<typeof loadCampaign>>>;

function loadCampaign(id: number) {
  return db.campaign.findUnique({ where: { id } });
}

export interface CampaignPage {
  campaign: CampaignDetail;
  segment: { id: number; name: string; kind: "DYNAMIC" | "STATIC"; size: number };
  createdBy: { id: number; name: string };
  approvedBy: { id: number; name: string } | null;
  team: { id: number; nameZh: string; nameEn: string } | null;
  offer: { id: number; nameZh: string; nameEn: string } | null;
  successPlans: Array<{ id: number; nameZh: string; nameEn: string }>;
  exclusions: ExclusionCounts;
  calls: Record<string, number>;
  messages: Record<string, number>;
  launch: LaunchView | null;
  /** The latest rejection's reason while the campaign is a draft again. */
  rejection: { reason: string; at: Date; by: string | null } | null;
}

/** Everything the campaign page shows, in one round of reads. */
export async function getCampaignPage(actor: Actor, id: number): Promise<CampaignPage> {
  assertCan(actor, "campaign:read");
  const campaign = await loadCampaign(id);
  if (!campaign) throw new NotFoundError("campaign");
  const [segment, users, team, offer, successPlans, calls, messages, launch, rejection] = await Promise.all([
    db.segment.findUniqueOrThrow({ where: { id: campaign.segmentId }, select: { id: true, name: true, kind: true, size: true } }),
    db.user.findMany({ where: { id: { in: [campaign.createdById, campaign.approvedById ?? -1] } }, select: { id: true, displayName: true } }),
    campaign.callTeamId ? db.team.findUnique({ where: { id: campaign.callTeamId }, select: { id: true, nameZh: true, nameEn: true } }) : null,
    campaign.offerRuleId ? db.offerRule.findUnique({ where: { id: campaign.offerRuleId }, select: { id: true, nameZh: true, nameEn: true } }) : null,
    campaign.successPlanIds.length
      ? db.plan.findMany({ where: { id: { in: campaign.successPlanIds } }, select: { id: true, nameZh: true, nameEn: true } })
      : [],
    db.callTask.groupBy({ by: ["status"], where: { campaignId: id }, _count: { _all: true } }),
    db.outboundMessage.groupBy({ by: ["status"], where: { campaignId: id }, _count: { _all: true } }),
    getLaunch(actor, id),
    campaign.status === "DRAFT"
      ? db.auditLog.findFirst({
          where: { entity: "campaign", entityId: String(id), action: "campaign.rejected" },
          orderBy: { id: "desc" },
          select: { data: true, at: true, actorName: true },
        })
      : null,
  ]);
  const name = (uid: number | null) => (uid == null ? null : { id: uid, name: users.find((u) => u.id === uid)?.displayName ?? "" });
  const reason =
    rejection && rejection.data && typeof rejection.data === "object" && "reason" in rejection.data
      ? String((rejection.data as { reason: unknown }).reason)
      : null;
  return {
    campaign,
    segment,
    createdBy: name(campaign.createdById)!,
    approvedBy: name(campaign.approvedById),
    team,
    offer,
    successPlans,
    exclusions: (campaign.exclusions ?? {}) as ExclusionCounts,
    calls: Object.fromEntries(calls.map((c) => [c.status, c._count._all])),
    messages: Object.fromEntries(messages.map((m) => [m.status, m._count._all])),
    launch,
    rejection: reason && rejection ? { reason, at: rejection.at, by: rejection.actorName } : null,
  };
}

/** A draft for the edit form (managers only). */
export async function getCampaignForEdit(actor: Actor, id: number) {
  assertCan(actor, "campaign:manage");
  const c = await loadCampaign(id);
  if (!c) throw new NotFoundError("campaign");
  return c;
}

export interface CampaignFormOptions {
  segments: Array<{ id: number; name: string; kind: "DYNAMIC" | "STATIC"; size: number }>;
  teams: Array<{ id: number; nameZh: string; nameEn: string }>;
  offers: Array<{ id: number; nameZh: string; nameEn: string }>;
  plans: Array<{ id: number; nameZh: string; nameEn: string }>;
  skills: string[];
}

/** The choices of the plan form: saved segments, teams, active offers, plans, agents' skills. */
export async function getCampaignFormOptions(actor: Actor): Promise<CampaignFormOptions> {
  assertCan(actor, "campaign:manage");
  const [segments, teams, offers, plans, skills] = await Promise.all([
    db.segment.findMany({ orderBy: { id: "desc" }, take: 300, select: { id: true, name: true, kind: true, size: true } }),
    db.team.findMany({ orderBy: { code: "asc" }, select: { id: true, nameZh: true, nameEn: true } }),
    db.offerRule.findMany({ where: { isActive: true }, orderBy: [{ priority: "asc" }, { id: "asc" }], select: { id: true, nameZh: true, nameEn: true } }),
    db.plan.findMany({ orderBy: { code: "asc" }, take: 300, select: { id: true, nameZh: true, nameEn: true } }),
    db.$queryRaw<Array<{ skill: string }>>`SELECT DISTINCT unnest(skills) AS skill FROM agent_profile ORDER BY 1 LIMIT 200`,
  ]);
  return { segments, teams, offers, plans, skills: skills.map((s) => s.skill) };
}
