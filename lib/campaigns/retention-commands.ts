import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { enrolCustomers, type CampaignForAudience } from "@/lib/campaigns/audience";
import { allowedChannelsSql, consentSql, contactableSql, underCapSql } from "@/lib/marketing/eligibility";
import { loadMarketingSettings } from "@/lib/marketing/settings";
import type { CampaignChannelName, MarketingSettings } from "@/lib/marketing/schemas";
import { retentionEnrolInput, retentionTaskInput, type LeftOutReason, type RetentionActionResult, type RetentionEnrolInput, type RetentionTaskInput } from "@/lib/campaigns/call-schemas";

// The retention list's one-step actions (issue 22): the customers a supervisor or manager ticks
// on /retention are enrolled into a running campaign, or given a call task for a team. Both apply
// the contact rules every campaign obeys (decision 029: consent, do-not-disturb, churned, the
// frequency caps across campaigns and rules), set-based, and say how many were left out and why.
//
// Who: enrolling starts a campaign's contacts (calls and messages) and is the campaign owners'
// decision — campaign:manage (managers). A call task is a team's work — managers for any team,
// supervisors (campaign:call + team:read) for their own team; another team's is "not found".

type Tx = Prisma.TransactionClient;

/**
 * Touch counts within the caps' window for the given customers only (`c` joined): the same columns
 * as touchCountsSql (lib/marketing/eligibility.ts), so underCapSql reads them, but one index range
 * per customer (marketing_touch (customer_id, at)) instead of an aggregate over the whole window.
 */
function touchCountsLateral(settings: MarketingSettings, now: Date): Prisma.Sql {
  const since = new Date(now.getTime() - settings.caps.windowDays * 86_400_000);
  return Prisma.sql`LEFT JOIN LATERAL (
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE t.channel = 'OUTBOUND_CALL')::int AS n_call, count(*) FILTER (WHERE t.channel = 'SMS')::int AS n_sms,
      count(*) FILTER (WHERE t.channel = 'EMAIL')::int AS n_email, count(*) FILTER (WHERE t.channel = 'PUSH')::int AS n_push,
      count(*) FILTER (WHERE t.channel = 'WECHAT')::int AS n_wechat
    FROM marketing_touch t WHERE t.customer_id = c.id AND t.at > ${since}::timestamptz) tc ON true`;
}

/** One reason per chosen id (the first that applies, in `cases` order), or null when it qualifies. */
async function reasonsFor(tx: Tx, ids: number[], joins: Prisma.Sql, cases: Array<[LeftOutReason, Prisma.Sql]>): Promise<Map<number, LeftOutReason | null>> {
  const whens = cases.map(([reason, cond]) => Prisma.sql`WHEN ${cond} THEN ${reason}::text`);
  const rows = await tx.$queryRaw<Array<{ id: number; reason: LeftOutReason | null }>>`
    SELECT x.id, CASE WHEN c.id IS NULL THEN 'notFound' ${Prisma.join(whens, " ")} END AS reason
    FROM unnest(${ids}::int[]) AS x(id)
    LEFT JOIN customer c ON c.id = x.id
    ${joins}`;
  return new Map(rows.map((r) => [r.id, r.reason]));
}

function countLeftOut(ids: number[], done: Set<number>, reasons: Map<number, LeftOutReason | null>, taken: LeftOutReason): RetentionActionResult["leftOut"] {
  const out: RetentionActionResult["leftOut"] = {};
  for (const id of ids) {
    if (done.has(id)) continue;
    // A customer that qualified a moment ago but was not taken: another action took it first.
    const r = reasons.get(id) ?? taken;
    out[r] = (out[r] ?? 0) + 1;
  }
  return out;
}

