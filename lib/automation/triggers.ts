import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AutomationTriggerName, RuleConditions } from "@/lib/automation/schemas";
import { BILL_DUE_DAY } from "@/lib/automation/dates";

// Triggers as set-based SQL (issue 22). Each trigger turns a set of calendar days (Asia/Shanghai) into
// the rows (day, customer_id, event_key) of the events that happened on those days: one day for a
// pass of the job (or the few days since the previous pass), thirty for a simulation, in one
// statement either way. The event key makes a firing idempotent (automation_firing's unique key):
// the same contract end date, birthday year or complaint never fires a rule twice for a customer.
// The date maths is specified (and unit-tested) in lib/automation/dates.ts.
//
// `days` is a relation with one `day date` column, joined as `dd`. Adding a trigger (the care rules
// of the next issue) is one entry here and one in TRIGGER_DEFS (lib/automation/schemas.ts).

type TriggerSql = (days: Prisma.Sql, param: number) => Prisma.Sql;

const SH = Prisma.sql`'Asia/Shanghai'`;

export const TRIGGER_SQL: Record<AutomationTriggerName, TriggerSql> = {
  // A line's contract ends N days after the day; key: the end date. Active lines only.
  CONTRACT_ENDING: (days, n) => Prisma.sql`
    SELECT dd.day, l.customer_id, to_char(l.contract_end_date, 'YYYY-MM-DD') AS event_key
    FROM (${days}) dd JOIN line l ON l.contract_end_date = dd.day + ${n}::int
    WHERE l.status = 'ACTIVE'`,

  // Birth month and day are the day's; 29 February birthdays fall on 28 February in common years
  // (28 February is followed by 1 March). Key: the year. The days become their "MMDD" (two for a
  // common year's 28 February) so the customers are hash-joined once, whatever the number of days.
  BIRTHDAY: (days) => Prisma.sql`
    SELECT md.day, c.id AS customer_id, to_char(md.day, 'YYYY') AS event_key
    FROM (
      SELECT dd.day, to_char(dd.day, 'MMDD') AS mmdd FROM (${days}) dd
      UNION ALL
      SELECT dd.day, '0229' FROM (${days}) dd WHERE to_char(dd.day, 'MMDD') = '0228' AND to_char(dd.day + 1, 'MMDD') = '0301'
    ) md
    JOIN customer c ON to_char(c.birth_date, 'MMDD') = md.mmdd
    WHERE c.birth_date IS NOT NULL`,

  // The customer joined N days before the day; key: 'day-N'.
  NEW_SUBSCRIBER: (days, n) => Prisma.sql`
    SELECT dd.day, c.id AS customer_id, ${`day-${n}`}::text AS event_key
    FROM (${days}) dd JOIN customer c ON c.joined_at = dd.day - ${n}::int`,

  // A complaint is CLOSED and its customer answered its survey as a detractor: the event is the later
  // of the two (closing, answer). Key: the complaint id.
  DETRACTOR_CLOSED: (days) => Prisma.sql`
    SELECT dd.day, e.customer_id, e.complaint_id::text AS event_key
    FROM (
      SELECT cp.id AS complaint_id, cp.customer_id, (greatest(cp.closed_at, max(r.answered_at)) AT TIME ZONE ${SH})::date AS day
      FROM complaint cp JOIN survey_response r ON r.complaint_id = cp.id AND r.is_detractor
      WHERE cp.status = 'CLOSED' AND cp.closed_at IS NOT NULL
      GROUP BY cp.id
    ) e JOIN (${days}) dd ON dd.day = e.day`,

  // The churn band is HIGH after the scoring run of the day. customer_score keeps only the current
  // band (no history per customer), so "rose to high" is read as "high in this run": the key is the
  // run id, and a customer still high after the next run fires again (docs/campaigns.md).
  CHURN_HIGH: (days) => Prisma.sql`
    SELECT dd.day, s.customer_id, s.run_id::text AS event_key
    FROM customer_score s JOIN (${days}) dd ON dd.day = (s.computed_at AT TIME ZONE ${SH})::date
    WHERE s.churn_band = 'HIGH'`,

  // Data used in the latest billed month (the day's month, or the month before while its bill is
  // not in yet) is at least N % of the plan's quota on some line with a quota. Key: the bill month.
  // Each bill month is read once, on the first of the days it counts for (one scan of bill).
  DATA_USAGE_HIGH: (days, pct) => Prisma.sql`
    SELECT DISTINCT m.day, b.customer_id, to_char(b.month, 'YYYY-MM') AS event_key
    FROM (
      SELECT x.month, min(x.day) AS day
      FROM (SELECT dd.day, unnest(ARRAY[date_trunc('month', dd.day)::date, (date_trunc('month', dd.day) - interval '1 month')::date]) AS month FROM (${days}) dd) x
      GROUP BY x.month
    ) m
    JOIN bill b ON b.month = m.month
    JOIN line l ON l.id = b.line_id
    JOIN plan p ON p.id = l.plan_id AND p.data_quota_mb > 0
    WHERE b.data_mb * 100 >= p.data_quota_mb::bigint * ${pct}::int`,

  // ── Care (issue 23, docs/care.md "Care rules") ──

  // A festival of care_festival falls N days after the day: every customer (the conditions narrow
  // it). Key: the festival's code and day, 'MID_AUTUMN:2027-09-15'.
  FESTIVAL: (days, n) => Prisma.sql`
    SELECT f.day - ${n}::int AS day, c.id AS customer_id, f.code || ':' || to_char(f.day, 'YYYY-MM-DD') AS event_key
    FROM (SELECT DISTINCT ON (cf.code, cf.day) cf.code, cf.day FROM care_festival cf JOIN (${days}) dd ON cf.day = dd.day + ${n}::int) f
    CROSS JOIN customer c`,

  // A month's bill is due on the BILL_DUE_DAY (20th) of the next month (lib/automation/dates.ts paymentDueDay);
  // N days before that day, the customers with a bill of that month not paid (paid_on_time is set by
  // billing when the payment arrives by the due day). Key: the bill month.
  PAYMENT_DUE: (days, n) => Prisma.sql`
    SELECT DISTINCT m.day, b.customer_id, to_char(m.month, 'YYYY-MM') AS event_key
    FROM (
      SELECT dd.day, (date_trunc('month', dd.day + ${n}::int) - interval '1 month')::date AS month
      FROM (${days}) dd WHERE extract(day FROM dd.day + ${n}::int) = ${BILL_DUE_DAY}
    ) m
    JOIN bill b ON b.month = m.month AND NOT b.paid_on_time`,

  // An account of the customer is in arrears: once a month (key: the day's month).
  ARREARS: (days) => Prisma.sql`
    SELECT DISTINCT dd.day, a.customer_id, to_char(dd.day, 'YYYY-MM') AS event_key
    FROM (${days}) dd CROSS JOIN account a WHERE a.arrears > 0`,

  // A plan change N days before the day (Asia/Shanghai): the after-sales return visit. Key: the change.
  PLAN_CHANGED: (days, n) => Prisma.sql`
    SELECT dd.day, pc.customer_id, pc.id::text AS event_key
    FROM (${days}) dd JOIN plan_change pc
      ON pc.at >= ((dd.day - ${n}::int)::timestamp AT TIME ZONE ${SH}) AND pc.at < ((dd.day - ${n}::int + 1)::timestamp AT TIME ZONE ${SH})`,

  // Special-care customers every N days, staggered by customer id so a team's visits spread evenly
  // over the period: a customer is due on the days where (day number + id) is a multiple of N
  // (day number: days since 2000-01-01). Key: the period, 'period-<(day number + id) / N>'.
  SPECIAL_CARE_VISIT: (days, n) => Prisma.sql`
    SELECT dd.day, c.id AS customer_id, 'period-' || (((dd.day - DATE '2000-01-01') + c.id) / ${n}::int)::text AS event_key
    FROM (${days}) dd JOIN customer c ON c.special_care <> 'NONE' AND ((dd.day - DATE '2000-01-01') + c.id) % ${n}::int = 0`,
};

