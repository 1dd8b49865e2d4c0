import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { listCustomerName, maskMsisdn } from "@/lib/pii/mask";

// Reads of the outbound call list (issue 22): the task the agent holds with what the caller needs
// (script, compact 360), and the supervisor's view of the team's list today.

export interface HeldCall {
  taskId: number;
  version: number;
  attempts: number;
  lastOutcome: string | null;
  note: string;
  claimedAt: Date;
  campaign: { id: number; name: string; scriptZh: string; scriptEn: string; startsAt: Date; endsAt: Date; status: string } | null;
  ruleId: number | null;
  customer: {
    id: number;
    customerNo: string;
    /** As lists show it (listCustomerName): the surname only unless the role may reveal PII. */
    name: string;
    type: string;
    preferredLang: string;
    specialCare: string;
    tier: string | null;
    churnBand: string | null;
    churnProbability: number | null;
    /** The main line's number, masked (138****5678), and its plan. */
    numberMasked: string;
    planZh: string | null;
    planEn: string | null;
    openComplaints: number;
    consent: { call: boolean; sms: boolean; email: boolean; push: boolean; wechat: boolean; doNotDisturb: boolean };
  };
  offer: { zh: string; en: string } | null;
  /** The last three contacts, newest first. */
  lastContacts: Array<{ at: Date; channel: string; direction: string; disposition: string; reasonZh: string | null; reasonEn: string | null; agentName: string | null }>;
}

