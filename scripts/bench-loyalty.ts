// The loyalty bench rows (issue 23): "the earning job over a month's bills ≤ 5× one scan of the
// month's bills at 1 M subscribers"; a redemption at 16 concurrent; the 360 points panel.
// The earning is timed on the newest bill month (the generator leaves it unearned) inside a
// transaction that is rolled back, so the bench can run again; its floor is
// SELECT sum(total_charge) FROM bill WHERE month = … through pg (the best of three).
import { performance } from "node:perf_hooks";
import type pg from "pg";

export interface LoyaltyEarnBench {
  month: string;
  customers: number;
  points: number;
  jobMs: number;
  scanMs: number;
}

class Rollback extends Error {}

export async function benchLoyaltyEarning(pool: pg.Pool): Promise<LoyaltyEarnBench | null> {
  const { db, allowLongStatements } = await import("@/lib/db");
  const { earnPointsForMonth } = await import("@/lib/loyalty/jobs-commands");
  const latest = (await pool.query<{ m: string | null }>(`SELECT to_char(max(month), 'YYYY-MM') AS m FROM bill`)).rows[0]?.m;
  if (!latest) return null;
  let scanMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await pool.query(`SELECT sum(total_charge) FROM bill WHERE month = $1::date`, [`${latest}-01`]);
    scanMs = Math.min(scanMs, performance.now() - t0);
  }
  let stats = { customers: 0, points: 0 };
  let jobMs = 0;
  try {
    await db.$transaction(
      async (tx) => {
        await allowLongStatements(tx, "wholeBase");
        const t0 = performance.now();
        const s = await earnPointsForMonth(tx, latest);
        jobMs = performance.now() - t0;
        stats = { customers: s.customers, points: s.points };
        throw new Rollback();
      },
      { timeout: 3_600_000, maxWait: 30_000 },
    );
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return { month: latest, ...stats, jobMs, scanMs };
}

/** Customers with points (the generator's earning) for the redemption and panel rows. */
export async function customersWithPoints(pool: pg.Pool, n: number, min: number): Promise<number[]> {
  const r = await pool.query<{ customer_id: number }>(`SELECT customer_id FROM points_account WHERE balance >= $1 ORDER BY customer_id LIMIT $2`, [min, n]);
  return r.rows.map((x) => x.customer_id);
}
