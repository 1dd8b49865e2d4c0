// Care tasks (issue 23), for tests and the demo: a task as a care rule or the retention list opens it.
import type { CareTask, Prisma } from "@/lib/generated/prisma/client";
import { clientOr, type FactoryDb } from "@/tests/factories/db";

export interface CareTaskOverrides extends Partial<Omit<Prisma.CareTaskCreateManyInput, "dueOn">> {
  customerId: number;
  /** "YYYY-MM-DD". */
  dueOn: string;
}

export async function createCareTask(overrides: CareTaskOverrides, db?: FactoryDb): Promise<CareTask> {
  const { dueOn, ...data } = overrides;
  return (await clientOr(db)).careTask.create({ data: { kind: "OTHER", note: "回访", ...data, dueOn: new Date(`${dueOn}T00:00:00Z`) } });
}

/**
 * Care tasks for a generated base (scripts/generate.ts), set-based: one customer in 25 has a care
 * task of the last 30 days or the next 5, assigned in turn to the active agents of the teams (their
 * own team), by kind from the customer's id; those due before today are mostly done (on the day or
 * a day late), one in six still open. Idempotent: skipped when the base has care tasks already.
 */
export async function seedCareTasks(c: { query: (sql: string, params?: unknown[]) => Promise<unknown> }, now = new Date()): Promise<void> {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  await c.query(
    `WITH agents AS (
       SELECT id, team_id, (row_number() OVER (ORDER BY id) - 1)::int AS k, count(*) OVER ()::int AS n
       FROM app_user WHERE role = 'AGENT' AND is_active AND team_id IS NOT NULL
     ), picked AS (
       SELECT c.id AS customer_id, (row_number() OVER (ORDER BY c.id) - 1)::int AS i
       FROM customer c WHERE c.id % 25 = 0 AND c.status <> 'CHURNED' AND NOT EXISTS (SELECT 1 FROM care_task LIMIT 1)
     ), t AS (
       SELECT p.customer_id, a.id AS assignee_id, a.team_id, ($1::date + ((p.customer_id / 25) % 36 - 30))::date AS due_on, p.customer_id / 25 AS n
       FROM picked p JOIN agents a ON a.k = p.i % a.n
     )
     INSERT INTO care_task (customer_id, kind, team_id, assignee_id, due_on, status, outcome, done_by_id, done_at, attempts, note, created_at)
     SELECT t.customer_id,
       (ARRAY['CONTRACT_EXPIRY','BIRTHDAY','SPECIAL_CARE_VISIT','AFTER_SALES','PAYMENT_DUE','FESTIVAL'])[1 + t.n % 6]::"CareTaskKind",
       t.team_id, t.assignee_id, t.due_on,
       CASE WHEN t.due_on < $1::date AND t.n % 6 <> 5 THEN 'DONE' ELSE 'OPEN' END::"CareTaskStatus",
       CASE WHEN t.due_on < $1::date AND t.n % 6 <> 5 THEN (CASE WHEN t.n % 5 = 0 THEN 'NOT_REACHABLE' ELSE 'COMPLETED' END)::"CareOutcome" END,
       CASE WHEN t.due_on < $1::date AND t.n % 6 <> 5 THEN t.assignee_id END,
       CASE WHEN t.due_on < $1::date AND t.n % 6 <> 5 THEN (t.due_on + (t.n % 6 = 4)::int)::timestamp + interval '7 hours' END,
       CASE WHEN t.due_on < $1::date AND t.n % 6 <> 5 THEN 1 ELSE 0 END,
       '关怀回访', (t.due_on - 1)::timestamp
     FROM t`,
    [today],
  );
}
