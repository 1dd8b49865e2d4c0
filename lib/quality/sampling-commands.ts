import "server-only";
import type { z } from "zod";
import { db, allowLongStatements, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { staffScopeSql } from "@/lib/quality/staff-scope";
import { isoWeek, weekStart } from "@/lib/quality/scoring";
import { drawSamplesInput, markCalibrationInput, type DrawSamplesInput, type MarkCalibrationInput, type QaSamplingKindName } from "@/lib/quality/schemas";

// QA sampling (issue 24, docs/quality.md "Sampling"): the daily job and a supervisor's "Draw now"
// run the active sampling rules as one INSERT … SELECT … ON CONFLICT DO NOTHING each (a contact or
// complaint is sampled once). The random draw takes up to N contacts per agent and ISO week (this
// week and last), topping up what the week already has: a second run adds nothing. The pick is
// random but reproducible (md5 of the contact and the week), so the job is idempotent.

/** Rule-based samples look this far back (a daily job; a missed day is caught up). */
export const RULE_LOOKBACK_DAYS = 14;

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationErrorFromZod(r.error);
  return r.data;
}

interface RuleRow {
  id: number;
  kind: QaSamplingKindName;
  param: number;
  formId: number;
}

/** The agents sampled: active AGENTs with a team (one team when a supervisor draws). */
function agentFilter(teamId: number | null): Prisma.Sql {
  return Prisma.sql`u.role = 'AGENT' AND u.is_active AND u.team_id IS NOT NULL ${teamId === null ? Prisma.empty : Prisma.sql`AND u.team_id = ${teamId}`}`;
}

async function runRule(tx: Tx, rule: RuleRow, now: Date, teamId: number | null, createdById: number | null): Promise<number> {
  const since = new Date(now.getTime() - RULE_LOOKBACK_DAYS * 86_400_000);
  const week = isoWeek(now);
  const who = agentFilter(teamId);
  switch (rule.kind) {
    case "RANDOM_PER_AGENT_WEEK": {
      let inserted = 0;
      const thisWeek = weekStart(now);
      for (const from of [new Date(thisWeek.getTime() - 7 * 86_400_000), thisWeek]) {
        const to = new Date(from.getTime() + 7 * 86_400_000);
        const w = isoWeek(from);
        inserted += await tx.$executeRaw`
          INSERT INTO qa_sample (target, ref_id, agent_id, team_id, form_id, reason, rule_id, week, created_by_id, created_at)
          SELECT 'CONTACT', x.id, x.agent_id, x.team_id, ${rule.formId}, 'RANDOM', ${rule.id}, ${w}, ${createdById}, ${now}
          FROM (
            SELECT i.id, i.agent_id, u.team_id,
                   row_number() OVER (PARTITION BY i.agent_id ORDER BY md5(i.id::text || ${w})) AS rn
            FROM app_user u
            JOIN interaction i ON i.agent_id = u.id AND i.occurred_at >= ${from} AND i.occurred_at < ${to} AND i.occurred_at <= ${now}
            WHERE ${who}
              AND NOT EXISTS (SELECT 1 FROM qa_sample s WHERE s.target = 'CONTACT' AND s.ref_id = i.id)
          ) x
          LEFT JOIN (
            SELECT agent_id, count(*)::int AS n FROM qa_sample WHERE week = ${w} AND reason = 'RANDOM' GROUP BY agent_id
          ) have ON have.agent_id = x.agent_id
          WHERE x.rn <= ${rule.param} - COALESCE(have.n, 0)
          ON CONFLICT (target, ref_id) DO NOTHING`;
      }
      return inserted;
    }
    case "LONG_CALL":
      return tx.$executeRaw`
        INSERT INTO qa_sample (target, ref_id, agent_id, team_id, form_id, reason, rule_id, week, created_by_id, created_at)
        SELECT 'CONTACT', i.id, i.agent_id, u.team_id, ${rule.formId}, 'LONG_CALL', ${rule.id}, ${week}, ${createdById}, ${now}
        FROM app_user u
        JOIN interaction i ON i.agent_id = u.id AND i.occurred_at >= ${since} AND i.occurred_at <= ${now}
        WHERE ${who} AND i.channel IN ('HOTLINE', 'OUTBOUND_CALL') AND i.duration_sec > ${rule.param * 60}
        ON CONFLICT (target, ref_id) DO NOTHING`;
    case "ESCALATION":
    case "DETRACTOR_COMPLAINT": {
      const condition =
        rule.kind === "ESCALATION"
          ? Prisma.sql`c.escalation_level > 0 AND c.created_at >= ${since}`
          : Prisma.sql`c.id IN (SELECT r.complaint_id FROM survey_response r WHERE r.is_detractor AND r.complaint_id IS NOT NULL AND r.answered_at >= ${since} AND r.answered_at <= ${now})`;
      // The judged agent: the complaint's handler (its assignee), else its owner (首问负责制).
      return tx.$executeRaw`
        INSERT INTO qa_sample (target, ref_id, agent_id, team_id, form_id, reason, rule_id, week, created_by_id, created_at)
        SELECT 'COMPLAINT', c.id, u.id, u.team_id, ${rule.formId}, ${rule.kind}, ${rule.id}, ${week}, ${createdById}, ${now}
        FROM complaint c
        JOIN app_user u ON u.id = COALESCE(c.assignee_id, c.owner_id)
        WHERE ${condition} AND ${who}
        ON CONFLICT (target, ref_id) DO NOTHING`;
    }
  }
}

