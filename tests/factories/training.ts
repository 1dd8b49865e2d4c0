// Training and the monthly assessment (issue 24): rows for tests, the demo and the generator —
// sessions, QA evaluations (the "qa" area's table, built directly), knowledge articles, and the
// agent-grain month rows of the complaint and survey rollups the assessment reads.
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientOr, uniqueNumber, type FactoryDb } from "@/tests/factories/db";

/** A QA evaluation (with its form and sample) of `agentId`, scored at `scoredAt`. */
export async function createQaEvaluation(
  input: { agentId: number; teamId: number | null; evaluatorId: number; finalScore: number; scoredAt: Date; calibration?: boolean },
  db?: FactoryDb,
): Promise<{ id: number }> {
  const client = await clientOr(db);
  const form =
    (await client.qaForm.findFirst({ where: { nameEn: "Factory QA form" }, select: { id: true } })) ??
    (await client.qaForm.create({ data: { nameZh: "测试质检表", nameEn: "Factory QA form", target: "CONTACT" }, select: { id: true } }));
  const n = uniqueNumber();
  const sample = await client.qaSample.create({
    data: {
      target: "CONTACT",
      refId: 1_000_000_000 + n,
      agentId: input.agentId,
      teamId: input.teamId,
      formId: form.id,
      reason: "factory",
      week: "2026-W01",
      calibration: !!input.calibration,
      status: "SCORED",
    },
  });
  return client.qaEvaluation.create({
    data: {
      sampleId: sample.id,
      evaluatorId: input.evaluatorId,
      agentId: input.agentId,
      teamId: input.teamId,
      formId: form.id,
      score: input.finalScore,
      finalScore: input.finalScore,
      calibration: !!input.calibration,
      scoredAt: input.scoredAt,
    },
    select: { id: true },
  });
}

/** A knowledge article (published unless said otherwise). */
export async function createKbArticle(
  input: { titleZh: string; titleEn?: string; ownerId: number; status?: "DRAFT" | "PUBLISHED" | "ARCHIVED" },
  db?: FactoryDb,
): Promise<{ id: number }> {
  const client = await clientOr(db);
  const cat =
    (await client.kbCategory.findFirst({ orderBy: { id: "asc" }, select: { id: true } })) ??
    (await client.kbCategory.create({ data: { code: `FACTORY-${uniqueNumber()}`, nameZh: "测试分类", nameEn: "Factory category" }, select: { id: true } }));
  return client.kbArticle.create({
    data: {
      categoryId: cat.id,
      titleZh: input.titleZh,
      titleEn: input.titleEn ?? "",
      status: input.status ?? "PUBLISHED",
      ownerId: input.ownerId,
      createdById: input.ownerId,
    },
    select: { id: true },
  });
}

export async function createTrainingSession(
  input: Partial<Prisma.TrainingSessionUncheckedCreateInput> & { trainerId: number; startsAt: Date },
  db?: FactoryDb,
): Promise<{ id: number; version: number }> {
  const client = await clientOr(db);
  return client.trainingSession.create({
    data: { topic: `培训 ${uniqueNumber()}`, createdById: input.trainerId, ...input },
    select: { id: true, version: true },
  });
}

export interface AgentMonthFigures {
  /** Complaint clocks: met / decided over the four clocks together. */
  slaMet?: number;
  slaDecided?: number;
  handlingMinutes?: number;
  handled?: number;
  fcrYes?: number;
  fcrDecided?: number;
  satisfied?: number;
  answered?: number;
}

/**
 * The agent-grain month rows (grain 16 + 64, day = the month's first) of the complaint and survey
 * rollups, as the rollup job would leave them for `agentId` in `month` ("YYYY-MM").
 */
export async function putAgentMonthRollups(agentId: number, month: string, f: AgentMonthFigures, db?: FactoryDb): Promise<void> {
  const client = await clientOr(db);
  const day = `${month}-01`;
  await client.$executeRaw`
    INSERT INTO complaint_daily_rollup (grain, day, team_id, agent_id, category_id, channel, region, value_tier, opened, resolved, handling_minutes, handled_count, res_met, res_decided, fcr_yes, fcr_decided)
    VALUES (80, ${day}::date, -1, ${agentId}, -1, '*', '*', '*', ${f.handled ?? 0}, ${f.handled ?? 0}, ${f.handlingMinutes ?? 0}, ${f.handled ?? 0}, ${f.slaMet ?? 0}, ${f.slaDecided ?? 0}, ${f.fcrYes ?? 0}, ${f.fcrDecided ?? 0})
    ON CONFLICT DO NOTHING`;
  if (f.answered !== undefined)
    await client.$executeRaw`
      INSERT INTO survey_daily_rollup (grain, day, kind, dimension, team_id, agent_id, category_id, channel, region, value_tier, sent, answered, satisfied)
      VALUES (80, ${day}::date, 'CSAT', '', -1, ${agentId}, -1, '*', '*', '*', ${f.answered}, ${f.answered}, ${f.satisfied ?? 0})
      ON CONFLICT DO NOTHING`;
}