/** The task the actor holds (claimed, not yet recorded), with the script's and the compact 360's data; null when none. */
export async function getHeldCall(actor: Actor): Promise<HeldCall | null> {
  assertCan(actor, "campaign:call");
  const [r] = await sqlRows<{
    id: string;
    version: number;
    attempts: number;
    last_outcome: string | null;
    note: string;
    claimed_at: Date;
    rule_id: number | null;
    campaign_id: number | null;
    campaign_name: string | null;
    script_zh: string | null;
    script_en: string | null;
    starts_at: Date | null;
    ends_at: Date | null;
    campaign_status: string | null;
    customer_id: number;
    customer_no: string;
    name: string;
    type: string;
    preferred_lang: string;
    special_care: string;
    consent_call: boolean;
    consent_sms: boolean;
    consent_email: boolean;
    consent_push: boolean;
    consent_wechat: boolean;
    do_not_disturb: boolean;
    tier: string | null;
    churn_band: string | null;
    churn_probability: number | null;
    msisdn: string | null;
    plan_zh: string | null;
    plan_en: string | null;
    offer_zh: string | null;
    offer_en: string | null;
    open_complaints: number;
    contacts: Array<{ at: string; channel: string; direction: string; disposition: string; reason_zh: string | null; reason_en: string | null; agent: string | null }>;
  }>(
    Prisma.sql`
      SELECT t.id::text AS id, t.version, t.attempts, t.last_outcome::text AS last_outcome, t.note, t.claimed_at, t.rule_id, t.campaign_id,
             c.name AS campaign_name, c.script_zh, c.script_en, c.starts_at, c.ends_at, c.status::text AS campaign_status,
             cu.id AS customer_id, cu.customer_no, cu.name, cu.type::text AS type, cu.preferred_lang, cu.special_care::text AS special_care,
             cu.consent_call, cu.consent_sms, cu.consent_email, cu.consent_push, cu.consent_wechat, cu.do_not_disturb,
             COALESCE(s.tier, m.value_tier)::text AS tier, s.churn_band::text AS churn_band, s.churn_probability,
             l.msisdn, l.plan_zh, l.plan_en, o.name_zh AS offer_zh, o.name_en AS offer_en,
             (SELECT count(*)::int FROM complaint k WHERE k.customer_id = cu.id AND k.status IN ('ACKNOWLEDGED', 'IN_PROGRESS', 'PENDING', 'HELD')) AS open_complaints,
             COALESCE((SELECT json_agg(x) FROM (
                 SELECT i.occurred_at AS at, i.channel::text AS channel, i.direction::text AS direction, i.disposition::text AS disposition,
                        r.name_zh AS reason_zh, r.name_en AS reason_en, u.display_name AS agent
                 FROM interaction i LEFT JOIN interaction_reason r ON r.code = i.reason_code LEFT JOIN app_user u ON u.id = i.agent_id
                 WHERE i.customer_id = cu.id ORDER BY i.occurred_at DESC, i.id DESC LIMIT 3) x), '[]') AS contacts
      FROM call_task t
      JOIN customer cu ON cu.id = t.customer_id
      LEFT JOIN campaign c ON c.id = t.campaign_id
      LEFT JOIN customer_score s ON s.customer_id = cu.id
      LEFT JOIN campaign_member m ON m.campaign_id = t.campaign_id AND m.customer_id = t.customer_id
      LEFT JOIN offer_rule o ON o.id = m.offer_rule_id
      LEFT JOIN LATERAL (
        SELECT ln.msisdn, p.name_zh AS plan_zh, p.name_en AS plan_en FROM line ln JOIN plan p ON p.id = ln.plan_id
        WHERE ln.customer_id = cu.id ORDER BY (ln.status = 'ACTIVE') DESC, (ln.network IN ('G4', 'G5')) DESC, ln.id LIMIT 1) l ON true
      WHERE t.claimed_by_id = ${actor.id}::int AND t.status = 'CLAIMED'
      LIMIT 1`,
    { prepared: true },
  );
  if (!r) return null;
  return {
    taskId: Number(r.id),
    version: r.version,
    attempts: r.attempts,
    lastOutcome: r.last_outcome,
    note: r.note,
    claimedAt: r.claimed_at,
    ruleId: r.rule_id,
    campaign:
      r.campaign_id === null
        ? null
        : { id: r.campaign_id, name: r.campaign_name!, scriptZh: r.script_zh ?? "", scriptEn: r.script_en ?? "", startsAt: r.starts_at!, endsAt: r.ends_at!, status: r.campaign_status! },
    customer: {
      id: r.customer_id,
      customerNo: r.customer_no,
      name: listCustomerName(actor, r.name, r.type),
      type: r.type,
      preferredLang: r.preferred_lang,
      specialCare: r.special_care,
      tier: r.tier,
      churnBand: r.churn_band,
      churnProbability: r.churn_probability,
      numberMasked: maskMsisdn(r.msisdn),
      planZh: r.plan_zh,
      planEn: r.plan_en,
      openComplaints: r.open_complaints,
      consent: { call: r.consent_call, sms: r.consent_sms, email: r.consent_email, push: r.consent_push, wechat: r.consent_wechat, doNotDisturb: r.do_not_disturb },
    },
    offer: r.offer_zh ? { zh: r.offer_zh, en: r.offer_en ?? r.offer_zh } : null,
    lastContacts: r.contacts.map((c) => ({
      at: new Date(c.at),
      channel: c.channel,
      direction: c.direction,
      disposition: c.disposition,
      reasonZh: c.reason_zh,
      reasonEn: c.reason_en,
      agentName: c.agent,
    })),
  };
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** Midnight of `now`'s day in Asia/Shanghai. */
export function shanghaiDayStart(now: Date): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (((local % 86_400_000) + 86_400_000) % 86_400_000) - SHANGHAI_OFFSET_MS);
}

export interface CallListStats {
  byCampaign: Array<{ campaignId: number | null; name: string | null; status: string | null; queued: number; due: number; claimed: number; callsToday: number; doneToday: number }>;
  agents: Array<{ id: number; name: string; holdingSince: Date | null; callsToday: number; doneToday: number }>;
}

/**
 * The supervisor's view of the team's call list: per campaign (tasks without one together) what
 * is queued (and due now), claimed, and what the team's people called and finished today; and who
 * is working it. Open tasks come off the two partial indexes (queued, claimed); today's work off
 * the team's interactions of today (interaction (agent_id, occurred_at)).
 */
