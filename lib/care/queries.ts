import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listCustomerName, maskMsisdn } from "@/lib/pii/mask";
import { NotFoundError } from "@/lib/shared/errors";
import { operatorDay } from "@/lib/automation/dates";
import type { CareOutcomeName, CareTaskKindName, CareTaskStatusName } from "@/lib/care/schemas";

// Reads of care tasks (issue 23, docs/care.md "Care tasks"): the agent's list (today's and overdue
// open tasks assigned to them), the team view (supervisors their own team, managers any), the
// offers a win-back may be retained with. Numbers are masked; names as lists show them.

export interface CareTaskRow {
  id: string;
  version: number;
  customerId: number;
  customerNo: string;
  name: string;
  /** The customer's number, masked (138****5678). */
  msisdn: string;
  kind: CareTaskKindName;
  status: CareTaskStatusName;
  outcome: CareOutcomeName | null;
  note: string;
  dueOn: string;
  overdue: boolean;
  attempts: number;
  assigneeId: number | null;
  assigneeName: string | null;
  teamId: number | null;
}

interface RawRow {
  id: bigint;
  version: number;
  customer_id: number;
  customer_no: string;
  name: string;
  type: string;
  msisdn: string | null;
  kind: CareTaskKindName;
  status: CareTaskStatusName;
  outcome: CareOutcomeName | null;
  note: string;
  due_on: string;
  attempts: number;
  assignee_id: number | null;
  assignee_name: string | null;
  team_id: number | null;
}

const COLUMNS = Prisma.sql`
  t.id, t.version, t.customer_id, c.customer_no, c.name, c.type::text AS type,
  (SELECT l.msisdn FROM line l WHERE l.customer_id = t.customer_id ORDER BY (l.status = 'ACTIVE') DESC, l.id LIMIT 1) AS msisdn,
  t.kind::text AS kind, t.status::text AS status, t.outcome::text AS outcome, t.note, to_char(t.due_on, 'YYYY-MM-DD') AS due_on,
  t.attempts, t.assignee_id, u.display_name AS assignee_name, t.team_id`;

function toRow(actor: Actor, today: string, r: RawRow): CareTaskRow {
  return {
    id: String(r.id),
    version: r.version,
    customerId: r.customer_id,
    customerNo: r.customer_no,
    name: listCustomerName(actor, r.name, r.type),
    msisdn: maskMsisdn(r.msisdn),
    kind: r.kind,
    status: r.status,
    outcome: r.outcome,
    note: r.note,
    dueOn: r.due_on,
    overdue: r.status === "OPEN" && r.due_on < today,
    attempts: r.attempts,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    teamId: r.team_id,
  };
}

/** A keyset cursor: the last row's due day and id, "2026-12-07_123". */
export function cursorOf(r: { dueOn: string; id: string }): string {
  return `${r.dueOn}_${r.id}`;
}
function parseCursor(after: string | undefined): { day: string; id: bigint } | null {
  const m = after ? /^(\d{4}-\d{2}-\d{2})_(\d{1,18})$/.exec(after) : null;
  return m ? { day: m[1], id: BigInt(m[2]) } : null;
}

/**
 * The agent's list: their OPEN tasks due today or before (overdue), oldest due first, keyset by
 * (due day, id) — the (assignee_id, status, due_on) index, read in order.
 */
export async function listMyCareTasks(
  actor: Actor,
  input: { after?: string; limit?: number } = {},
  now = new Date(),
): Promise<{ rows: CareTaskRow[]; next: string | null; today: string }> {
  assertCan(actor, "care:work");
  const today = operatorDay(now);
  const limit = Math.min(input.limit ?? 50, 200);
  const c = parseCursor(input.after);
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT ${COLUMNS}
    FROM care_task t JOIN customer c ON c.id = t.customer_id LEFT JOIN app_user u ON u.id = t.assignee_id
    WHERE t.assignee_id = ${actor.id}::int AND t.status = 'OPEN' AND t.due_on <= ${today}::date
      ${c ? Prisma.sql`AND (t.due_on, t.id) > (${c.day}::date, ${c.id}::bigint)` : Prisma.empty}
    ORDER BY t.due_on, t.id LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit).map((r) => toRow(actor, today, r));
  return { rows: page, next: rows.length > limit ? cursorOf(page[page.length - 1]) : null, today };
}

/** The teams whose care tasks the actor may see: supervisors their own, managers (care:assign) any. */
function teamScope(actor: Actor, teamId: number): boolean {
  if (actor.role === "SUPERVISOR") return actor.teamId === teamId;
  return actor.role === "MANAGER";
}

export interface TeamCareFilter {
  kind?: CareTaskKindName;
  status?: CareTaskStatusName;
  /** "unassigned", or an agent's id. */
  assignee?: "unassigned" | number;
  after?: string;
  limit?: number;
}