/** Agents per generated team, and the generated agents at 1 M subscribers (issue 24: 20,000 agents). */
export const GENERATED_TEAM_SIZE = 20;
export const GENERATED_AGENTS_PER_MILLION = 20_000;

interface SqlClient {
  query: (text: string, values?: unknown[]) => Promise<unknown>;
}

/**
 * The generator's staff for the assessment (scripts/generate.ts "assessment agents"): `agents`
 * agents (no password: they never log in) in teams of 20, and 12 months of agent_assessment up to
 * this month with deterministic components, rated by the default weights and ranked in their team
 * (the pages read only this table). Set-based and idempotent.
 */
export async function seedGeneratedAssessment(c: SqlClient, agents: number, now = new Date()): Promise<void> {
  const teams = Math.ceil(agents / GENERATED_TEAM_SIZE);
  await c.query(
    `INSERT INTO team (code, name_zh, name_en)
     SELECT 'GEN-' || lpad(g::text, 5, '0'), '生成班组' || g, 'Generated team ' || g FROM generate_series(1, $1::int) g
     ON CONFLICT (code) DO NOTHING`,
    [teams],
  );
  await c.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, team_id, updated_at)
     SELECT 'gen_agent_' || g, '坐席' || g, '!', 'AGENT', t.id, now()
     FROM generate_series(1, $1::int) g JOIN team t ON t.code = 'GEN-' || lpad((1 + (g - 1) / ${GENERATED_TEAM_SIZE})::text, 5, '0')
     ON CONFLICT (username) DO NOTHING`,
    [agents],
  );
  const month = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  // r(k) = a stable pseudo-random fraction per agent, month and component.
  await c.query(
    `WITH months AS (SELECT (($1::text || '-01')::date - make_interval(months => k))::date AS month, k FROM generate_series(0, 11) k),
     base AS (
       SELECT m.month, u.id AS user_id, u.team_id,
              60 + ((u.id * 7919 + m.k * 104729 + 11) % 1000) / 25.0 AS qa,
              0.70 + ((u.id * 6151 + m.k * 7877 + 13) % 1000) / 3400.0 AS sla,
              20 + ((u.id * 3571 + m.k * 9973 + 17) % 1000) / 40.0 AS aht,
              0.60 + ((u.id * 4049 + m.k * 3079 + 19) % 1000) / 2600.0 AS fcr,
              0.70 + ((u.id * 2311 + m.k * 6007 + 23) % 1000) / 3400.0 AS csat,
              CASE WHEN (u.id + m.k) % 4 = 0 THEN 0.5 ELSE 1 END AS training,
              20 + (u.id * 13 + m.k * 7) % 120 AS handled
       FROM app_user u CROSS JOIN months m WHERE u.username LIKE 'gen\\_agent\\_%'),
     rated AS (
       SELECT b.*, round((30 * qa + 20 * sla * 100 + 10 * LEAST(100, 100 * 30 / aht) + 15 * fcr * 100 + 15 * csat * 100 + 10 * training * 100) / 100, 2) AS rating FROM base b)
     INSERT INTO agent_assessment (month, user_id, team_id, qa_average, qa_count, sla_rate, aht_minutes, fcr_rate, csat_rate, training_rate, handled, rating, rank_in_team, team_size)
     SELECT month, user_id, team_id, round(qa, 2), 4, round(sla, 4), round(aht, 1), round(fcr, 4), round(csat, 4), training, handled, rating,
            rank() OVER (PARTITION BY team_id, month ORDER BY rating DESC), count(*) OVER (PARTITION BY team_id, month)
     FROM rated
     ON CONFLICT (month, user_id) DO NOTHING`,
    [month],
  );
  await c.query(`ANALYZE agent_assessment`);
  await c.query(`ANALYZE app_user`);
}