export async function getCallListStats(actor: Actor, now = new Date()): Promise<CallListStats> {
  assertCan(actor, "campaign:call");
  assertCan(actor, "team:read");
  const team = actor.teamId ?? -1;
  const day = shanghaiDayStart(now);
  const rows = await db.$queryRaw<Array<{ campaign_id: number | null; name: string | null; status: string | null; queued: number; due: number; claimed: number; calls: number; done: number }>>`
    WITH open AS (
      SELECT campaign_id, count(*)::int AS queued, count(*) FILTER (WHERE due_at <= ${now}::timestamptz)::int AS due, 0 AS claimed
      FROM call_task WHERE status = 'QUEUED' AND (team_id = ${team} OR team_id IS NULL) GROUP BY campaign_id
      UNION ALL
      SELECT campaign_id, 0, 0, count(*)::int FROM call_task WHERE status = 'CLAIMED' AND (team_id = ${team} OR team_id IS NULL) GROUP BY campaign_id),
    o AS (SELECT campaign_id, sum(queued)::int AS queued, sum(due)::int AS due, sum(claimed)::int AS claimed FROM open GROUP BY campaign_id),
    d AS (
      SELECT i.campaign_id, count(*)::int AS calls,
             count(DISTINCT i.call_task_id) FILTER (WHERE t.status = 'DONE' AND t.done_at >= ${day}::timestamptz)::int AS done
      FROM interaction i JOIN call_task t ON t.id = i.call_task_id
      WHERE i.agent_id IN (SELECT id FROM app_user WHERE team_id = ${team}) AND i.occurred_at >= ${day}::timestamptz AND i.call_task_id IS NOT NULL
      GROUP BY i.campaign_id)
    SELECT NULLIF(COALESCE(o.campaign_id, d.campaign_id, 0), 0) AS campaign_id, c.name, c.status::text AS status,
           COALESCE(o.queued, 0) AS queued, COALESCE(o.due, 0) AS due, COALESCE(o.claimed, 0) AS claimed, COALESCE(d.calls, 0) AS calls, COALESCE(d.done, 0) AS done
    FROM o FULL JOIN d ON COALESCE(o.campaign_id, 0) = COALESCE(d.campaign_id, 0)
    LEFT JOIN campaign c ON c.id = COALESCE(o.campaign_id, d.campaign_id)
    ORDER BY (c.status = 'RUNNING') DESC NULLS LAST, c.name NULLS LAST
    LIMIT 100`;
  const agents = await db.$queryRaw<Array<{ id: number; name: string; since: Date | null; calls: number; done: number }>>`
    SELECT u.id, u.display_name AS name, h.claimed_at AS since, COALESCE(w.calls, 0)::int AS calls, COALESCE(w.done, 0)::int AS done
    FROM app_user u
    LEFT JOIN call_task h ON h.claimed_by_id = u.id AND h.status = 'CLAIMED'
    LEFT JOIN (
      SELECT i.agent_id, count(*) AS calls, count(DISTINCT i.call_task_id) FILTER (WHERE t.status = 'DONE' AND t.done_at >= ${day}::timestamptz AND t.claimed_by_id = i.agent_id) AS done
      FROM interaction i JOIN call_task t ON t.id = i.call_task_id
      WHERE i.agent_id IN (SELECT id FROM app_user WHERE team_id = ${team}) AND i.occurred_at >= ${day}::timestamptz AND i.call_task_id IS NOT NULL
      GROUP BY i.agent_id) w ON w.agent_id = u.id
    WHERE u.team_id = ${team} AND u.is_active AND (h.id IS NOT NULL OR w.calls > 0)
    ORDER BY h.claimed_at NULLS LAST, u.display_name`;
  return {
    byCampaign: rows.map((r) => ({ campaignId: r.campaign_id, name: r.name, status: r.status, queued: r.queued, due: r.due, claimed: r.claimed, callsToday: r.calls, doneToday: r.done })),
    agents: agents.map((a) => ({ id: a.id, name: a.name, holdingSince: a.since, callsToday: a.calls, doneToday: a.done })),
  };
}

/** RUNNING campaigns a manager may enrol the retention list's customers into (newest first). */
export async function listEnrolableCampaigns(actor: Actor): Promise<Array<{ id: number; name: string; channels: string[]; endsAt: Date }>> {
  assertCan(actor, "campaign:manage");
  return db.campaign.findMany({ where: { status: "RUNNING" }, orderBy: [{ startsAt: "desc" }, { id: "desc" }], take: 100, select: { id: true, name: true, channels: true, endsAt: true } });
}