/**
 * Triggers on a calendar date or a monthly figure are evaluated once a day (the day's first pass);
 * the others (a complaint closed, a scoring run) on every pass, as their events come in the day.
 */
export const ONCE_A_DAY: Record<AutomationTriggerName, boolean> = {
  CONTRACT_ENDING: true,
  BIRTHDAY: true,
  NEW_SUBSCRIBER: true,
  DATA_USAGE_HIGH: true,
  DETRACTOR_CLOSED: false,
  CHURN_HIGH: false,
  FESTIVAL: true,
  PAYMENT_DUE: true,
  ARREARS: true,
  PLAN_CHANGED: true,
  SPECIAL_CARE_VISIT: true,
};

/** The days of a pass: a list of "YYYY-MM-DD". */
export function daysListSql(days: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT unnest(${days as string[]}::date[]) AS day`;
}

/** The days from `from` to `to` inclusive. */
export function daysRangeSql(from: string, to: string): Prisma.Sql {
  return Prisma.sql`SELECT generate_series(${from}::date, ${to}::date, interval '1 day')::date AS day`;
}

/**
 * The rule's conditions over customer `c` with its score `s` (LEFT JOINed): segment membership (as
 * of the segment's last refresh) and value tiers (an unscored customer is STANDARD).
 */
export function conditionsSql(conditions: RuleConditions): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (conditions.segmentId)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = ${conditions.segmentId}::int AND sm.customer_id = c.id)`);
  if (conditions.tiers.length) parts.push(Prisma.sql`COALESCE(s.tier, 'STANDARD')::text = ANY(${conditions.tiers as string[]}::text[])`);
  return Prisma.join(parts, " AND ");
}

/** The trigger's rows for `days`, kept by the conditions: (day, customer_id, event_key, tier). */
export function selectionSql(
  trigger: AutomationTriggerName,
  param: number,
  conditions: RuleConditions,
  days: Prisma.Sql,
  extra: Prisma.Sql = Prisma.sql`TRUE`,
): Prisma.Sql {
  return Prisma.sql`
    SELECT ev.day, ev.customer_id, ev.event_key, COALESCE(s.tier, 'STANDARD')::text AS tier
    FROM (${TRIGGER_SQL[trigger](days, param)}) ev
    JOIN customer c ON c.id = ev.customer_id
    LEFT JOIN customer_score s ON s.customer_id = c.id
    WHERE ${conditionsSql(conditions)} AND ${extra}`;
}
