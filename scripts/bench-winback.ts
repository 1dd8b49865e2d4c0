// Win-back's benchmark rows (issue 23): the value page's retention rates per owner and per offer
// over 90 and 365 days (set-based over the finished win-backs: target p95 ≤ 50 ms at 1 M
// subscribers, where the generator's "win-back history" step makes ≈ 30 k win-backs), and one
// "Assign win-back" of a page of 25 customers (the retention list's action; the tasks it makes are
// removed afterwards). Registered in scripts/bench.ts (`benchWinBack`).
import type { Actor } from "@/lib/auth/actor";
import type { CampaignBenchContext } from "./bench-campaign-evaluation";

export type WinBackBenchContext = Omit<CampaignBenchContext, "manager"> & { manager: Actor };

const NOTE = "bench win-back";

export async function benchWinBack({ pool, manager, quick, measure, add }: WinBackBenchContext): Promise<void> {
  const { getRetentionRates } = await import("@/lib/retention/winback-queries");
  const { assignWinBack, shanghaiDay } = await import("@/lib/retention/winback-commands");
  const done = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM care_task WHERE kind = 'WIN_BACK' AND status = 'DONE'`)).rows[0]!.n;
  if (!done) {
    console.log("  (no finished win-back: the generator's win-back history step makes them)");
    return;
  }
  const now = new Date();
  const day = (k: number) => shanghaiDay(new Date(now.getTime() - k * 86_400_000));
  const few = { concurrency: 4, iterations: quick ? 40 : 800, durationMs: quick ? 1000 : 6000, warmup: 8 };
  const floor = await measure(
    () => pool.query(`SELECT count(*) FROM care_task WHERE kind = 'WIN_BACK' AND status = 'DONE' AND done_at >= now() - interval '90 days'`),
    few,
  );
  for (const days of [90, 365]) {
    const ours = await measure(() => getRetentionRates(manager, { from: day(days - 1), to: day(0) }), few);
    add(
      `Win-back retention rates, ${days} days (${done.toLocaleString("en")} finished win-backs)`,
      "getRetentionRates: per owner, per offer and in total (grouping sets), 4 concurrent",
      ours,
      floor,
      "count of the finished win-backs of 90 days",
      "p95 ≤ 50 ms",
      ours.p95 <= 50,
    );
  }
  // Assign: 25 active customers without an open win-back per call, to agents in turn.
  const agents = (
    await pool.query<{ id: number }>(`SELECT id FROM app_user WHERE role = 'AGENT' AND is_active AND team_id IS NOT NULL ORDER BY id LIMIT 20`)
  ).rows.map((r) => r.id);
  const runs = quick ? 8 : 40;
  const pages = (
    await pool.query<{ ids: number[] }>(
      `SELECT array_agg(id ORDER BY id) AS ids FROM (
         SELECT c.id, (row_number() OVER (ORDER BY c.id) - 1) / 25 AS page FROM customer c
         WHERE c.status = 'ACTIVE' AND c.id % 7 = 5
           AND NOT EXISTS (SELECT 1 FROM care_task t WHERE t.customer_id = c.id AND t.kind = 'WIN_BACK' AND t.status = 'OPEN')
         ORDER BY c.id LIMIT ${runs * 25}) x GROUP BY page ORDER BY page`,
    )
  ).rows.map((r) => r.ids);
  if (!agents.length || pages.length < runs) return;
  const idFloor = await measure((i) => pool.query(`SELECT id, status FROM customer WHERE id = ANY($1::int[])`, [pages[i % pages.length]]), {
    concurrency: 1,
    iterations: runs,
    durationMs: 60_000,
    warmup: 2,
  });
  try {
    const assign = await measure((i) => assignWinBack(manager, { ownerId: agents[i % agents.length]!, dueOn: day(-1), note: NOTE, customerIds: pages[i]! }), {
      concurrency: 1,
      iterations: runs,
      durationMs: 60_000,
      warmup: 0,
    });
    add(
      "Assign win-back, 25 customers",
      "assignWinBack: owner check, reasons, one INSERT … SELECT with the next-best offer, audit",
      assign,
      idFloor,
      "the 25 customers read by id",
      "p95 ≤ 200 ms",
      assign.p95 <= 200,
    );
  } finally {
    await pool.query(`DELETE FROM care_task WHERE kind = 'WIN_BACK' AND note = $1`, [NOTE]);
  }
}
