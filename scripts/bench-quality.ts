// The quality-inspection bench rows (issue 24): the sampling job over the generated base (every
// active rule as one INSERT … SELECT, then the idempotent second run), the supervisor's sample queue,
// an agent's "My QA" and the managers' team averages at 16 concurrent, each against its floor (the
// bare index read or the aggregate alone). The job's samples are removed afterwards.
//   npm run bench -- --customers N            (rows of the whole bench)
//   node --conditions=react-server --import tsx scripts/bench-quality.ts --customers N [--db-dir DIR]
import { performance } from "node:perf_hooks";
import type pg from "pg";

type ActorT = import("@/lib/auth/actor").Actor;

/** Makes sure the generated base has its QA rows (the generator's step, for a base generated before it). */
export async function ensureQaRows(pool: pg.Pool): Promise<{ evaluations: number; ms: number }> {
  const { seedQaEvaluations } = await import("@/tests/factories/quality");
  const t = performance.now();
  const c = await pool.connect();
  try {
    await seedQaEvaluations(c);
  } finally {
    c.release();
  }
  const ms = performance.now() - t;
  const evaluations = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM qa_evaluation`)).rows[0].n);
  return { evaluations, ms };
}

export interface SamplingBench {
  samples: number;
  firstMs: number;
  againMs: number;
  floorMs: number;
}

/** The sampling job at the base's size: a first run (what it inserts is removed after) and the no-op second run. */
export async function benchQaSampling(pool: pg.Pool, now = new Date()): Promise<SamplingBench> {
  const { runQaSampling } = await import("@/lib/quality/sampling-commands");
  const { weekStart } = await import("@/lib/quality/scoring");
  const before = Number((await pool.query<{ m: number }>(`SELECT COALESCE(max(id), 0) AS m FROM qa_sample`)).rows[0].m);
  let t = performance.now();
  const r = await runQaSampling(now);
  const firstMs = performance.now() - t;
  t = performance.now();
  await runQaSampling(now);
  const againMs = performance.now() - t;
  // Floor: the candidate contacts of the two weeks the random draw reads, counted.
  t = performance.now();
  await pool.query(
    `SELECT count(*) FROM app_user u JOIN interaction i ON i.agent_id = u.id AND i.occurred_at >= $1 AND i.occurred_at <= $2
     WHERE u.role = 'AGENT' AND u.is_active AND u.team_id IS NOT NULL`,
    [new Date(weekStart(now).getTime() - 7 * 86_400_000), now],
  );
  const floorMs = performance.now() - t;
  await pool.query(`DELETE FROM qa_sample s WHERE s.id > $1 AND NOT EXISTS (SELECT 1 FROM qa_evaluation e WHERE e.sample_id = s.id)`, [before]);
  return { samples: r.samples, firstMs, againMs, floorMs };
}

async function actorsOf(pool: pg.Pool, sql: string): Promise<ActorT[]> {
  const rows = (await pool.query<{ id: number; username: string; display_name: string; role: string; team_id: number | null }>(sql)).rows;
  return rows.map((u) => ({ id: u.id, username: u.username, name: u.display_name, role: u.role as ActorT["role"], teamId: u.team_id }));
}

/** Up to 16 supervisors with open samples in their team. */
export const queueSupervisors = (pool: pg.Pool) =>
  actorsOf(
    pool,
    `SELECT u.id, u.username, u.display_name, u.role::text AS role, u.team_id FROM app_user u
     WHERE u.role = 'SUPERVISOR' AND u.team_id IS NOT NULL ORDER BY (SELECT count(*) FROM qa_sample s WHERE s.team_id = u.team_id AND s.status = 'OPEN') DESC, u.id LIMIT 16`,
  );
/** Up to 16 agents with evaluations. */
export const evaluatedAgents = (pool: pg.Pool) =>
  actorsOf(
    pool,
    `SELECT u.id, u.username, u.display_name, u.role::text AS role, u.team_id FROM app_user u
     WHERE u.role = 'AGENT' AND EXISTS (SELECT 1 FROM qa_evaluation e WHERE e.agent_id = u.id) ORDER BY u.id LIMIT 16`,
  );
export const managers = (pool: pg.Pool) =>
  actorsOf(pool, `SELECT id, username, display_name, role::text AS role, team_id FROM app_user WHERE role = 'MANAGER' ORDER BY id LIMIT 4`);

/** Floors: the same rows' index reads alone (no joins, no scope beyond the key). */
export const QUEUE_FLOOR_SQL = `SELECT id, agent_id, target, ref_id, created_at FROM qa_sample WHERE team_id = $1 AND status = 'OPEN' ORDER BY created_at DESC, id DESC LIMIT 51`;
export const MY_QA_FLOOR_SQL = `SELECT id, score, final_score, scored_at FROM qa_evaluation WHERE agent_id = $1 AND NOT calibration ORDER BY scored_at DESC, id DESC LIMIT 51`;
export const AVERAGES_FLOOR_SQL = `SELECT team_id, date_trunc('month', scored_at), avg(final_score) FROM qa_evaluation WHERE NOT calibration AND scored_at >= now() - interval '93 days' GROUP BY 1, 2`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openStandaloneBench } = await import("./lib/bench-db");
  const { customers, bench, pool } = await openStandaloneBench({ poolMax: 16, env: { DATABASE_POOL_SIZE: "20" } });
  try {
    const { deployMigrations } = await import("./lib/migrations.mjs");
    await deployMigrations(bench.url);
    const seeded = await ensureQaRows(pool);
    console.log(
      `QA at ${customers.toLocaleString("en")} customers: ${seeded.evaluations.toLocaleString("en")} evaluations (generator step ${(seeded.ms / 1000).toFixed(2)} s)`,
    );
    const s = await benchQaSampling(pool);
    console.log(
      `  sampling job: ${s.samples} samples in ${s.firstMs.toFixed(0)} ms, second run ${s.againMs.toFixed(0)} ms (floor: candidates counted ${s.floorMs.toFixed(0)} ms)`,
    );
    const { listSampleQueue, listMyEvaluations, teamAverages } = await import("@/lib/quality/queries");
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
    const round = async (actors: ActorT[], ours: (a: ActorT) => Promise<unknown>, floor: (a: ActorT) => Promise<unknown>) => {
      const lat: number[] = [];
      const fl: number[] = [];
      for (let r = -1; r < 10; r++)
        await Promise.all(
          Array.from({ length: 16 }, async (_, k) => {
            const a = actors[k % actors.length];
            let t = performance.now();
            await ours(a);
            if (r >= 0) lat.push(performance.now() - t);
            t = performance.now();
            await floor(a);
            if (r >= 0) fl.push(performance.now() - t);
          }),
        );
      return `p95 ${p95(lat).toFixed(1)} ms (floor ${p95(fl).toFixed(1)} ms)`;
    };
    const sup = await queueSupervisors(pool);
    if (sup.length)
      console.log(
        `  sample queue, 16 at once: ${await round(
          sup,
          (a) => listSampleQueue(a),
          (a) => pool.query(QUEUE_FLOOR_SQL, [a.teamId]),
        )}`,
      );
    const ag = await evaluatedAgents(pool);
    if (ag.length)
      console.log(
        `  My QA, 16 at once: ${await round(
          ag,
          (a) => listMyEvaluations(a),
          (a) => pool.query(MY_QA_FLOOR_SQL, [a.id]),
        )}`,
      );
    const mg = await managers(pool);
    if (mg.length)
      console.log(
        `  team averages (3 months, all teams), 16 at once: ${await round(
          mg,
          (a) => teamAverages(a, 3),
          () => pool.query(AVERAGES_FLOOR_SQL),
        )}`,
      );
  } finally {
    await pool.end();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await bench.stop();
  }
}
