// The member grading bench row (issue 23, docs/membership.md "Figures"): one monthly re-grading over
// every customer — this month's again, as "Run now" does after the schedule: the whole 12-month bill
// window aggregated, every membership row upserted — timed against its floor, the same window of
// bills aggregated per customer through pg.
//   npm run bench -- --customers N            (a row of the whole bench)
import { performance } from "node:perf_hooks";
import type pg from "pg";

export interface GradingBench {
  period: string;
  customers: number;
  ms: number;
  floorMs: number;
  grades: Record<string, number>;
}

export async function benchGrading(pool: pg.Pool, now = new Date()): Promise<GradingBench> {
  const { gradeMembers, currentPeriod } = await import("@/lib/membership/grading");
  const period = currentPeriod(now);
  const month = `${period}-01`;
  let t0 = performance.now();
  await pool.query(
    `SELECT count(*) FROM (SELECT customer_id, sum(total_charge) FROM bill
      WHERE month >= ($1::date - interval '12 months')::date AND month < $1::date GROUP BY customer_id) x`,
    [month],
  );
  const floorMs = performance.now() - t0;
  t0 = performance.now();
  const r = await gradeMembers(period, now);
  const ms = performance.now() - t0;
  return { period, customers: r.customers, ms, floorMs, grades: r.grades };
}
