import { Prisma } from "@/lib/generated/prisma/client";

// The monthly re-grading as ONE statement (lib/membership/grading.ts runs it in the app; the demo
// seed and the generator run it on their own connection). No I/O here.

/** Lowest first, as lib/membership/schemas.ts MEMBER_GRADES: rank = index − 1 in SQL. */
const RANKS = Prisma.sql`ARRAY['STANDARD','SILVER','GOLD','DIAMOND']`;

export type GradingRow = { customers: number; reasons: Record<string, number> | null; grades: Record<string, number> | null };

/**
 * The re-grading statement of the month starting `month` (YYYY-MM-01) — exported for the demo seed
 * and the generator, which run it on their own connection. Returns one row: customers graded, the
 * changes by reason, the grades' counts.
 */
/** A month's index (year × 12 + month) of 'YYYY-MM-DD'. */
function monthIndex(day: string): number {
  const [y, m] = day.split("-").map(Number);
  return y * 12 + m;
}

export function gradingSql(month: string, graceMonths: number, now: Date): Prisma.Sql {
  return Prisma.sql`
    WITH ladder AS (
      SELECT max(min_spend_12m) FILTER (WHERE grade = 'SILVER') AS s_s, max(min_tenure_months) FILTER (WHERE grade = 'SILVER') AS s_t,
             max(min_spend_12m) FILTER (WHERE grade = 'GOLD') AS g_s, max(min_tenure_months) FILTER (WHERE grade = 'GOLD') AS g_t,
             max(min_spend_12m) FILTER (WHERE grade = 'DIAMOND') AS d_s, max(min_tenure_months) FILTER (WHERE grade = 'DIAMOND') AS d_t
      FROM member_grade_def),
    spend AS (
      SELECT customer_id, sum(total_charge) AS spend FROM bill
      WHERE month >= (${month}::date - interval '12 months')::date AND month < ${month}::date
      GROUP BY customer_id),
    calc AS (
      SELECT c.id AS customer_id, COALESCE(sp.spend, 0) AS spend, c.status = 'CHURNED' AS churned,
             -- Whole months from joined_at to the 1st of the month (as age() counts them), in integer arithmetic.
             GREATEST(0, ${monthIndex(month)}::int - (date_part('year', c.joined_at) * 12 + date_part('month', c.joined_at))::int
                         - (date_part('day', c.joined_at) > 1)::int) AS tenure
      FROM customer c LEFT JOIN spend sp ON sp.customer_id = c.id),
    graded AS (
      SELECT k.customer_id, k.spend, k.churned,
             CASE WHEN k.churned THEN 0
                  WHEN k.spend >= l.d_s AND k.tenure >= l.d_t THEN 3
                  WHEN k.spend >= l.g_s AND k.tenure >= l.g_t THEN 2
                  WHEN k.spend >= l.s_s AND k.tenure >= l.s_t THEN 1
                  ELSE 0 END AS computed
      FROM calc k CROSS JOIN ladder l),
    dec AS (
      SELECT g.customer_id, g.spend, g.computed, o.old, m.since, m.grace_until,
             CASE WHEN m.customer_id IS NULL THEN 'JOINED'
                  WHEN g.computed > o.old THEN 'UPGRADE'
                  WHEN g.computed = o.old AND m.grace_until IS NOT NULL THEN 'GRACE_CLEARED'
                  WHEN g.computed = o.old THEN NULL
                  WHEN g.churned OR ${graceMonths}::int = 0 OR (m.grace_until IS NOT NULL AND ${month}::date >= m.grace_until) THEN 'DOWNGRADE'
                  WHEN m.grace_until IS NULL THEN 'GRACE_STARTED'
             END AS reason
      FROM graded g
      LEFT JOIN customer_membership m ON m.customer_id = g.customer_id
      CROSS JOIN LATERAL (SELECT array_position(${RANKS}, m.grade::text) - 1 AS old) o
      WHERE m.customer_id IS NULL OR m.graded_month <= ${month}::date),
    next AS (
      SELECT d.*, d.old IS NOT NULL AS existed, CASE WHEN d.reason IN ('JOINED', 'UPGRADE', 'DOWNGRADE') THEN d.computed ELSE d.old END AS grade,
             CASE WHEN d.reason IN ('JOINED', 'UPGRADE', 'DOWNGRADE') THEN ${month}::date ELSE d.since END AS since_new,
             CASE WHEN d.reason = 'GRACE_STARTED' THEN (${month}::date + make_interval(months => ${graceMonths}::int))::date
                  WHEN d.reason IS NULL THEN d.grace_until END AS grace_new
      FROM dec d),
    -- Members already graded: one UPDATE … FROM (a hash join, and HOT updates on the half-empty
    -- pages of fillfactor 50 when the grade stays); new customers: one INSERT. A customer who
    -- appeared since the statement's snapshot is graded next time.
    upd AS (
      UPDATE customer_membership m
      SET grade = (${RANKS})[n.grade + 1]::"MemberGrade", since = n.since_new, computed_grade = (${RANKS})[n.computed + 1]::"MemberGrade",
          grace_until = n.grace_new, spend_12m = n.spend, graded_month = ${month}::date, updated_at = ${now}::timestamptz
      FROM next n
      WHERE n.existed AND m.customer_id = n.customer_id
      RETURNING m.grade),
    ins AS (
      INSERT INTO customer_membership (customer_id, grade, since, computed_grade, grace_until, spend_12m, graded_month, updated_at)
      SELECT customer_id, (${RANKS})[grade + 1]::"MemberGrade", since_new, (${RANKS})[computed + 1]::"MemberGrade", grace_new, spend, ${month}::date, ${now}::timestamptz
      FROM next WHERE NOT existed
      ON CONFLICT (customer_id) DO NOTHING
      RETURNING grade),
    up AS (SELECT grade FROM upd UNION ALL SELECT grade FROM ins),
    ch AS (
      INSERT INTO member_grade_change (customer_id, from_grade, to_grade, reason, at)
      SELECT customer_id, (${RANKS})[old + 1]::"MemberGrade",
             (${RANKS})[CASE WHEN reason = 'GRACE_STARTED' THEN computed ELSE grade END + 1]::"MemberGrade", reason::"GradeChangeReason", ${now}::timestamptz
      FROM next WHERE reason IS NOT NULL
      RETURNING reason)
    SELECT (SELECT count(*)::int FROM up) AS customers,
           (SELECT json_object_agg(reason, n) FROM (SELECT reason::text, count(*)::int AS n FROM ch GROUP BY 1) x) AS reasons,
           (SELECT json_object_agg(grade, n) FROM (SELECT grade::text, count(*)::int AS n FROM up GROUP BY 1) y) AS grades`;
}
