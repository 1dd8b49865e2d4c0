import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, allowLongStatements, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { MONTH_BIT } from "@/lib/dashboards/cube";
import {
  addMonths,
  operatorMonth,
  runAssessmentInput,
  saveWeightsInput,
  type AssessmentWeights,
  type RunAssessmentInput,
  type SaveWeightsInput,
  weightsSum,
} from "@/lib/assessment/schemas";
import { ASSESSMENT_LAST_RUN_KEY, ASSESSMENT_SETTING_KEY, readAssessmentSettings, type AssessmentRun } from "@/lib/assessment/settings";

// The monthly assessment (issue 24, docs/training-assessment.md "The monthly assessment"): one
// set-based INSERT … ON CONFLICT UPDATE per month into agent_assessment, from the complaint and
// survey rollups at the agent grain, the QA evaluations and training attendance. The rule is
// lib/assessment/rating.ts; pages read only agent_assessment.

/** The agent dimension alone, month rows (lib/dashboards/cube.ts: agent bit 16 + MONTH_BIT). */
const AGENT_MONTH_GRAIN = 16 + MONTH_BIT;

/**
 * Computes `month` ("YYYY-MM") for every active agent with a team and at least one component, in
 * the transaction given, in one statement: upserts their rows (rank in team, team size) and removes
 * the month's rows of agents who no longer qualify. Returns the number of rows written.
 */
export async function computeAssessmentMonth(tx: Tx, month: string, weights: AssessmentWeights): Promise<number> {
  const day = `${month}-01`;
  const w = weights;
  const [r] = await tx.$queryRaw<Array<{ written: number; removed: number }>>`
    WITH bounds AS (
      SELECT (${day}::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS t0,
             ((${day}::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai') AS t1
    ),
    agents AS (
      SELECT id AS user_id, team_id FROM app_user WHERE role = 'AGENT' AND team_id IS NOT NULL AND is_active
    ),
    cx AS (
      SELECT agent_id AS user_id,
             sum(fr_met + fb_met + res_met + cyc_met)::numeric / NULLIF(sum(fr_decided + fb_decided + res_decided + cyc_decided), 0) AS sla,
             sum(handling_minutes)::numeric / NULLIF(sum(handled_count), 0) AS aht,
             sum(handled_count)::int AS handled,
             sum(fcr_yes)::numeric / NULLIF(sum(fcr_decided), 0) AS fcr
      FROM complaint_daily_rollup WHERE grain = ${AGENT_MONTH_GRAIN} AND day = ${day}::date AND agent_id > 0
      GROUP BY agent_id
    ),
    sv AS (
      SELECT agent_id AS user_id, sum(satisfied)::numeric / NULLIF(sum(answered), 0) AS csat
      FROM survey_daily_rollup WHERE grain = ${AGENT_MONTH_GRAIN} AND day = ${day}::date AND kind = 'CSAT' AND dimension = '' AND agent_id > 0
      GROUP BY agent_id
    ),
    qa AS (
      SELECT e.agent_id AS user_id, avg(e.final_score) AS qa, count(*)::int AS n
      FROM qa_evaluation e, bounds b WHERE NOT e.calibration AND e.scored_at >= b.t0 AND e.scored_at < b.t1
      GROUP BY e.agent_id
    ),
    tr AS (
      SELECT a.user_id, (count(*) FILTER (WHERE a.attendance = 'ATTENDED'))::numeric / count(*) AS training
      FROM training_attendee a JOIN training_session s ON s.id = a.session_id, bounds b
      WHERE s.status = 'HELD' AND s.starts_at >= b.t0 AND s.starts_at < b.t1
      GROUP BY a.user_id
    ),
    base AS (
      SELECT ag.user_id, ag.team_id, qa.qa, COALESCE(qa.n, 0) AS qa_count, cx.sla, cx.aht, cx.fcr, sv.csat, tr.training, COALESCE(cx.handled, 0) AS handled
      FROM agents ag LEFT JOIN cx USING (user_id) LEFT JOIN sv USING (user_id) LEFT JOIN qa USING (user_id) LEFT JOIN tr USING (user_id)
      WHERE qa.qa IS NOT NULL OR cx.sla IS NOT NULL OR cx.aht IS NOT NULL OR cx.fcr IS NOT NULL OR sv.csat IS NOT NULL OR tr.training IS NOT NULL
    ),
    med AS (
      SELECT team_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY aht)::numeric AS median FROM base WHERE aht IS NOT NULL GROUP BY team_id
    ),
    scored AS (
      SELECT b.*,
             CASE WHEN b.aht IS NULL THEN NULL WHEN b.aht <= 0 THEN 100 ELSE LEAST(100, GREATEST(0, 100 * med.median / b.aht)) END AS aht_score
      FROM base b LEFT JOIN med USING (team_id)
    ),
    rated AS (
      SELECT s.*, round(COALESCE(
        (COALESCE(${w.qa} * s.qa, 0) + COALESCE(${w.sla} * s.sla * 100, 0) + COALESCE(${w.aht} * s.aht_score, 0)
          + COALESCE(${w.fcr} * s.fcr * 100, 0) + COALESCE(${w.csat} * s.csat * 100, 0) + COALESCE(${w.training} * s.training * 100, 0))
        / NULLIF((CASE WHEN s.qa IS NULL THEN 0 ELSE ${w.qa} END) + (CASE WHEN s.sla IS NULL THEN 0 ELSE ${w.sla} END)
          + (CASE WHEN s.aht_score IS NULL THEN 0 ELSE ${w.aht} END) + (CASE WHEN s.fcr IS NULL THEN 0 ELSE ${w.fcr} END)
          + (CASE WHEN s.csat IS NULL THEN 0 ELSE ${w.csat} END) + (CASE WHEN s.training IS NULL THEN 0 ELSE ${w.training} END), 0)
      , 0), 2) AS rating
      FROM scored s
    ),
    written AS (
    INSERT INTO agent_assessment (month, user_id, team_id, qa_average, qa_count, sla_rate, aht_minutes, fcr_rate, csat_rate, training_rate, handled, rating, rank_in_team, team_size, computed_at)
    SELECT ${day}::date, user_id, team_id, round(qa, 2), qa_count, round(sla, 4), round(aht, 1), round(fcr, 4), round(csat, 4), round(training, 4), handled,
           rating, rank() OVER (PARTITION BY team_id ORDER BY rating DESC), count(*) OVER (PARTITION BY team_id), now()
    FROM rated
    ON CONFLICT (month, user_id) DO UPDATE SET
      team_id = EXCLUDED.team_id, qa_average = EXCLUDED.qa_average, qa_count = EXCLUDED.qa_count, sla_rate = EXCLUDED.sla_rate,
      aht_minutes = EXCLUDED.aht_minutes, fcr_rate = EXCLUDED.fcr_rate, csat_rate = EXCLUDED.csat_rate, training_rate = EXCLUDED.training_rate,
      handled = EXCLUDED.handled, rating = EXCLUDED.rating, rank_in_team = EXCLUDED.rank_in_team, team_size = EXCLUDED.team_size, computed_at = EXCLUDED.computed_at
    RETURNING user_id),
    -- The month's rows of agents who no longer qualify (deactivated, no data any more); the DELETE
    -- sees the rows as they were before this statement, so the ones just written are never touched.
    removed AS (
      DELETE FROM agent_assessment a WHERE a.month = ${day}::date AND NOT EXISTS (SELECT 1 FROM written w WHERE w.user_id = a.user_id) RETURNING 1)
    SELECT (SELECT count(*) FROM written)::int AS written, (SELECT count(*) FROM removed)::int AS removed`;
  return r?.written ?? 0;
}

