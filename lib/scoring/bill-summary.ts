import "server-only";
import { allowLongStatements, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { refMonthIndexSql } from "@/lib/churn/features";

// customer_bill_summary: each customer's bill features relative to their reference month (the
// last complete month, or the churn month for churners; lib/churn/features.ts). The bills are
// the biggest table (≈ 15 per customer a year) and change only when bills are loaded, so the
// pass over them is made once per bill load or month instead of on every rescoring:
//   - any statement that changes `bill` bumps bill_change_seq (a trigger); when it has moved
//     since the summary was built, the summary is rebuilt from scratch (one pass over bills);
//   - otherwise only customers whose reference month moved (the month rolled over, a customer
//     churned) or who have no summary row yet (new customers) are recomputed — an index read
//     of their bills.
// Features (k = months before the reference month; see lib/churn/features.ts for their use):
//   spend_3m / spend_prev   total charges in k 0–2 / 3–5        data_3m / data_prev   MB, same windows
//   overdue_6m              bills not paid on time, k 0–5       bills_12m / on_time_12m   k 0–11
//   spend_12m               charges k 0–11                       roaming_days_3m          k 0–2
//   last_bill_month         latest billed month at or before the reference month
//   max_k                   the oldest bill's k (months "with us")   billed_3m   any bill in k 0–2

const STAMP_KEY = "scoring.billSummary";

/**
 * Transaction options for work over the whole base. A rebuild of the summary reads every bill: at
 * 10 M customers (151.6 M bills) ≈ 9.5 min on the reference machine and over 16 min on a slower one,
 * where a 15-minute limit cut churn training off. The limit only guards against a hung run.
 */
export const WHOLE_BASE_TX = { timeout: 3_600_000, maxWait: 30_000 };

export interface BillSummaryStats {
  rebuilt: boolean;
  recomputed: number;
}

/** Brings customer_bill_summary up to date for `now` (run inside the scoring transaction). */
export async function ensureBillSummary(tx: Tx, now: Date): Promise<BillSummaryStats> {
  // A rebuild reads every bill (minutes at millions of customers).
  await allowLongStatements(tx, "wholeBase");
  // One builder at a time (training and rescoring may overlap); the second sees the first's work.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('customer_bill_summary'))`;
  const [{ seq }] = await tx.$queryRaw<Array<{ seq: string }>>`SELECT (last_value + (CASE WHEN is_called THEN 0 ELSE -1 END))::text AS seq FROM bill_change_seq`;
  const stamp = await tx.appSetting.findUnique({ where: { key: STAMP_KEY } });
  const rebuilt = (stamp?.value as { seq?: string } | null)?.seq !== seq;
  // The app role may not TRUNCATE: the owner's crm_truncate_bill_summary() does (migration 20261207020000000).
  if (rebuilt) await tx.$executeRaw`SELECT crm_truncate_bill_summary()`;
  const ref = refMonthIndexSql(now);
  // Customers to (re)compute: all of them after a truncate, else the ones whose month moved.
  const todo = rebuilt
    ? Prisma.sql`SELECT c.id AS customer_id, ${ref} AS ref_mi FROM customer c`
    : Prisma.sql`SELECT c.id AS customer_id, ${ref} AS ref_mi FROM customer c LEFT JOIN customer_bill_summary s ON s.customer_id = c.id
                 WHERE s.customer_id IS NULL OR s.ref_mi <> ${ref}`;
  // Merge joins and grouped aggregates over the customer_id indexes (see lib/scoring/pipeline.ts);
  // the rows come out in customer order, so the summary's heap is in that order too.
  await tx.$executeRaw`SET LOCAL enable_hashagg = off`;
  await tx.$executeRaw`SET LOCAL enable_hashjoin = off`;
  const recomputed = await tx.$executeRaw`
    WITH todo AS MATERIALIZED (${todo}),
    bk AS (
      SELECT t.customer_id, t.ref_mi, bl.month,
        t.ref_mi - (date_part('year', bl.month)::int * 12 + date_part('month', bl.month)::int) AS k,
        bl.total_charge::float8 AS total, bl.data_mb::float8 AS data_mb, bl.paid_on_time, bl.roaming_days
      FROM todo t LEFT JOIN bill bl ON bl.customer_id = t.customer_id
    )
    INSERT INTO customer_bill_summary (customer_id, ref_mi, spend_3m, spend_prev, data_3m, data_prev, overdue_6m, bills_12m, on_time_12m,
      spend_12m, roaming_days_3m, last_bill_month, max_k, billed_3m)
    SELECT customer_id, min(ref_mi),
      sum(total) FILTER (WHERE k BETWEEN 0 AND 2),
      sum(total) FILTER (WHERE k BETWEEN 3 AND 5),
      sum(data_mb) FILTER (WHERE k BETWEEN 0 AND 2),
      sum(data_mb) FILTER (WHERE k BETWEEN 3 AND 5),
      count(*) FILTER (WHERE NOT paid_on_time AND k BETWEEN 0 AND 5)::int,
      count(*) FILTER (WHERE k BETWEEN 0 AND 11)::int,
      count(*) FILTER (WHERE paid_on_time AND k BETWEEN 0 AND 11)::int,
      sum(total) FILTER (WHERE k BETWEEN 0 AND 11),
      sum(roaming_days) FILTER (WHERE k BETWEEN 0 AND 2)::int,
      max(month) FILTER (WHERE k >= 0),
      max(k),
      bool_or(k BETWEEN 0 AND 2)
    FROM bk GROUP BY customer_id ORDER BY customer_id
    ON CONFLICT (customer_id) DO UPDATE SET ref_mi = EXCLUDED.ref_mi, spend_3m = EXCLUDED.spend_3m, spend_prev = EXCLUDED.spend_prev,
      data_3m = EXCLUDED.data_3m, data_prev = EXCLUDED.data_prev, overdue_6m = EXCLUDED.overdue_6m, bills_12m = EXCLUDED.bills_12m,
      on_time_12m = EXCLUDED.on_time_12m, spend_12m = EXCLUDED.spend_12m, roaming_days_3m = EXCLUDED.roaming_days_3m,
      last_bill_month = EXCLUDED.last_bill_month, max_k = EXCLUDED.max_k, billed_3m = EXCLUDED.billed_3m`;
  await tx.$executeRaw`RESET enable_hashagg`;
  await tx.$executeRaw`RESET enable_hashjoin`;
  if (rebuilt) {
    await tx.appSetting.upsert({
      where: { key: STAMP_KEY },
      create: { key: STAMP_KEY, value: { seq } },
      update: { value: { seq } },
    });
  }
  return { rebuilt, recomputed };
}
