import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { auditInsertSql, recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { loadMarketingSettings, MARKETING_SETTINGS_KEY } from "@/lib/marketing/settings";
import { DEFAULT_MARKETING_SETTINGS, marketingSettingsInput, type MarketingSettings } from "@/lib/marketing/schemas";
import { recordTouches } from "@/lib/marketing/touches";
import { recordCallOutcomeInput, type RecordCallOutcomeInput } from "@/lib/campaigns/call-schemas";
import { callBackProblem, isQuietTime, outcomeEffects, quietHoursEnd, STALE_CLAIM_MINUTES } from "@/lib/campaigns/call-rules";

// The outbound call list (issue 22, docs/campaigns.md "The call list"): an agent claims the next
// due task of their team, calls, and records the outcome. The claim is one statement (FOR UPDATE
// SKIP LOCKED over call_task_claim_idx, with its audit row), so 16 agents pressing "Next call" at
// once each get a different task; the outcome is one transaction (task, contact on the 360
// timeline, marketing touch, campaign funnel, audit), version-checked.

export type ClaimResult =
  | { taskId: number; state: "claimed" | "held" }
  | { taskId: null; state: "empty" }
  | { taskId: null; state: "quietHours"; resumesAt: Date };

/**
 * The next due call of the actor's share, claimed. One branch per share (the team's tasks, and
 * tasks for anyone), each the head of call_task_claim_idx in (priority DESC, due_at, id) order
 * that is due, whose skill the agent has and whose campaign is RUNNING, locked with SKIP LOCKED;
 * the better of the two is claimed (the other is only locked for the statement's few
 * milliseconds). An agent who already holds a task gets it back instead of a second one.
 * Exported for the benchmark's floor (scripts/bench-calls.ts).
 */
export function claimSql(actor: Actor, now: Date): Prisma.Sql {
  const branch = (teamCondition: Prisma.Sql) => Prisma.sql`
    SELECT t.id, t.priority, t.due_at FROM call_task t
    WHERE ${teamCondition} AND t.status = 'QUEUED' AND t.due_at <= ${now}::timestamptz
      AND (t.skill IS NULL OR EXISTS (SELECT 1 FROM agent_profile p WHERE p.user_id = ${actor.id}::int AND t.skill = ANY (p.skills)))
      AND (t.campaign_id IS NULL OR EXISTS (SELECT 1 FROM campaign c WHERE c.id = t.campaign_id AND c.status = 'RUNNING'))
      -- A customer with two open tasks (a campaign's and a rule's) is not called by two agents at once.
      AND NOT EXISTS (SELECT 1 FROM call_task o WHERE o.customer_id = t.customer_id AND o.status = 'CLAIMED')
      AND NOT EXISTS (SELECT 1 FROM held)
    ORDER BY t.priority DESC, t.due_at, t.id
    LIMIT 1 FOR UPDATE OF t SKIP LOCKED`;
  return Prisma.sql`
    WITH held AS (SELECT id FROM call_task WHERE claimed_by_id = ${actor.id}::int AND status = 'CLAIMED' LIMIT 1),
    own_team AS (${branch(Prisma.sql`t.team_id = ${actor.teamId}::int`)}),
    anyone AS (${branch(Prisma.sql`t.team_id IS NULL`)}),
    pick AS (SELECT id FROM (SELECT * FROM own_team UNION ALL SELECT * FROM anyone) x ORDER BY priority DESC, due_at, id LIMIT 1),
    claimed AS (
      UPDATE call_task t SET status = 'CLAIMED', claimed_by_id = ${actor.id}::int, claimed_at = ${now}::timestamptz, version = t.version + 1
      FROM pick WHERE t.id = pick.id AND t.status = 'QUEUED' RETURNING t.id),
    a AS (${auditInsertSql(actor, { action: "callTask.claimed", entity: "call_task" }, "claimed")})
    SELECT id::text AS id, 'claimed' AS state FROM claimed
    UNION ALL SELECT id::text, 'held' FROM held`;
}

/**
 * The quiet hours of the admin's contact rules, read fresh on every claim but off the hot path's
 * pool as one prepared statement (loadMarketingSettings goes through the ORM: at 16 agents at once
 * that doubled the claim's p95). Invalid or missing settings are the defaults, as there.
 */
async function quietHoursNow(): Promise<MarketingSettings["quietHours"]> {
  const [row] = await sqlRows<{ value: unknown }>(Prisma.sql`SELECT value FROM app_setting WHERE key = ${MARKETING_SETTINGS_KEY}`, { prepared: true });
  const parsed = marketingSettingsInput.safeParse(row?.value);
  return parsed.success ? parsed.data.quietHours : DEFAULT_MARKETING_SETTINGS.quietHours;
}

function isOneClaimViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return err?.code === "23505" && (err.constraint === "call_task_one_claim_per_agent_idx" || /call_task_one_claim_per_agent_idx/.test(err.message ?? ""));
}

