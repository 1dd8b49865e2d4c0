import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { complaintSignalsSql, surveySignalsSql } from "@/lib/churn/signals";
import { CHURN_FEATURE_ORDER } from "@/lib/churn/factors";

// Customer features as of a reference date, in SQL (set-based, one pass per table).
//
// Reference date: for a churned customer the day they left (what we knew just before), for
// everyone else `now`. The reference month (ref_mi = year·12 + month) is the last complete billing month before it (the
// churn month itself for churners). Training uses churned vs stayed rows; scoring uses the
// non-churned rows with the same definitions, so the model sees the same thing in both.
//
// Churn features (model order, see CHURN_FEATURES):
//   tenure_months        months since joining, at the reference date
//   arpu_trend           mean monthly spend of the last 3 billed months ÷ the 3 before − 1 (0 when unknown)
//   usage_change         the same ratio for data volume (MB): −0.4 = usage down 40 %
//   complaints_90d       complaints opened in the 90 days before the reference date (the complaint
//                        table, lib/churn/signals.ts: the one place the complaint and survey signals are read)
//   unresolved_90d       of those, the ones not resolved by the reference date
//   contract_end_60d     1 when a line's contract ends within 60 days after the reference date
//   overdue_bills_6m     bills not paid on time in the last 6 billed months
//   low_credit           1 for credit class C or D
//   old_plan             1 when a line is on a plan in DECLINE or RETIRED
//   serious_complaints_90d  complaints of the 90 days graded COMPLEX or MAJOR
//   reopened_365d        complaints of the year reopened (not satisfied at the return visit)
//   breached_365d        complaints of the year whose SLA clock was breached
//   detractors_365d      survey answers of the year from a detractor (NPS 0–6, CSAT 1–2, CSI < 50)

export const CHURN_FEATURES = CHURN_FEATURE_ORDER;
export type ChurnFeature = (typeof CHURN_FEATURES)[number];

/** The model features of an `f` row as float8 expressions (same order as CHURN_FEATURES). */
export const FEATURE_COLUMNS: Prisma.Sql[] = CHURN_FEATURES.map((name) => Prisma.sql`f.${Prisma.raw(name)}::float8`);

/** SQL array of the model features for an `f` row (same order as CHURN_FEATURES). */
export const FEATURE_VECTOR = Prisma.sql`ARRAY[${Prisma.join(FEATURE_COLUMNS)}]`;

/** The reference month of customer row `c` (year·12 + month; see the header). */
export function refMonthIndexSql(now: Date): Prisma.Sql {
  // The last complete month in Asia/Shanghai, as a month index (year·12 + month).
  const sh = new Date(now.getTime() + 8 * 3600_000);
  const lastMonth = new Date(Date.UTC(sh.getUTCFullYear(), sh.getUTCMonth() - 1, 1));
  const lastMonthIndex = lastMonth.getUTCFullYear() * 12 + lastMonth.getUTCMonth() + 1;
  return Prisma.sql`(CASE WHEN c.status = 'CHURNED' AND c.churned_at IS NOT NULL
    THEN date_part('year', c.churned_at)::int * 12 + date_part('month', c.churned_at)::int ELSE ${lastMonthIndex}::int END)`;
}

/**
 * A CTE list ending in `f` (one row per customer) with every feature the scoring needs.
 * Use as: WITH ${featureCtes(now)} SELECT … FROM f. `ids` limits it to customers lo ≤ id ≤ hi
 * (the bound is repeated on every table, so each index scan reads only that range).
 */
