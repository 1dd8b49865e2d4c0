// The campaign evaluation's benchmark rows (issue 22): the evaluation page's tiles and the
// comparison of four campaigns read from the rollups (target p95 ≤ 50 ms at 1 M subscribers with a
// year of campaigns), and one pass of the conversion job over the campaigns it evaluates.
// Registered in scripts/bench.ts (`benchCampaignEvaluation`); standalone on any database with
// campaigns (the generator's "campaign history" step makes a year of them):
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-campaign-evaluation.ts [runs]
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";

export interface BenchStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}
export interface CampaignBenchContext {
  pool: pg.Pool;
  manager: Actor;
  quick: boolean;
  measure: (fn: (i: number) => Promise<unknown>, o: { concurrency: number; iterations: number; durationMs: number; warmup?: number }) => Promise<BenchStats>;
  add: (what: string, how: string, ours: BenchStats, floor: BenchStats, floorHow: string, target: string, met: boolean | null) => void;
}

export async function benchCampaignEvaluation({ pool, manager, quick, measure, add }: CampaignBenchContext): Promise<void> {
  const { getCampaignEvaluation, compareCampaignEvaluations } = await import("@/lib/campaigns/evaluation-queries");
  const { refreshCampaignConversions } = await import("@/lib/campaigns/conversions");
  const ids = (await pool.query<{ id: number }>(`SELECT id FROM campaign WHERE launched_at IS NOT NULL ORDER BY id`)).rows.map((r) => r.id);
  if (!ids.length) {
    console.log("  (no launched campaign: the generator's campaign history step makes them)");
    return;
  }
  const members = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign_member`)).rows[0]!.n;
  const few = { concurrency: 4, iterations: quick ? 40 : 800, durationMs: quick ? 1000 : 6000, warmup: 8 };
  const floor = await measure((i) => pool.query(`SELECT * FROM campaign_rollup WHERE campaign_id = $1`, [ids[i % ids.length]]), few);
  const tiles = await measure((i) => getCampaignEvaluation(manager, ids[i % ids.length]!), few);
  add(
    `Campaign evaluation tiles (${ids.length} campaigns, ${(members / 1e6).toFixed(2)} M members)`,
    "getCampaignEvaluation, 4 concurrent",
    tiles,
    floor,
    "one campaign_rollup SELECT",
    "p95 ≤ 50 ms",
    tiles.p95 <= 50,
  );
  const four = (i: number) => [0, 1, 2, 3].map((k) => ids[(i + k * 5) % ids.length]!);
  const compare = await measure((i) => compareCampaignEvaluations(manager, [...new Set(four(i))]), few);
  add(
    "Campaign comparison, 4 campaigns",
    "compareCampaignEvaluations, 4 concurrent",
    compare,
    floor,
    "one campaign_rollup SELECT",
    "p95 ≤ 50 ms",
    compare.p95 <= 50,
  );
  const pass = await measure(() => refreshCampaignConversions(new Date(), { timeoutMs: 3_600_000 }), {
    concurrency: 1,
    iterations: 1,
    durationMs: 3_600_000,
    warmup: 0,
  });
  add(
    "Campaign conversion pass",
    "refreshCampaignConversions: running + recent campaigns",
    pass,
    floor,
    "one campaign_rollup SELECT",
    "report (every 5 min)",
    null,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { default: pgm } = await import("pg");
  const { performance } = await import("node:perf_hooks");
  const runs = Number(process.argv[2] ?? 200);
  const pool = new pgm.Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const u = (await pool.query(`SELECT id, username, display_name, team_id FROM app_user WHERE username = 'manager1'`)).rows[0];
  const manager: Actor = { id: u.id, username: u.username, name: u.display_name, role: "MANAGER", teamId: u.team_id };
  const measure: CampaignBenchContext["measure"] = async (fn, o) => {
    const lat: number[] = [];
    for (let i = 0; i < Math.min(o.iterations, runs); i++) {
      const t = performance.now();
      await fn(i);
      lat.push(performance.now() - t);
    }
    lat.sort((a, b) => a - b);
    const at = (p: number) => lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)]!;
    return { n: lat.length, p50: at(50), p95: at(95), p99: at(99), rps: 0 };
  };
  await benchCampaignEvaluation({
    pool,
    manager,
    quick: false,
    measure,
    add: (what, how, ours, floor) =>
      console.log(`${what.padEnd(60)} p50 ${ours.p50.toFixed(1)} ms  p95 ${ours.p95.toFixed(1)} ms  (floor p95 ${floor.p95.toFixed(1)} ms)  ${how}`),
  });
  await pool.end();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
}
