// The assessment bench rows (issue 24): the month's team ranking and an agent's 12-month trend
// (what /assessment reads, agent_assessment only) at 16 concurrent readers against their bare index
// reads, and the monthly job's one statement over every agent of the generated base (20,000 at
// 1 M): synthetic agent-grain rollups for a month of their own (2000-01) are written, the month is
// computed, and everything is rolled back.
//   npm run bench -- --customers N            (rows of the whole bench)
//   node --conditions=react-server --import tsx scripts/bench-assessment.ts --customers N [--db-dir DIR]
import { performance } from "node:perf_hooks";
import type pg from "pg";

export const RANKING_FLOOR_SQL = `SELECT a.*, u.display_name FROM agent_assessment a JOIN app_user u ON u.id = a.user_id
  WHERE a.team_id = $1 AND a.month = $2::date ORDER BY a.rank_in_team, a.user_id LIMIT 500`;
export const TREND_FLOOR_SQL = `SELECT a.*, u.display_name FROM agent_assessment a JOIN app_user u ON u.id = a.user_id
  WHERE a.user_id = $1 AND a.month BETWEEN ($2::date - interval '11 months')::date AND $2::date ORDER BY a.month`;

/** Generated teams and agents with assessments (the bench's subjects), and the month they read. */
export async function assessmentSubjects(pool: pg.Pool): Promise<{ teams: number[]; agents: number[]; month: string }> {
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const teams = (
    await pool.query<{ id: number }>(`SELECT DISTINCT team_id AS id FROM agent_assessment WHERE month = $1::date ORDER BY 1 LIMIT 500`, [`${month}-01`])
  ).rows.map((r) => r.id);
  const agents = (
    await pool.query<{ id: number }>(`SELECT user_id AS id FROM agent_assessment WHERE month = $1::date ORDER BY user_id LIMIT 2000`, [`${month}-01`])
  ).rows.map((r) => r.id);
  return { teams, agents, month };
}

/** The monthly job over every active agent with a team: its statement's time, and the floor (the two rollup reads grouped by agent). */
export async function benchAssessmentJob(): Promise<{ agents: number; rows: number; ms: number; floorMs: number }> {
  const { db } = await import("@/lib/db");
  const { computeAssessmentMonth } = await import("@/lib/assessment/job-commands");
  const { DEFAULT_WEIGHTS } = await import("@/lib/assessment/schemas");
  const month = "2000-01";
  const out = { agents: 0, rows: 0, ms: 0, floorMs: 0 };
  const ROLLBACK = new Error("rollback");
  try {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('statement_timeout', '600000', true)`;
        out.agents = await tx.$executeRaw`
          INSERT INTO complaint_daily_rollup (grain, day, team_id, agent_id, category_id, channel, region, value_tier, handling_minutes, handled_count, res_met, res_decided, fcr_yes, fcr_decided)
          SELECT 80, '2000-01-01'::date, -1, u.id, -1, '*', '*', '*', 30 * (20 + u.id % 40), 20 + u.id % 40, 15 + u.id % 5, 20, 12 + u.id % 8, 20
          FROM app_user u WHERE u.role = 'AGENT' AND u.team_id IS NOT NULL AND u.is_active`;
        await tx.$executeRaw`
          INSERT INTO survey_daily_rollup (grain, day, kind, dimension, team_id, agent_id, category_id, channel, region, value_tier, sent, answered, satisfied)
          SELECT 80, '2000-01-01'::date, 'CSAT', '', -1, u.id, -1, '*', '*', '*', 10, 8, 5 + u.id % 4
          FROM app_user u WHERE u.role = 'AGENT' AND u.team_id IS NOT NULL AND u.is_active`;
        await tx.$executeRaw`ANALYZE complaint_daily_rollup`;
        let t = performance.now();
        await tx.$queryRaw`
          SELECT c.agent_id, sum(c.res_met), sum(c.handling_minutes), (SELECT sum(s.satisfied) FROM survey_daily_rollup s WHERE s.grain = 80 AND s.day = '2000-01-01' AND s.agent_id = c.agent_id)
          FROM complaint_daily_rollup c WHERE c.grain = 80 AND c.day = '2000-01-01' GROUP BY c.agent_id`;
        out.floorMs = performance.now() - t;
        t = performance.now();
        out.rows = await computeAssessmentMonth(tx, month, DEFAULT_WEIGHTS);
        out.ms = performance.now() - t;
        throw ROLLBACK;
      },
      { timeout: 900_000, maxWait: 60_000 },
    );
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openStandaloneBench } = await import("./lib/bench-db");
  const { customers, bench, pool } = await openStandaloneBench({ poolMax: 16 });
  try {
    const { db } = await import("@/lib/db");
    const { actorOf } = await import("@/lib/auth/actor");
    const { teamRanking, agentTrend } = await import("@/lib/assessment/queries");
    const manager = actorOf(await db.user.findFirstOrThrow({ where: { role: "MANAGER" }, orderBy: { id: "asc" } }), { ip: null, userAgent: "bench" });
    const { teams, agents, month } = await assessmentSubjects(pool);
    console.log(`Assessment at ${customers.toLocaleString("en")} customers: ${agents.length} agents sampled in ${teams.length} teams, month ${month}`);
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
    const run = async (fn: (i: number) => Promise<unknown>, n = 800) => {
      const lat: number[] = [];
      let i = 0;
      const worker = async () => {
        while (i < n) {
          const k = i++;
          const t = performance.now();
          await fn(k);
          if (k >= 100) lat.push(performance.now() - t);
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      return p95(lat);
    };
    const day = `${month}-01`;
    console.log(
      `  team ranking: p95 ${(await run((i) => teamRanking(manager, { month, teamId: teams[i % teams.length]! }))).toFixed(1)} ms (floor ${(await run((i) => pool.query(RANKING_FLOOR_SQL, [teams[i % teams.length], day]))).toFixed(1)} ms)`,
    );
    console.log(
      `  agent trend:  p95 ${(await run((i) => agentTrend(manager, { userId: agents[i % agents.length]!, month }))).toFixed(1)} ms (floor ${(await run((i) => pool.query(TREND_FLOOR_SQL, [agents[i % agents.length], day]))).toFixed(1)} ms)`,
    );
    const job = await benchAssessmentJob();
    console.log(
      `  monthly job: ${job.rows.toLocaleString("en")} agents rated and ranked in ${(job.ms / 1000).toFixed(2)} s (floor: the rollup reads ${(job.floorMs / 1000).toFixed(2)} s)`,
    );
  } finally {
    await pool.end();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await bench.stop();
  }
}