export function featureCtes(now: Date, ids?: { lo: number; hi: number }): Prisma.Sql {
  const lo = ids?.lo ?? 0;
  const hi = ids?.hi ?? 2_147_483_647;
  const range = (col: string) => Prisma.sql`${Prisma.raw(col)} BETWEEN ${lo}::int AND ${hi}::int`;
  const refAt = Prisma.sql`(CASE WHEN c.status = 'CHURNED' AND c.churned_at IS NOT NULL THEN c.churned_at::timestamptz ELSE ${now}::timestamptz END)`;
  return Prisma.sql`
  -- Each customer's reference moments, computed once per customer (OFFSET 0: otherwise the
  -- planner inlines the CASE into the joins and evaluates it, and the timestamp arithmetic, per
  -- contact and per line — 1.5 CPU-seconds at 1 M). Windows are in hours: '90 days' on a
  -- timestamptz goes through the session's calendar for every row; 90 × 24 h is the same span in
  -- UTC and Asia/Shanghai (no daylight saving) and is plain arithmetic.
  ref AS NOT MATERIALIZED (
    SELECT c.id AS customer_id, c.status, c.joined_at, c.churned_at,
           (c.status = 'CHURNED') AS is_churned,
           ${refAt} AS ref_at, (${refAt})::date AS ref_date,
           ${refAt} - interval '2160 hours' AS from_90d, ${refAt} - interval '8760 hours' AS from_365d
    FROM customer c WHERE ${range("c.id")}
    ORDER BY c.id -- the joins below merge in customer order: an index scan, never a sort
    OFFSET 0
  ),
  -- Bill features come from customer_bill_summary (lib/scoring/bill-summary.ts: one pass over the
  -- bills per bill load or month; callers run ensureBillSummary first). Months "with us" in a
  -- window come from the oldest bill (max k), so multi-line customers need no DISTINCT.
  bw AS (
    SELECT b.*,
      CASE WHEN billed_3m THEN LEAST(3, max_k + 1) ELSE 0 END AS months_3m,
      CASE WHEN billed_3m THEN GREATEST(0, LEAST(3, max_k + 1 - 3)) ELSE 0 END AS months_prev,
      CASE WHEN billed_3m THEN LEAST(12, max_k + 1) ELSE 0 END AS months_12m
    FROM customer_bill_summary b WHERE ${range("b.customer_id")}
  ),
  -- One pass over the interactions of the year before the reference date: contacts (recency and
  -- frequency). Complaints and survey answers come from their own tables (lib/churn/signals.ts).
  ix AS (
    SELECT r.customer_id, count(*) AS contacts_365d, max(i.occurred_at) AS last_contact_at
    FROM ref r JOIN interaction i ON i.customer_id = r.customer_id
    WHERE i.occurred_at > r.from_365d AND i.occurred_at <= r.ref_at AND ${range("i.customer_id")}
    GROUP BY r.customer_id
  ),
  cx AS (${complaintSignalsSql(range)}),
  sx AS (${surveySignalsSql(range)}),
  ln AS (
    SELECT r.customer_id,
      bool_or(l.contract_end_date >= r.ref_date AND l.contract_end_date <= r.ref_date + 60) AS contract_end_60d,
      min(l.contract_end_date - r.ref_date) FILTER (WHERE l.contract_end_date >= r.ref_date) AS days_to_contract_end,
      bool_or(p.lifecycle IN ('DECLINE', 'RETIRED')) AS old_plan,
      bool_or(p.class = 'BROADBAND') AS has_broadband,
      count(*) AS n_lines,
      sum(p.data_quota_mb) FILTER (WHERE p.class = 'MOBILE')::float8 AS quota_mb
    FROM ref r JOIN line l ON l.customer_id = r.customer_id JOIN plan p ON p.id = l.plan_id
    WHERE ${range("l.customer_id")}
    GROUP BY r.customer_id
  ),
  ac AS (
    SELECT a.customer_id, bool_or(a.credit_class IN ('C', 'D')) AS low_credit
    FROM account a WHERE ${range("a.customer_id")} GROUP BY a.customer_id
  ),
  f AS (
    SELECT r.customer_id, r.status, r.is_churned, r.churned_at, r.ref_at,
      GREATEST(0, floor(date_part('epoch', r.ref_at - r.joined_at::timestamptz) / (86400 * 30.4::float8)))::int AS tenure_months,
      COALESCE(b.spend_3m / NULLIF(b.months_3m, 0), 0) AS arpu,
      CASE WHEN COALESCE(b.months_prev, 0) > 0 AND b.spend_prev > 0 AND b.months_3m > 0
           THEN LEAST(2, (b.spend_3m / b.months_3m) / (b.spend_prev / b.months_prev) - 1) ELSE 0 END AS arpu_trend,
      CASE WHEN COALESCE(b.months_prev, 0) > 0 AND b.data_prev > 0 AND b.months_3m > 0
           THEN LEAST(2, (b.data_3m / b.months_3m) / (b.data_prev / b.months_prev) - 1) ELSE 0 END AS usage_change,
      COALESCE(b.data_3m / NULLIF(b.months_3m, 0), 0) AS data_mb_month,
      COALESCE(b.roaming_days_3m, 0)::int AS roaming_days_3m,
      COALESCE(cx.complaints_90d, 0)::int AS complaints_90d,
      COALESCE(cx.complaints_365d, 0)::int AS complaints_365d,
      COALESCE(cx.unresolved_90d, 0)::int AS unresolved_90d,
      COALESCE(cx.serious_complaints_90d, 0)::int AS serious_complaints_90d,
      COALESCE(cx.reopened_365d, 0)::int AS reopened_365d,
      COALESCE(cx.breached_365d, 0)::int AS breached_365d,
      COALESCE(cx.complaint_penalty_365d, 0)::int AS complaint_penalty_365d,
      COALESCE(sx.detractors_365d, 0)::int AS detractors_365d,
      COALESCE(sx.survey_answers_365d, 0)::int AS survey_answers_365d,
      sx.survey_mean_365d::float8 AS survey_mean_365d,
      COALESCE(ln.contract_end_60d, false)::int AS contract_end_60d,
      ln.days_to_contract_end,
      COALESCE(b.overdue_6m, 0)::int AS overdue_bills_6m,
      COALESCE(ac.low_credit, false)::int AS low_credit,
      COALESCE(ln.old_plan, false)::int AS old_plan,
      COALESCE(ln.has_broadband, false) AS has_broadband,
      COALESCE(ln.n_lines, 0)::int AS n_lines,
      COALESCE(ln.quota_mb, 0) AS quota_mb,
      COALESCE(b.bills_12m, 0)::int AS bills_12m,
      COALESCE(b.on_time_12m, 0)::int AS on_time_12m,
      COALESCE(b.spend_12m, 0) AS spend_12m,
      COALESCE(b.months_12m, 0)::int AS months_12m,
      COALESCE(ix.contacts_365d, 0)::int AS contacts_365d,
      GREATEST(0, (r.ref_date - GREATEST(
        COALESCE((b.last_bill_month + interval '1 month' - interval '1 day')::date, r.joined_at),
        COALESCE(ix.last_contact_at::date, r.joined_at))))::int AS recency_days
    FROM ref r
    LEFT JOIN bw b ON b.customer_id = r.customer_id
    LEFT JOIN ix ON ix.customer_id = r.customer_id
    LEFT JOIN cx ON cx.customer_id = r.customer_id
    LEFT JOIN sx ON sx.customer_id = r.customer_id
    LEFT JOIN ln ON ln.customer_id = r.customer_id
    LEFT JOIN ac ON ac.customer_id = r.customer_id
  )`;
}