/**
 * "Next call": the task the actor holds, or the next one claimed for them. Nothing comes due in
 * the quiet hours (the admin's contact rules, Asia/Shanghai): then only a held task is returned.
 */
export async function claimNextCall(actor: Actor, _input?: unknown, now = new Date()): Promise<ClaimResult> {
  assertCan(actor, "campaign:call");
  const quietHours = await quietHoursNow();
  if (isQuietTime(now, quietHours)) {
    const [held] = await sqlRows<{ id: string }>(
      Prisma.sql`SELECT id::text AS id FROM call_task WHERE claimed_by_id = ${actor.id}::int AND status = 'CLAIMED' LIMIT 1`,
      { prepared: true },
    );
    return held ? { taskId: Number(held.id), state: "held" } : { taskId: null, state: "quietHours", resumesAt: quietHoursEnd(now, quietHours) };
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await sqlRows<{ id: string; state: "claimed" | "held" }>(claimSql(actor, now), { prepared: true });
      return row ? { taskId: Number(row.id), state: row.state } : { taskId: null, state: "empty" };
    } catch (e) {
      // The same agent claimed in another request at the same moment: that one won; run again to get it.
      if (attempt < 2 && isOneClaimViolation(e)) continue;
      throw e;
    }
  }
}

/**
 * Records what came of the call on a task the actor holds, in one transaction: the task (done,
 * or back in the queue for a call-back or after no answer), a contact on the customer's 360
 * timeline (interaction, OUTBOUND_CALL, with the campaign and the task), a marketing touch for
 * the frequency caps, the campaign member's funnel timestamps, and the audit row (without the note).
 */