/** Computes the months given (each in its own transaction) and records the run. */
export async function runAssessment(months: string[], by: string): Promise<AssessmentRun> {
  const t0 = Date.now();
  let rows = 0;
  for (const month of months) {
    rows += await db.$transaction(
      async (tx) => {
        await allowLongStatements(tx, "job");
        // One run per month at a time (the scheduled one and an admin's "Run now").
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agent_assessment'), ${Number(month.replace("-", ""))})`;
        const { weights } = await readAssessmentSettings(tx);
        return computeAssessmentMonth(tx, month, weights);
      },
      { timeout: 600_000 },
    );
  }
  const run: AssessmentRun = { months, rows, ms: Date.now() - t0, at: new Date().toISOString(), by };
  await db.appSetting.upsert({
    where: { key: ASSESSMENT_LAST_RUN_KEY },
    create: { key: ASSESSMENT_LAST_RUN_KEY, value: run as unknown as Prisma.InputJsonValue },
    update: { value: run as unknown as Prisma.InputJsonValue },
  });
  return run;
}

/** The scheduled run (nightly): the current month so far, and on the 1st the month before too. */
export function scheduledMonths(now: Date): string[] {
  const month = operatorMonth(now);
  const dayOfMonth = new Date(now.getTime() + 8 * 3600_000).getUTCDate();
  return dayOfMonth === 1 ? [addMonths(month, -1), month] : [month];
}

export async function runScheduledAssessment(now: Date): Promise<AssessmentRun> {
  return runAssessment(scheduledMonths(now), "job");
}

/** "Run now" for a month (admins, assessment:configure); audited. */
export async function runAssessmentNow(actor: Actor, raw: RunAssessmentInput, now = new Date()): Promise<AssessmentRun> {
  assertCan(actor, "assessment:configure");
  const parsed = runAssessmentInput.safeParse(raw);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const { month } = parsed.data;
  if (month > operatorMonth(now)) throw new ValidationError({ month: "assessment.futureMonth" });
  const run = await runAssessment([month], actor.name);
  await db.$transaction(async (tx) => {
    await recordAudit(tx, actor, { action: "assessment.ran", entity: "agent_assessment", entityId: month, data: { rows: run.rows, ms: run.ms } });
  });
  return run;
}

/** Saves the six weights (they sum to 100) and the low-QA threshold, version-checked and audited; the next run uses them. */
export async function saveAssessmentWeights(actor: Actor, raw: SaveWeightsInput): Promise<{ version: number }> {
  assertCan(actor, "assessment:configure");
  const parsed = saveWeightsInput.safeParse(raw);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const { version, lowQaThreshold, ...weights } = parsed.data;
  if (weightsSum(weights) !== 100) throw new ValidationError({ qa: "assessment.weightsSum" });
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${ASSESSMENT_SETTING_KEY}))`;
    const current = await readAssessmentSettings(tx);
    if (current.version !== version) throw new ConflictError("assessment settings changed");
    const next = { weights, lowQaThreshold, version: version + 1 };
    await tx.appSetting.upsert({ where: { key: ASSESSMENT_SETTING_KEY }, create: { key: ASSESSMENT_SETTING_KEY, value: next }, update: { value: next } });
    await recordAudit(tx, actor, { action: "assessment.weightsSaved", entity: "app_setting", entityId: ASSESSMENT_SETTING_KEY, data: { from: current.weights, to: weights, lowQaThreshold, version: next.version } });
    return { version: next.version };
  });
}
