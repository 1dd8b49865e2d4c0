import "server-only";
import { allowLongStatements, db } from "@/lib/db";

// The SLA scan, run every minute by pg-boss (lib/jobs) and directly by tests with a moved clock.
// Set-based: each step is one UPDATE … RETURNING over the due rows, feeding INSERT … SELECT of
// notifications, timeline entries and audit rows in the same statement. Safe with several
// instances: a row changes only while its guard still holds (warned_at IS NULL, breached_at IS
// NULL, escalation_level = the level read), which PostgreSQL re-checks after a concurrent update,
// so a second scanner finds nothing left to do and nobody is notified twice.

export interface SlaScanResult {
  warned: number;
  breached: number;
  escalated: number;
  notifications: number;
}

// Resolved complaints still count the cycle clock until they are closed.
const OPEN = `status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED')`;

export async function runSlaScan(now: Date = new Date()): Promise<SlaScanResult> {
  return db.$transaction(async (tx) => {
    await allowLongStatements(tx, "job");
    // 1. Warnings (warn ratio of the nearest target reached): the handler and the owner.
    const [w] = await tx.$queryRawUnsafe<[{ rows: number; notes: number }]>(
      `WITH w AS (
         UPDATE complaint SET warned_at = $1::timestamptz
         WHERE warned_at IS NULL AND breached_at IS NULL AND NOT is_sla_paused AND next_warn_at <= $1::timestamptz AND ${OPEN}
         RETURNING id, complaint_no, owner_id, assignee_id),
       n AS (
         INSERT INTO notification (user_id, kind, complaint_id, data)
         SELECT DISTINCT u.uid, 'complaint.atRisk', w.id, jsonb_build_object('complaintNo', w.complaint_no)
         FROM w CROSS JOIN LATERAL (VALUES (w.owner_id), (w.assignee_id)) u(uid) WHERE u.uid IS NOT NULL
         RETURNING 1)
       SELECT (SELECT count(*) FROM w)::int AS rows, (SELECT count(*) FROM n)::int AS notes`,
      now,
    );
    // 2. Breaches: a counting clock passed its deadline (strictly, as computeClock counts it).
    const [b] = await tx.$queryRawUnsafe<[{ rows: number }]>(
      `WITH b AS (
         UPDATE complaint SET breached_at = next_due_at
         WHERE breached_at IS NULL AND NOT is_sla_paused AND next_due_at < $1::timestamptz AND ${OPEN}
         RETURNING id, next_due_at),
       t AS (
         INSERT INTO complaint_comment (complaint_id, kind, body, at)
         SELECT id, 'SYSTEM', jsonb_build_object('event', 'breached', 'dueAt', next_due_at)::text, $1::timestamptz FROM b RETURNING 1)
       SELECT (SELECT count(*) FROM b)::int AS rows`,
      now,
    );
    // 3. Escalation ladder: every step whose delay after the breach has passed, each notified once.
    const [e] = await tx.$queryRawUnsafe<[{ rows: number; notes: number }]>(
      `WITH due AS (
         SELECT c.id, c.escalation_level AS old_level, max(s.level) AS new_level
         FROM complaint c JOIN escalation_step s ON c.breached_at + make_interval(mins => s.delay_min) <= $1::timestamptz
         WHERE c.breached_at IS NOT NULL AND c.${OPEN}
         GROUP BY c.id, c.escalation_level HAVING max(s.level) > c.escalation_level),
       up AS (
         UPDATE complaint c SET escalation_level = due.new_level
         FROM due WHERE c.id = due.id AND c.escalation_level = due.old_level
         RETURNING c.id, c.complaint_no, c.team_id, c.owner_id, c.assignee_id, due.old_level, due.new_level),
       steps AS (
         SELECT up.*, s.level, s.notify_role FROM up JOIN escalation_step s ON s.level > up.old_level AND s.level <= up.new_level),
       recipients AS (
         SELECT DISTINCT steps.id, steps.complaint_no, steps.level, u.uid
         FROM steps CROSS JOIN LATERAL (
           SELECT x.uid FROM (VALUES (steps.owner_id), (steps.assignee_id)) x(uid) WHERE steps.notify_role = 'AGENT' AND x.uid IS NOT NULL
           UNION ALL
           SELECT au.id FROM app_user au WHERE au.is_active AND au.role = steps.notify_role AND steps.notify_role <> 'AGENT'
             AND (au.role = 'MANAGER' OR au.team_id = steps.team_id)) u),
       n AS (
         INSERT INTO notification (user_id, kind, complaint_id, data)
         SELECT uid, 'complaint.escalated', id, jsonb_build_object('complaintNo', complaint_no, 'level', level) FROM recipients
         RETURNING 1),
       t AS (
         INSERT INTO complaint_comment (complaint_id, kind, body, at)
         SELECT id, 'SYSTEM', jsonb_build_object('event', 'escalated', 'level', new_level)::text, $1::timestamptz FROM up RETURNING 1),
       a AS (
         INSERT INTO audit_log (at, actor_name, action, entity, entity_id, data)
         SELECT $1::timestamptz, 'system', 'complaint.escalated', 'complaint', id::text, jsonb_build_object('from', old_level, 'to', new_level) FROM up RETURNING 1)
       SELECT (SELECT count(*) FROM up)::int AS rows, (SELECT count(*) FROM n)::int AS notes`,
      now,
    );
    return { warned: w.rows, breached: b.rows, escalated: e.rows, notifications: w.notes + e.notes };
  });
}