/** Enrols the chosen customers into a RUNNING campaign (the campaign row locked while it runs). */
export async function enrolRetentionCustomers(actor: Actor, raw: RetentionEnrolInput, now = new Date()): Promise<RetentionActionResult> {
  assertCan(actor, "retention:read");
  assertCan(actor, "campaign:manage");
  const input = retentionEnrolInput.parse(raw);
  const ids = [...new Set(input.customerIds)];
  const settings = await loadMarketingSettings();
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      Array<{ id: number; status: string; channels: CampaignChannelName[]; offer_mode: CampaignForAudience["offerMode"]; offer_rule_id: number | null; call_team_id: number | null; call_skill: string | null; starts_at: Date }>
    >`
      SELECT id, status::text AS status, channels::text[] AS channels, offer_mode::text AS offer_mode, offer_rule_id, call_team_id, call_skill, starts_at
      FROM campaign WHERE id = ${input.campaignId} FOR UPDATE`;
    if (!row) throw new NotFoundError("campaign");
    if (row.status !== "RUNNING") throw new ValidationError({ campaignId: "campaignNotRunning" });
    const campaign: CampaignForAudience = {
      id: row.id,
      channels: row.channels,
      offerMode: row.offer_mode,
      offerRuleId: row.offer_rule_id,
      callTeamId: row.call_team_id,
      callSkill: row.call_skill,
      startsAt: row.starts_at,
    };
    const anyConsent = campaign.channels.length ? Prisma.join(campaign.channels.map((ch) => consentSql(ch)), " OR ") : Prisma.sql`false`;
    const reasons = await reasonsFor(
      tx,
      ids,
      Prisma.sql`
        LEFT JOIN campaign_member m ON m.campaign_id = ${campaign.id} AND m.customer_id = c.id
        LEFT JOIN campaign_exclusion ex ON ex.campaign_id = ${campaign.id} AND ex.customer_id = c.id
        ${touchCountsLateral(settings, now)}`,
      [
        ["alreadyMember", Prisma.sql`m.customer_id IS NOT NULL`],
        ["churned", Prisma.sql`c.status = 'CHURNED'`],
        ["doNotDisturb", Prisma.sql`c.do_not_disturb`],
        ["excludedAtLaunch", Prisma.sql`ex.customer_id IS NOT NULL`],
        ["noConsent", Prisma.sql`NOT (${anyConsent})`],
        ["frequencyCap", Prisma.sql`cardinality(${allowedChannelsSql(campaign.channels, settings)}) = 0`],
      ],
    );
    const enrolled = await enrolCustomers(tx, campaign, Prisma.sql`SELECT unnest(${ids}::int[])`, settings, now);
    const leftOut = countLeftOut(ids, new Set(enrolled), reasons, "alreadyMember");
    await recordAudit(tx, actor, {
      action: "campaignMember.enrolled",
      entity: "campaign",
      entityId: campaign.id,
      data: { source: "retention", enrolled: enrolled.length, customerIds: enrolled, leftOut },
    });
    return { done: enrolled.length, leftOut };
  });
}

/**
 * Gives each chosen customer a call task for a team (no campaign: the note says what it is about),
 * prioritised by value tier, in one INSERT … SELECT. Customers without call consent, on
 * do-not-disturb, churned, over the call or overall cap, or with a call task still open are left out.
 */
export async function createRetentionCallTasks(actor: Actor, raw: RetentionTaskInput, now = new Date()): Promise<RetentionActionResult> {
  assertCan(actor, "retention:read");
  const anyTeam = can(actor, "campaign:manage");
  if (!anyTeam) {
    assertCan(actor, "campaign:call");
    assertCan(actor, "team:read");
  }
  const input = retentionTaskInput.parse(raw);
  if (!anyTeam && input.teamId !== actor.teamId) throw new NotFoundError("team");
  const ids = [...new Set(input.customerIds)];
  const settings = await loadMarketingSettings();
  return db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
    if (!team) throw new ValidationError({ teamId: "unknownTeam" });
    // One retention task run at a time: two people ticking the same customer never queue it twice.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('retention-call-tasks'))`;
    const openTask = Prisma.sql`EXISTS (SELECT 1 FROM call_task o WHERE o.customer_id = c.id AND o.status IN ('QUEUED', 'CLAIMED'))`;
    const cases: Array<[LeftOutReason, Prisma.Sql]> = [
      ["alreadyQueued", openTask],
      ["churned", Prisma.sql`c.status = 'CHURNED'`],
      ["doNotDisturb", Prisma.sql`c.do_not_disturb`],
      ["noConsent", Prisma.sql`NOT ${consentSql("OUTBOUND_CALL")}`],
      ["frequencyCap", Prisma.sql`NOT ${underCapSql("OUTBOUND_CALL", settings)}`],
    ];
    const reasons = await reasonsFor(tx, ids, touchCountsLateral(settings, now), cases);
    const created = await tx.$queryRaw<Array<{ customer_id: number }>>`
      INSERT INTO call_task (customer_id, team_id, priority, note, due_at)
      SELECT c.id, ${input.teamId}::int, CASE s.tier WHEN 'DIAMOND' THEN 3 WHEN 'GOLD' THEN 2 WHEN 'SILVER' THEN 1 ELSE 0 END, ${input.note}, ${now}::timestamptz
      FROM customer c
      LEFT JOIN customer_score s ON s.customer_id = c.id
      ${touchCountsLateral(settings, now)}
      WHERE c.id = ANY (${ids}::int[]) AND ${contactableSql} AND ${consentSql("OUTBOUND_CALL")} AND ${underCapSql("OUTBOUND_CALL", settings)} AND NOT ${openTask}
      RETURNING customer_id`;
    const done = created.map((r) => r.customer_id);
    const leftOut = countLeftOut(ids, new Set(done), reasons, "alreadyQueued");
    await recordAudit(tx, actor, {
      action: "callTask.created",
      entity: "team",
      entityId: input.teamId,
      data: { source: "retention", created: done.length, customerIds: done, leftOut },
    });
    return { done: done.length, leftOut };
  });
}