/** The team view: the team's tasks (unassigned and each agent's), by due day, filtered by kind, status and assignee. */
export async function listTeamCareTasks(
  actor: Actor,
  teamId: number,
  filter: TeamCareFilter = {},
  now = new Date(),
): Promise<{ rows: CareTaskRow[]; next: string | null; today: string }> {
  assertCan(actor, "care:assign");
  if (!teamScope(actor, teamId)) throw new NotFoundError("team");
  const today = operatorDay(now);
  const limit = Math.min(filter.limit ?? 50, 200);
  const c = parseCursor(filter.after);
  const status = filter.status ?? "OPEN";
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT ${COLUMNS}
    FROM care_task t JOIN customer c ON c.id = t.customer_id LEFT JOIN app_user u ON u.id = t.assignee_id
    WHERE t.team_id = ${teamId}::int AND t.status = ${status}::"CareTaskStatus"
      ${filter.kind ? Prisma.sql`AND t.kind = ${filter.kind}::"CareTaskKind"` : Prisma.empty}
      ${filter.assignee === "unassigned" ? Prisma.sql`AND t.assignee_id IS NULL` : typeof filter.assignee === "number" ? Prisma.sql`AND t.assignee_id = ${filter.assignee}::int` : Prisma.empty}
      ${c ? Prisma.sql`AND (t.due_on, t.id) > (${c.day}::date, ${c.id}::bigint)` : Prisma.empty}
    ORDER BY t.due_on, t.id LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit).map((r) => toRow(actor, today, r));
  return { rows: page, next: rows.length > limit ? cursorOf(page[page.length - 1]) : null, today };
}

/** The team's open load per assignee (null: unassigned): open, of which overdue. */
export async function countTeamCareLoad(actor: Actor, teamId: number, now = new Date()): Promise<Array<{ assigneeId: number | null; name: string | null; open: number; overdue: number }>> {
  assertCan(actor, "care:assign");
  if (!teamScope(actor, teamId)) throw new NotFoundError("team");
  const today = operatorDay(now);
  return db.$queryRaw`
    SELECT t.assignee_id AS "assigneeId", u.display_name AS name, count(*)::int AS open, count(*) FILTER (WHERE t.due_on < ${today}::date)::int AS overdue
    FROM care_task t LEFT JOIN app_user u ON u.id = t.assignee_id
    WHERE t.team_id = ${teamId}::int AND t.status = 'OPEN'
    GROUP BY t.assignee_id, u.display_name ORDER BY u.display_name NULLS FIRST`;
}

/** Who a task of the team may be given to: the team's active agents and supervisors. */
export async function listCareAssignees(actor: Actor, teamId: number): Promise<Array<{ id: number; name: string }>> {
  assertCan(actor, "care:assign");
  if (!teamScope(actor, teamId)) throw new NotFoundError("team");
  const users = await db.user.findMany({
    where: { teamId, isActive: true, role: { in: ["AGENT", "SUPERVISOR"] } },
    select: { id: true, displayName: true },
    orderBy: { displayName: "asc" },
  });
  return users.map((u) => ({ id: u.id, name: u.displayName }));
}

/** The offers a win-back may be retained with (offer_rule, active first). */
export async function listCareOffers(actor: Actor): Promise<Array<{ id: number; nameZh: string; nameEn: string }>> {
  assertCan(actor, "care:work");
  return db.$queryRaw`SELECT id, name_zh AS "nameZh", name_en AS "nameEn" FROM offer_rule ORDER BY priority, id LIMIT 100`;
}

export interface CareCompletionRow {
  agentId: number;
  name: string;
  /** Tasks due in the window (due day in [today − days, today)), by how they ended. */
  due: number;
  onTime: number;
  late: number;
  openOverdue: number;
}

/**
 * Completion rates of a team's agents over the last `days` days: of the tasks assigned to each
 * agent and due in the window (before today), how many were done on time (by the end of the due
 * day, Asia/Shanghai), done late, or are still open (overdue). Cancelled tasks do not count.
 */
export async function getCareCompletion(actor: Actor, teamId: number, days: 7 | 30, now = new Date()): Promise<CareCompletionRow[]> {
  if (!can(actor, "care:assign") && !can(actor, "team:read")) assertCan(actor, "care:assign");
  if (!teamScope(actor, teamId) && actor.role !== "ADMIN") throw new NotFoundError("team");
  const today = operatorDay(now);
  return db.$queryRaw<CareCompletionRow[]>`
    SELECT u.id AS "agentId", u.display_name AS name,
      count(t.id)::int AS due,
      count(t.id) FILTER (WHERE t.status = 'DONE' AND (t.done_at AT TIME ZONE 'Asia/Shanghai')::date <= t.due_on)::int AS "onTime",
      count(t.id) FILTER (WHERE t.status = 'DONE' AND (t.done_at AT TIME ZONE 'Asia/Shanghai')::date > t.due_on)::int AS late,
      count(t.id) FILTER (WHERE t.status = 'OPEN')::int AS "openOverdue"
    FROM app_user u
    LEFT JOIN care_task t ON t.assignee_id = u.id AND t.team_id = ${teamId}::int AND t.status <> 'CANCELLED'
      AND t.due_on >= ${today}::date - ${days}::int AND t.due_on < ${today}::date
    WHERE u.team_id = ${teamId}::int AND u.role IN ('AGENT', 'SUPERVISOR') AND u.is_active
    GROUP BY u.id, u.display_name ORDER BY u.display_name`;
}
