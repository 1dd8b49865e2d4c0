import { Prisma } from "@/lib/generated/prisma/client";
import {
  COMPLAINT_BREACHED_PENALTY,
  COMPLAINT_GRADE_PENALTY,
  COMPLAINT_REOPENED_PENALTY,
  COMPLAINT_UNRESOLVED_PENALTY,
  NO_SURVEY_SATISFACTION,
} from "@/lib/scoring/value";

// What the customer told us, in ONE place: the complaint signal and the satisfaction signal read
// by churn features, value scoring and segment rules (decision 031, which supersedes 024's
// "a complaint is a contact marked COMPLAINT_OPENED").
//
// Complaints come from the complaint table: every complaint but a CANCELLED one (withdrawn by the
// customer or a duplicate), counted on the day it was opened; its grade (GENERAL, COMPLEX, MAJOR),
// whether it was reopened (a `reopen` status change) and whether an SLA clock was breached.
// Satisfaction comes from survey answers (survey_response): CSAT 1–5, NPS 0–10 and the CSI index,
// each on 0–100, and detractors (NPS 0–6, CSAT 1–2, CSI below 50; lib/surveys/rules.ts).
//
// The per-customer aggregates below are CTE bodies over a `ref r` CTE of customers with their
// reference moments (lib/churn/features.ts: ref_at, from_90d, from_365d), read in customer-id order
// through covering indexes (migration 20261207104000000_value_truth): complaint
// (customer_id, created_at) INCLUDE (grade, status, resolved_at, breached_at), survey_response
// (customer_id, answered_at) INCLUDE (kind, score, csi_score, is_detractor), and the small partial
// index of reopen status changes. Only what was known at the reference moment counts (a churner's
// complaints after they left, or a breach that happened later, do not).

/** A complaint row `c` that counts (not cancelled). */
const COUNTS = Prisma.sql`c.status <> 'CANCELLED'`;

/** Rows (customer_id, at): one per complaint. */
export const COMPLAINT_EVENTS = Prisma.sql`
  SELECT c.customer_id, c.created_at AS at FROM complaint c WHERE ${COUNTS}`;

/** An answer `s` on 0–100: CSAT (1–5) → 0, 25, … 100; NPS (0–10) × 10; the CSI index as it is. */
export const SURVEY_ANSWER_0_100 = Prisma.sql`(CASE s.kind WHEN 'CSAT' THEN (s.score - 1) * 25.0::float8
  WHEN 'NPS' THEN s.score * 10.0::float8 ELSE s.csi_score END)`;

type Range = (col: string) => Prisma.Sql;

/**
 * Per customer of `ref r`, complaints as of r.ref_at: complaints_90d, serious_complaints_90d
 * (COMPLEX or MAJOR), unresolved_90d (opened in the 90 days and not resolved by the reference
 * moment), and over the year reopened_365d, breached_365d, complaints_365d and complaint_penalty_365d
 * (Σ COMPLAINT_GRADE_PENALTY + the reopened, breached and unresolved points).
 */
export function complaintSignalsSql(range: Range): Prisma.Sql {
  const inYear = Prisma.sql`c.created_at > r.from_365d`;
  const in90 = Prisma.sql`c.created_at > r.from_90d`;
  const open = Prisma.sql`c.status <> 'REJECTED' AND (c.resolved_at IS NULL OR c.resolved_at > r.ref_at)`;
  const breached = Prisma.sql`c.breached_at IS NOT NULL AND c.breached_at <= r.ref_at`;
  const reopened = Prisma.sql`EXISTS (SELECT 1 FROM complaint_status_change h WHERE h.complaint_id = c.id AND h.action = 'reopen' AND h.at <= r.ref_at)`;
  const gradePenalty = Prisma.sql`(CASE c.grade WHEN 'MAJOR' THEN ${COMPLAINT_GRADE_PENALTY.MAJOR}::int WHEN 'COMPLEX' THEN ${COMPLAINT_GRADE_PENALTY.COMPLEX}::int ELSE ${COMPLAINT_GRADE_PENALTY.GENERAL}::int END)`;
  return Prisma.sql`
    SELECT r.customer_id,
      count(*) FILTER (WHERE ${in90}) AS complaints_90d,
      count(*) FILTER (WHERE ${in90} AND c.grade <> 'GENERAL') AS serious_complaints_90d,
      count(*) FILTER (WHERE ${in90} AND ${open}) AS unresolved_90d,
      count(*) FILTER (WHERE x.reopened) AS reopened_365d,
      count(*) FILTER (WHERE ${breached}) AS breached_365d,
      count(*) AS complaints_365d,
      sum(${gradePenalty} + ${COMPLAINT_REOPENED_PENALTY}::int * x.reopened::int + ${COMPLAINT_BREACHED_PENALTY}::int * (${breached})::int
          + ${COMPLAINT_UNRESOLVED_PENALTY}::int * (${open})::int) AS complaint_penalty_365d
    FROM ref r JOIN complaint c ON c.customer_id = r.customer_id
    -- OFFSET 0: the probe of the (small) reopen index runs once per complaint, not once per use.
    CROSS JOIN LATERAL (SELECT ${reopened} AS reopened OFFSET 0) x
    WHERE ${inYear} AND c.created_at <= r.ref_at AND ${COUNTS} AND ${range("c.customer_id")}
    GROUP BY r.customer_id`;
}

/**
 * Per customer of `ref r`, survey answers of the year before r.ref_at: survey_answers_365d,
 * survey_mean_365d (mean answer on 0–100; null without answers) and detractors_365d.
 */
export function surveySignalsSql(range: Range): Prisma.Sql {
  return Prisma.sql`
    SELECT r.customer_id,
      count(${SURVEY_ANSWER_0_100}) AS survey_answers_365d,
      avg(${SURVEY_ANSWER_0_100}) AS survey_mean_365d,
      count(*) FILTER (WHERE s.is_detractor) AS detractors_365d
    FROM ref r JOIN survey_response s ON s.customer_id = r.customer_id
    WHERE s.answered_at > r.from_365d AND s.answered_at <= r.ref_at AND ${range("s.customer_id")}
    GROUP BY r.customer_id`;
}

/**
 * The satisfaction dimension of a features row `f` (SQL twin of satisfactionScore in
 * lib/scoring/value.ts): the survey mean (NO_SURVEY_SATISFACTION without answers) minus the
 * complaint penalty of the year, on 0–100.
 */
export const SATISFACTION_SQL = Prisma.sql`LEAST(100, GREATEST(0,
  COALESCE(f.survey_mean_365d, ${NO_SURVEY_SATISFACTION}::float8) - f.complaint_penalty_365d))`;
