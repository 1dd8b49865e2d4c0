// The call list's claim under load (issue 22: "claiming the next call: p95 ≤ 30 ms with 16 agents
// at once, never the same customer twice"). A row of `npm run bench` (scripts/bench.ts), or alone:
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-calls.ts [--quick]
// Seeds ~50 k queued tasks of a RUNNING campaign for a bench team of 16 agents on the generated
// base, then 16 agents press "Next call" at once, each finishing its call (a direct UPDATE, not
// measured) before the next press. Ours: claimNextCall (the lib call the action makes). Floor: the
// same claim statement through pg. Every claimed task must have been claimed once, by one agent.
import { performance } from "node:perf_hooks";
import pg from "pg";

export interface ClaimStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

const AGENTS = 16;
const TASKS = 50_000;
const TEAM_CODE = "BENCH-CALLS";

function stats(lat: number[], ms: number): ClaimStats {
  const s = [...lat].sort((a, b) => a - b);
  const pct = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(pct(50)), p95: r(pct(95)), p99: r(pct(99)), rps: r((s.length / ms) * 1000) };
}

/** The bench team, its 16 agents (created once, kept) and a RUNNING campaign with TASKS queued calls (replaced each run). */
async function seed(pool: pg.Pool, tasks: number) {
  const team = (
    await pool.query<{ id: number }>(
      `INSERT INTO team (code, name_zh, name_en) VALUES ($1, '外呼压测组', 'Bench callers') ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
      [TEAM_CODE],
    )
  ).rows[0]!.id;
  const users = (
    await pool.query<{ id: number; username: string; display_name: string }>(
      `INSERT INTO app_user (username, display_name, password_hash, role, team_id, updated_at)
       SELECT 'bench_caller_' || lpad(g::text, 2, '0'), '压测坐席' || g, 'not-a-login', 'AGENT', $1, now() FROM generate_series(1, $2) g
       ON CONFLICT (username) DO UPDATE SET team_id = EXCLUDED.team_id RETURNING id, username, display_name`,
      [team, AGENTS],
    )
  ).rows;
  const manager = (await pool.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'manager1'`)).rows[0]!.id;
  // The previous run's campaign and tasks go (the audit rows of its claims stay: append-only).
  const old = (await pool.query<{ id: number; segment_id: number }>(`SELECT id, segment_id FROM campaign WHERE name = 'bench: call list'`)).rows;
  for (const c of old) {
    await pool.query(`DELETE FROM call_task WHERE campaign_id = $1`, [c.id]);
    await pool.query(`DELETE FROM campaign WHERE id = $1`, [c.id]);
    await pool.query(`DELETE FROM segment WHERE id = $1`, [c.segment_id]);
  }
  const segment = (await pool.query<{ id: number }>(`INSERT INTO segment (name, kind, updated_at) VALUES ('bench: call list', 'STATIC', now()) RETURNING id`))
    .rows[0]!.id;
  const campaign = (
    await pool.query<{ id: number }>(
      `INSERT INTO campaign (name, segment_id, channels, starts_at, ends_at, status, created_by_id, call_team_id, success_kinds, script_zh, script_en, updated_at)
       VALUES ('bench: call list', $1, ARRAY['OUTBOUND_CALL']::"CampaignChannel"[], now() - interval '1 day', now() + interval '30 days', 'RUNNING', $2, $3,
               ARRAY['OFFER_ACCEPTED']::"ConversionKind"[], '您好，{name}', 'Hello {name}', now()) RETURNING id`,
      [segment, manager, team],
    )
  ).rows[0]!.id;
  // Priorities as a campaign's tiers give them (0–3), due times spread over the last day; a base
  // smaller than the list gets several tasks per customer (the claim reads call_task, not customer).
  await pool.query(
    `INSERT INTO call_task (campaign_id, customer_id, team_id, priority, due_at)
     SELECT $1, c.id, $2, (c.id + r) % 4, now() - make_interval(secs => ((c.id::bigint * 7919 + r * 104729) % 86400)::int)
     FROM customer c CROSS JOIN generate_series(0, GREATEST(0, ceil($3::numeric / (SELECT count(*) FROM customer))::int - 1)) r
     ORDER BY r, c.id LIMIT $3`,
    [campaign, team, tasks],
  );
  await pool.query(`ANALYZE call_task`);
  return {
    campaign,
    agents: users.map((u) => ({
      id: u.id,
      username: u.username,
      name: u.display_name,
      role: "AGENT" as const,
      teamId: team,
      ip: "127.0.0.1",
      userAgent: "bench",
    })),
  };
}