export async function recordCallOutcome(actor: Actor, raw: RecordCallOutcomeInput, now = new Date()): Promise<{ status: "DONE" | "QUEUED"; dueAt: Date | null }> {
  assertCan(actor, "campaign:call");
  const input = recordCallOutcomeInput.parse(raw);
  const settings = await loadMarketingSettings();
  return db.$transaction(async (tx) => {
    const [task] = await tx.$queryRaw<
      Array<{ id: bigint; version: number; customer_id: number; campaign_id: number | null; rule_id: number | null; attempts: number; starts_at: Date | null; ends_at: Date | null }>
    >`
      SELECT t.id, t.version, t.customer_id, t.campaign_id, t.rule_id, t.attempts, c.starts_at, c.ends_at
      FROM call_task t LEFT JOIN campaign c ON c.id = t.campaign_id
      WHERE t.id = ${input.taskId}::bigint AND t.claimed_by_id = ${actor.id}::int AND t.status = 'CLAIMED'
      FOR UPDATE OF t`;
    // Agents record outcomes only on the task they hold: anyone else's is "not found".
    if (!task) throw new NotFoundError("call task");
    if (task.version !== input.version) throw new ConflictError();
    if (input.outcome === "CALL_BACK") {
      const window = task.starts_at && task.ends_at ? { startsAt: task.starts_at, endsAt: task.ends_at } : null;
      const problem = callBackProblem(input.callBackAt!, now, window, settings.quietHours);
      if (problem) throw new ValidationError({ callBackAt: problem });
    }
    const attempts = task.attempts + 1;
    const fx = outcomeEffects(input.outcome, attempts, now, input.callBackAt);
    const done = fx.status === "DONE";
    const updated = await tx.$executeRaw`
      UPDATE call_task SET status = ${fx.status}::"CallTaskStatus", due_at = COALESCE(${fx.dueAt}::timestamptz, due_at),
        -- Done: who made the call stays on it (the day's figures); back in the queue: anyone's again.
        claimed_by_id = CASE WHEN ${done} THEN claimed_by_id END, claimed_at = CASE WHEN ${done} THEN claimed_at END,
        attempts = ${attempts}, last_outcome = ${input.outcome}::"CallOutcome", done_at = ${done ? now : null}::timestamptz, version = version + 1
      WHERE id = ${task.id} AND version = ${input.version}`;
    if (updated !== 1) throw new ConflictError();
    const [contact] = await tx.$queryRaw<Array<{ id: number }>>`
      INSERT INTO interaction (customer_id, channel, direction, disposition, notes, agent_id, occurred_at, campaign_id, call_task_id)
      VALUES (${task.customer_id}, 'OUTBOUND_CALL', 'OUTBOUND', ${fx.disposition}::"Disposition", ${input.note || null}, ${actor.id}, ${now}::timestamptz,
              ${task.campaign_id}::int, ${task.id})
      RETURNING id`;
    await recordTouches(tx, [{ customerId: task.customer_id, channel: "OUTBOUND_CALL", campaignId: task.campaign_id, ruleId: task.rule_id, at: now }]);
    if (task.campaign_id !== null) {
      await tx.$executeRaw`
        UPDATE campaign_member SET contacted_at = COALESCE(contacted_at, ${now}::timestamptz),
          reached_at = CASE WHEN ${fx.reached} THEN COALESCE(reached_at, ${now}::timestamptz) ELSE reached_at END,
          accepted_at = CASE WHEN ${fx.accepted} THEN COALESCE(accepted_at, ${now}::timestamptz) ELSE accepted_at END,
          declined_at = CASE WHEN ${fx.declined} THEN COALESCE(declined_at, ${now}::timestamptz) ELSE declined_at END
        WHERE campaign_id = ${task.campaign_id} AND customer_id = ${task.customer_id}`;
    }
    await recordAudit(tx, actor, {
      action: "callTask.outcomeRecorded",
      entity: "call_task",
      entityId: String(task.id),
      data: {
        outcome: input.outcome,
        attempts,
        status: fx.status,
        customerId: task.customer_id,
        campaignId: task.campaign_id,
        interactionId: contact!.id,
        ...(fx.status === "QUEUED" ? { dueAt: fx.dueAt!.toISOString() } : {}),
      },
    });
    return { status: fx.status, dueAt: fx.dueAt };
  });
}

/**
 * Claims held longer than STALE_CLAIM_MINUTES go back to the queue (the agent went home with a
 * task on screen). Set-based, read off the small index of claimed tasks, audited as the system.
 * A pg-boss job runs it every minute (lib/jobs/boss.ts); idempotent under two workers.
 */
export async function releaseStaleCallClaims(now = new Date()): Promise<{ released: number }> {
  const cutoff = new Date(now.getTime() - STALE_CLAIM_MINUTES * 60_000);
  const rows = await sqlRows<{ id: string }>(Prisma.sql`
    WITH stale AS (SELECT id FROM call_task WHERE status = 'CLAIMED' AND claimed_at < ${cutoff}::timestamptz FOR UPDATE SKIP LOCKED),
    released AS (
      UPDATE call_task t SET status = 'QUEUED', claimed_by_id = NULL, claimed_at = NULL, version = t.version + 1
      FROM stale WHERE t.id = stale.id RETURNING t.id),
    a AS (${auditInsertSql(SYSTEM_ACTOR, { action: "callTask.released", entity: "call_task", data: { afterMinutes: STALE_CLAIM_MINUTES } }, "released")})
    SELECT id::text AS id FROM released`);
  return { released: rows.length };
}