async function runRules(tx: Tx, now: Date, teamId: number | null, createdById: number | null): Promise<{ samples: number; rules: number }> {
  // One pass at a time (the job on two nodes, a supervisor's "Draw now"): the top-up counts stay right.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('qa-sampling'))`;
  const rules = await tx.$queryRaw<RuleRow[]>`
    SELECT r.id, r.kind::text AS kind, r.param, r.form_id AS "formId"
    FROM qa_sampling_rule r JOIN qa_form f ON f.id = r.form_id AND f.is_active
    WHERE r.is_active ORDER BY r.id`;
  let samples = 0;
  for (const rule of rules) samples += await runRule(tx, rule, now, teamId, createdById);
  return { samples, rules: rules.length };
}

/** The daily sampling job (lib/jobs/boss.ts): every active rule over every team. Idempotent. */
export async function runQaSampling(now = new Date()): Promise<{ samples: number; rules: number }> {
  return db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "job");
      return runRules(tx, now, null, null);
    },
    { timeout: 600_000 },
  );
}

/** "Draw now": a supervisor runs the rules over their own team (this week's random draw included). */
export async function drawSamplesNow(actor: Actor, raw: DrawSamplesInput = {}, now = new Date()): Promise<{ samples: number }> {
  assertCan(actor, "quality:score");
  parse(drawSamplesInput, raw);
  if (actor.teamId === null) throw new ValidationError({ team: "qaNoTeam" }, "quality.noTeam");
  const teamId = actor.teamId;
  return db.$transaction(
    async (tx) => {
      const r = await runRules(tx, now, teamId, actor.id);
      await recordAudit(tx, actor, { action: "quality.samplesDrawn", entity: "team", entityId: teamId, data: { samples: r.samples, week: isoWeek(now) } });
      return { samples: r.samples };
    },
    { timeout: 60_000 },
  );
}

/**
 * Marks an open, not yet scored sample of the supervisor's team for calibration: two supervisors
 * then score it blind (the second scoring is compared, never counted).
 */
export async function markCalibration(actor: Actor, raw: MarkCalibrationInput): Promise<{ version: number }> {
  assertCan(actor, "quality:score");
  const input = parse(markCalibrationInput, raw);
  return db.$transaction(async (tx) => {
    const [s] = await tx.$queryRaw<Array<{ id: number; version: number; status: string; calibration: boolean; agent_id: number; scored: number }>>`
      SELECT s.id, s.version, s.status::text AS status, s.calibration, s.agent_id,
             (SELECT count(*)::int FROM qa_evaluation e WHERE e.sample_id = s.id) AS scored
      FROM qa_sample s
      WHERE s.id = ${input.sampleId} AND ${staffScopeSql(actor, Prisma.sql`s.agent_id`, Prisma.sql`s.team_id`)} AND s.agent_id <> ${actor.id}
      FOR UPDATE OF s`;
    if (!s) throw new NotFoundError("qa_sample");
    if (s.version !== input.version) throw new ConflictError();
    if (s.status !== "OPEN" || s.calibration || s.scored > 0) throw new ValidationError({ sampleId: "qaNotOpen" }, "quality.notOpen");
    await tx.qaSample.update({ where: { id: s.id }, data: { calibration: true, version: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "quality.calibrationMarked", entity: "qa_sample", entityId: s.id, data: { agentId: s.agent_id } });
    return { version: s.version + 1 };
  });
}