/**
 * Runs the measurement on `pool`'s database (lib/db must point at the same one: DATABASE_URL).
 * Returns ours and the floor, and throws when any task was claimed twice.
 */
export async function benchCallClaims(
  pool: pg.Pool,
  opts: { quick: boolean },
): Promise<{ ours: ClaimStats; floor: ClaimStats; tasks: number; claims: number }> {
  const { claimNextCall, claimSql } = await import("@/lib/campaigns/call-commands");
  const tasks = opts.quick ? 2_000 : TASKS;
  const { campaign, agents } = await seed(pool, tasks);
  const durationMs = opts.quick ? 1_500 : 10_000;
  const perAgent = opts.quick ? 10 : 400;
  const finish = (id: number) =>
    pool.query(`UPDATE call_task SET status = 'DONE', done_at = now(), version = version + 1 WHERE id = $1 AND status = 'CLAIMED'`, [id]);
  const claimedBy = new Map<number, number>();
  let doubles = 0;
  const run = async (claim: (agent: (typeof agents)[number]) => Promise<number | null>): Promise<ClaimStats> => {
    const lat: number[] = [];
    // Warm-up: a few claims per agent (prepared statements on each pooled connection).
    await Promise.all(
      agents.map(async (a) => {
        for (let k = 0; k < 3; k++) {
          const id = await claim(a);
          if (id !== null) await finish(id);
        }
      }),
    );
    const t0 = performance.now();
    const end = t0 + durationMs;
    await Promise.all(
      agents.map(async (a) => {
        for (let k = 0; k < perAgent && performance.now() < end; k++) {
          const t = performance.now();
          const id = await claim(a);
          lat.push(performance.now() - t);
          if (id === null) break;
          if (claimedBy.has(id)) doubles++;
          claimedBy.set(id, a.id);
          await finish(id);
        }
      }),
    );
    return stats(lat, performance.now() - t0);
  };
  const ours = await run(async (a) => (await claimNextCall(a)).taskId);
  const floor = await run(async (a) => {
    const sql = claimSql(a, new Date());
    const r = await pool.query<{ id: string }>(sql.text, sql.values as unknown[]);
    return r.rows[0] ? Number(r.rows[0].id) : null;
  });
  // Never the same task twice: in memory, and in the database every finished task was claimed by the agent who got it.
  const wrong = (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM call_task t WHERE t.campaign_id = $1 AND t.status = 'DONE' AND t.claimed_by_id <> ALL ($2::int[])`,
      [campaign, agents.map((a) => a.id)],
    )
  ).rows[0]!.n;
  if (doubles || wrong) throw new Error(`call claims: ${doubles} tasks claimed twice, ${wrong} finished by someone else`);
  const claims = claimedBy.size;
  await pool.query(`DELETE FROM call_task WHERE campaign_id = $1`, [campaign]);
  return { ours, floor, tasks, claims };
}

// Alone: DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-calls.ts [--quick]
if (import.meta.url === `file://${process.argv[1]}`) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const r = await benchCallClaims(pool, { quick: process.argv.includes("--quick") });
  console.log(`Claim the next call (16 agents at once, ${r.tasks.toLocaleString("en")} queued, ${r.claims} claims, none twice)`);
  console.log(`  ours  p50 ${r.ours.p50} ms  p95 ${r.ours.p95} ms  p99 ${r.ours.p99} ms  ${r.ours.rps}/s`);
  console.log(`  floor p50 ${r.floor.p50} ms  p95 ${r.floor.p95} ms  p99 ${r.floor.p99} ms  ${r.floor.rps}/s`);
  await pool.end();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
}
