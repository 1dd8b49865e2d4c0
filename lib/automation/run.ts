import "server-only";
import { readLoyaltySettings } from "@/lib/loyalty/config-queries";
import { pointsExpiryFor } from "@/lib/loyalty/settings";
import { db, allowLongStatements, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { enrolCustomers, type CampaignForAudience } from "@/lib/campaigns/audience";
import { enqueueMessages } from "@/lib/marketing/outbox";
import { loadMarketingSettings } from "@/lib/marketing/settings";
import type { CampaignChannelName, MarketingSettings } from "@/lib/marketing/schemas";
import { logger } from "@/lib/shared/logger";
import { nextContactTime, passDays } from "@/lib/automation/dates";
import type { CallTaskParams, CareTaskParams, EnrolParams, GrantPointsParams, SendMessageParams } from "@/lib/automation/schemas";
import { postPointsSet } from "@/lib/loyalty/ledger";
import { careTaskDueDay } from "@/lib/care/due";
import { loadTeamCalendar } from "@/lib/care/calendar";
import { actionChannels, parseStoredRule } from "@/lib/automation/definition";
import { daysListSql, ONCE_A_DAY, selectionSql } from "@/lib/automation/triggers";
import { churnedOnlySkipSql, skipReasonSql, touchCountsForSql } from "@/lib/automation/eligibility";

// The evaluation job (issue 22): one pass evaluates every ACTIVE rule, each in its own transaction
// that holds the rule's row (FOR UPDATE), so two passes at once run a rule one after the other and
// the second finds every firing already there. Per rule:
//   1. one INSERT … SELECT of trigger ∩ conditions into automation_firing, ON CONFLICT (rule,
//      customer, event) DO NOTHING: the newly fired land in a temporary table;
//   2. in the same statement, the firings that must do nothing get their reason (churned,
//      do-not-disturb, consent, frequency cap: lib/automation/eligibility.ts);
//   3. the action, set-based: call tasks, queued messages (the outbox) or enrolment;
//   4. fired_count and last_run_at.

export interface RulePass {
  ruleId: number;
  fired: number;
  skipped: number;
  acted: number;
  /** Set when the rule was paused instead (its campaign is no longer running). */
  pausedReason?: "campaignNotRunning";
  ms: number;
  /** Milliseconds of each step: firing (trigger ∩ conditions, with the skip reasons), the action. */
  steps?: { fire: number; act: number };
}

interface RuleRow {
  id: number;
  name: string;
  trigger: string;
  trigger_param: number;
  conditions: unknown;
  action: string;
  action_params: unknown;
  last_run_at: Date | null;
  version: number;
}

const TIER_PRIORITY = Prisma.sql`CASE n.tier WHEN 'DIAMOND' THEN 3 WHEN 'GOLD' THEN 2 WHEN 'SILVER' THEN 1 ELSE 0 END`;
/** The customers of this pass's new firings that were not skipped. */
const NEW_AND_ACTED = Prisma.sql`SELECT n.customer_id FROM automation_new n WHERE n.reason IS NULL`;

/** Locks a campaign row and reads what enrolment needs; null when it is missing or not RUNNING. */
async function lockRunningCampaign(tx: Tx, campaignId: number): Promise<CampaignForAudience | null> {
  const [c] = await tx.$queryRaw<
    Array<{
      id: number;
      status: string;
      channels: CampaignChannelName[];
      offer_mode: CampaignForAudience["offerMode"];
      offer_rule_id: number | null;
      call_team_id: number | null;
      call_skill: string | null;
      starts_at: Date;
    }>
  >`SELECT id, status::text, channels::text[] AS channels, offer_mode::text AS offer_mode, offer_rule_id, call_team_id, call_skill, starts_at
    FROM campaign WHERE id = ${campaignId} FOR UPDATE`;
  if (!c || c.status !== "RUNNING") return null;
  return {
    id: c.id,
    channels: c.channels,
    offerMode: c.offer_mode,
    offerRuleId: c.offer_rule_id,
    callTeamId: c.call_team_id,
    callSkill: c.call_skill,
    startsAt: c.starts_at,
  };
}

/**
 * One pass of one ACTIVE rule at `now` (a rule that is not ACTIVE is left alone: null). `actor` is
 * the manager who pressed "Run now" (audited with the pass's figures); the job passes none.
 */
export async function runRule(ruleId: number, now: Date, settings: MarketingSettings, actor?: Actor): Promise<RulePass | null> {
  const t0 = performance.now();
  return db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "job");
      const [rule] = await tx.$queryRaw<RuleRow[]>`
        SELECT id, name, trigger::text, trigger_param, conditions, action::text, action_params, last_run_at, version
        FROM automation_rule WHERE id = ${ruleId} AND status = 'ACTIVE' FOR UPDATE`;
      if (!rule) return null;
      const def = parseStoredRule({ ...rule, triggerParam: rule.trigger_param, actionParams: rule.action_params });
      if (!def) {
        logger.error("automation.bad_rule", { ruleId });
        return null;
      }
      let campaign: CampaignForAudience | null = null;
      if (def.action === "ENROL_CAMPAIGN") {
        campaign = await lockRunningCampaign(tx, (def.actionParams as EnrolParams).campaignId);
        if (!campaign) {
          await tx.automationRule.update({ where: { id: ruleId }, data: { status: "PAUSED", lastRunAt: now, version: { increment: 1 } } });
          await recordAudit(tx, actor ?? SYSTEM_ACTOR, {
            action: "automation.paused",
            entity: "automation_rule",
            entityId: ruleId,
            data: { reason: "campaignNotRunning" },
          });
          return { ruleId, fired: 0, skipped: 0, acted: 0, pausedReason: "campaignNotRunning" as const, ms: Math.round(performance.now() - t0) };
        }
      }

      // 1. Fire: trigger ∩ conditions for the days since the previous pass; the new firings only…
      const days = passDays(now, rule.last_run_at, ONCE_A_DAY[def.trigger]);
      if (!days.length) {
        await tx.$executeRaw`UPDATE automation_rule SET last_run_at = ${now} WHERE id = ${ruleId}`;
        if (actor)
          await recordAudit(tx, actor, { action: "automation.ran", entity: "automation_rule", entityId: ruleId, data: { fired: 0, skipped: 0, acted: 0 } });
        return { ruleId, fired: 0, skipped: 0, acted: 0, ms: Math.round(performance.now() - t0) };
      }
      const t1 = performance.now();
      await tx.$executeRaw`CREATE TEMP TABLE automation_new (firing_id bigint NOT NULL, customer_id int NOT NULL, tier text NOT NULL, event_key text NOT NULL, reason text) ON COMMIT DROP`;
      // 2. …with, for whom the action may not reach, the reason it does nothing (in the same statement).
      const channels = actionChannels(def, campaign?.channels);
      const fired = await tx.$executeRaw`
        WITH x AS (
          SELECT DISTINCT ON (sel.customer_id, sel.event_key) sel.customer_id, sel.event_key
          FROM (${selectionSql(def.trigger, def.triggerParam, def.conditions, daysListSql(days))}) sel
          ORDER BY sel.customer_id, sel.event_key
        ), f AS (
          INSERT INTO automation_firing (rule_id, customer_id, event_key, fired_at, skipped)
          SELECT ${ruleId}::int, x.customer_id, x.event_key, ${now}, ${def.action === "GRANT_POINTS" ? churnedOnlySkipSql : skipReasonSql(channels, settings)}
          FROM x JOIN customer c ON c.id = x.customer_id
          LEFT JOIN (${touchCountsForSql(Prisma.sql`SELECT customer_id FROM x`, settings, now)}) tc ON tc.customer_id = c.id
          ON CONFLICT (rule_id, customer_id, event_key) DO NOTHING
          RETURNING id, customer_id, event_key, skipped
        )
        INSERT INTO automation_new (firing_id, customer_id, tier, event_key, reason)
        SELECT f.id, f.customer_id, COALESCE(s.tier, 'STANDARD')::text, f.event_key, f.skipped FROM f LEFT JOIN customer_score s ON s.customer_id = f.customer_id`;
      const [{ skipped }] = fired
        ? await tx.$queryRaw<Array<{ skipped: number }>>`SELECT count(*) FILTER (WHERE reason IS NOT NULL)::int AS skipped FROM automation_new`
        : [{ skipped: 0 }];
      // The planner knows nothing of a fresh temporary table: tell it (thousands of rows at a month's start).
      if (fired > 1000) await tx.$executeRaw`ANALYZE automation_new`;

      // 3. The action, for the rest.
      const t3 = performance.now();
      let acted = fired - skipped;
      if (acted > 0) {
        const due = nextContactTime(now, settings.quietHours);
        if (def.action === "CALL_TASK") {
          const p = def.actionParams as CallTaskParams;
          acted = await tx.$executeRaw`
            INSERT INTO call_task (rule_id, customer_id, team_id, priority, due_at, note)
            SELECT ${ruleId}::int, n.customer_id, ${p.teamId}::int, ${TIER_PRIORITY}, ${due}, left(${p.note}::text || ' (' || n.event_key || ')', 1000)
            FROM automation_new n WHERE n.reason IS NULL`;
        } else if (def.action === "SEND_MESSAGE") {
          const p = def.actionParams as SendMessageParams;
          acted = await enqueueMessages(tx, NEW_AND_ACTED, { channel: p.channel, purpose: "automation", ruleId, notBefore: due });
        } else if (def.action === "CARE_TASK") {
          acted = await insertCareTasks(tx, ruleId, def.actionParams as CareTaskParams, now, settings);
        } else if (def.action === "GRANT_POINTS") {
          acted = await grantPoints(tx, ruleId, def.name, def.actionParams as GrantPointsParams, now);
        } else if (campaign) {
          const enrolled = await enrolCustomers(tx, campaign, NEW_AND_ACTED, settings, now);
          // Already a member (or excluded at launch): the firing did nothing.
          await tx.$executeRaw`
            UPDATE automation_firing f SET skipped = 'notEnrolled' FROM automation_new n
            WHERE f.id = n.firing_id AND n.reason IS NULL AND NOT (n.customer_id = ANY(${enrolled}::int[]))`;
          acted = enrolled.length;
        }
      }

      // 4. The rule's figures.
      await tx.$executeRaw`UPDATE automation_rule SET fired_count = fired_count + ${acted}::int, last_run_at = ${now} WHERE id = ${ruleId}`;
      const t4 = performance.now();
      const result: RulePass = {
        ruleId,
        fired,
        skipped: fired - acted,
        acted,
        ms: Math.round(performance.now() - t0),
        steps: { fire: Math.round(t3 - t1), act: Math.round(t4 - t3) },
      };
      if (actor)
        await recordAudit(tx, actor, { action: "automation.ran", entity: "automation_rule", entityId: ruleId, data: { fired, skipped: fired - acted, acted } });
      return result;
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

/**
 * CARE_TASK (issue 23): one care task per acted firing for the team, assigned round-robin to the
 * team's active agents — the agent with the fewest open tasks of the team first — in one statement;
 * due on the contact day after the quiet hours, moved to the team calendar's next working day
 * (lib/care/due.ts). A team without active agents gets the tasks unassigned (its supervisor assigns).
 */
async function insertCareTasks(tx: Tx, ruleId: number, p: CareTaskParams, now: Date, settings: MarketingSettings): Promise<number> {
  const dueOn = careTaskDueDay(now, settings.quietHours, await loadTeamCalendar(tx, p.teamId));
  return tx.$executeRaw`
    WITH agents AS (
      SELECT u.id, (row_number() OVER (ORDER BY COALESCE(o.n, 0), u.id) - 1)::int AS k
      FROM app_user u
      LEFT JOIN (SELECT assignee_id, count(*) AS n FROM care_task WHERE team_id = ${p.teamId}::int AND status = 'OPEN' GROUP BY assignee_id) o ON o.assignee_id = u.id
      WHERE u.team_id = ${p.teamId}::int AND u.role = 'AGENT' AND u.is_active
    ), t AS (
      SELECT n.customer_id, n.event_key, (row_number() OVER (ORDER BY n.customer_id) - 1)::int AS i
      FROM automation_new n WHERE n.reason IS NULL
    )
    INSERT INTO care_task (customer_id, kind, rule_id, event_key, team_id, assignee_id, due_on, note, created_at)
    SELECT t.customer_id, ${p.kind}::"CareTaskKind", ${ruleId}::int, t.event_key, ${p.teamId}::int, a.id, ${dueOn}::date, ${p.note}, ${now}
    FROM t LEFT JOIN agents a ON a.k = t.i % NULLIF((SELECT count(*) FROM agents), 0)::int`;
}

/**
 * GRANT_POINTS (issue 23): points to each acted firing's customer through the points ledger (kind
 * GIFT, ref 'gift:<rule>:<event key>': a firing posts once), set-based — a fixed number, or the
 * birthday points of the customer's member grade (no membership row = STANDARD). A customer whose
 * grade gifts nothing is skipped ('noPoints').
 */
async function grantPoints(tx: Tx, ruleId: number, ruleName: string, p: GrantPointsParams, now: Date): Promise<number> {
  const points = p.source === "FIXED" ? Prisma.sql`${p.points}::int` : Prisma.sql`COALESCE(g.birthday_points, 0)`;
  await tx.$executeRaw`
    CREATE TEMP TABLE automation_grant ON COMMIT DROP AS
    SELECT n.firing_id, n.customer_id, ${points} AS points, 'gift:' || ${ruleId}::int || ':' || n.event_key AS ref
    FROM automation_new n
    LEFT JOIN customer_membership cm ON cm.customer_id = n.customer_id
    LEFT JOIN member_grade_def g ON g.grade = COALESCE(cm.grade, 'STANDARD')
    WHERE n.reason IS NULL`;
  await tx.$executeRaw`
    UPDATE automation_firing f SET skipped = 'noPoints' FROM automation_grant gr WHERE f.id = gr.firing_id AND gr.points <= 0`;
  // Gifted points expire by the programme's rule, as every other credit (docs/loyalty.md "Expiry").
  const expiresOn = pointsExpiryFor(now, await readLoyaltySettings(tx));
  return postPointsSet(
    tx,
    "GIFT",
    Prisma.sql`SELECT gr.customer_id, gr.points, gr.ref, ${expiresOn}::date AS expires_on, ${ruleName}::text AS reason FROM automation_grant gr WHERE gr.points > 0`,
    { now },
  );
}

/** The job: one pass over every ACTIVE rule (idempotent; see runRule). */
export async function runAutomation(now: Date): Promise<{ rules: number; fired: number; acted: number; ms: number }> {
  const t0 = performance.now();
  const settings = await loadMarketingSettings();
  const rules = await db.automationRule.findMany({ where: { status: "ACTIVE" }, select: { id: true }, orderBy: { id: "asc" } });
  let fired = 0;
  let acted = 0;
  for (const r of rules) {
    const pass = await runRule(r.id, now, settings);
    if (pass) {
      fired += pass.fired;
      acted += pass.acted;
    }
  }
  return { rules: rules.length, fired, acted, ms: Math.round(performance.now() - t0) };
}
