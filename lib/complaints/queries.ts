import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/shared/errors";
import { listCustomerName, maskMsisdn } from "@/lib/pii/mask";
import { availableActions, type ComplaintAction, type ComplaintStatus } from "@/lib/complaints/workflow";
import { computeComplaintClocks, type ClockKind } from "@/lib/complaints/complaint-clocks";
import { complaintClockInput } from "@/lib/complaints/clock-columns";
import { complaintScope, complaintScopeSql } from "@/lib/complaints/scope";
import { loadCalendar } from "@/lib/complaints/standards";
import { queueInput, type QueueInput, type QueueName } from "@/lib/complaints/schemas";
import { businessMinutesBetween } from "@/lib/sla/calendar";
import type { SlaStatus } from "@/lib/sla/clock";
import { decodeTimeCursor, encodeTimeCursor } from "@/lib/shared/cursor";
import { getTeamMember } from "@/lib/teams/queries";

const OPEN = Prisma.sql`c.status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED')`;
/** "Breaching soon": the warning moment has passed, or the deadline is within the hour. */
const SOON_MINUTES = 60;

export interface QueueRow {
  id: number;
  complaintNo: string;
  customerId: number;
  customerName: string;
  categoryZh: string;
  categoryEn: string;
  grade: string;
  status: ComplaintStatus;
  isAppeal: boolean;
  ownerName: string;
  assigneeName: string | null;
  nextDueAt: Date | null;
  /** Business minutes until the nearest deadline (negative = overdue); null when nothing counts. */
  remainingMinutes: number | null;
  slaState: "ON_TRACK" | "AT_RISK" | "BREACHED" | "PAUSED" | "NONE";
  escalationLevel: number;
  createdAt: Date;
}

/** The filter of a queue other than "mine" (queuePageSql walks that one as a union). */
function queueFilter(actor: Actor, queue: Exclude<QueueName, "mine">, now: Date): Prisma.Sql {
  switch (queue) {
    case "team":
      return actor.teamId !== null ? Prisma.sql`c.team_id = ${actor.teamId}` : Prisma.sql`TRUE`;
    case "unassigned":
      return Prisma.sql`c.assignee_id IS NULL`;
    case "breachingSoon":
      return Prisma.sql`c.breached_at IS NULL AND NOT c.is_sla_paused AND (c.next_warn_at <= ${now} OR c.next_due_at <= ${new Date(now.getTime() + SOON_MINUTES * 60_000)})`;
    case "breached":
      return Prisma.sql`c.breached_at IS NOT NULL`;
  }
}

/**
 * The page of a queue from complaint alone (names are joined for its rows only: joining first
 * made every open complaint of a team look up its customer before the sort). Each branch is an
 * ordered walk of a partial index of open complaints (…_open_due_idx, migration
 * queue_partial_indexes) that stops after the page: the "mine" queue is the union of the walks by
 * assignee and by owner (the owner's walk skips what the first one has, so no row is compared),
 * and "mine" and "team" drop the scope test they imply. The owner's walk is written as "owned and
 * handled by someone else" (assignee ≠ owner), the predicate of its own partial index
 * (complaint_owner_delegated_open_due_idx), so it does not step over what the agent handles.
 * As one WHERE with the scope's OR, the planner multiplied the selectivities of "open", "has a deadline" and the team, expected 3 rows,
 * and sorted all of a team's 3,800 open complaints (1 M customers) per page.
 */
function queuePageSql(
  actor: Actor,
  input: { queue: QueueName; categoryId?: number | null; agentId?: number | null; limit: number },
  after: [Date, number] | null,
  now: Date,
): Prisma.Sql {
  // Only the columns the page shows: the "mine" union no longer carries (or compares) whole rows.
  const branch = (filter: Prisma.Sql, scoped: boolean) => Prisma.sql`
    SELECT c.id, c.complaint_no, c.customer_id, c.category_id, c.grade, c.status, c.is_appeal, c.owner_id, c.assignee_id, c.next_due_at,
           c.next_warn_at, c.is_sla_paused, c.breached_at, c.escalation_level, c.calendar_id, c.created_at
    FROM complaint c
    WHERE ${OPEN} AND c.next_due_at IS NOT NULL AND ${filter} ${scoped ? Prisma.sql`AND ${complaintScopeSql(actor)}` : Prisma.empty}
      ${input.categoryId ? Prisma.sql`AND c.category_id = ${input.categoryId}` : Prisma.empty}
      ${after ? Prisma.sql`AND (c.next_due_at, c.id) > (${after[0]}, ${after[1]})` : Prisma.empty}
    ORDER BY c.next_due_at, c.id
    LIMIT ${input.limit + 1}`;
  // Someone's own queue: what they handle, then what they own and someone else handles. The
  // actor's own needs no scope test (it implies it); a team member's, seen by their supervisor, does.
  const personal = (userId: number, scoped: boolean) => Prisma.sql`
      SELECT * FROM ((${branch(Prisma.sql`c.assignee_id = ${userId}`, scoped)})
                     UNION ALL (${branch(Prisma.sql`c.owner_id = ${userId} AND c.assignee_id IS DISTINCT FROM c.owner_id`, scoped)})) c
      ORDER BY c.next_due_at, c.id LIMIT ${input.limit + 1}`;
  if (input.agentId) return personal(input.agentId, input.agentId !== actor.id);
  if (input.queue === "mine") return personal(actor.id, false);
  if (input.queue === "team" && actor.teamId !== null) return branch(Prisma.sql`c.team_id = ${actor.teamId}`, false);
  return branch(queueFilter(actor, input.queue, now), true);
}

/** Counts above this show as "999+": a tab's count stays a bounded read whatever the backlog. */
export const QUEUE_COUNT_CAP = 999;

/**
 * How many open complaints each queue holds (for the tabs), each counted up to QUEUE_COUNT_CAP + 1
 * rows, in one prepared statement (the queue page re-renders every minute for every agent).
 * "mine" and "team" are index-only counts over the partial open indexes (their filter is the
 * index's key and predicate). The scoped queues of someone in a team are split the way the scope
 * reads — the team's walk of complaint_team_open_due_idx, plus their own complaints outside the
 * team — so they never walk other teams' open complaints; managers' walk all open ones, bounded.
 */
export async function countComplaintQueues(actor: Actor, now = new Date()): Promise<Record<QueueName, number>> {
  assertCan(actor, "complaint:read");
  const cap = QUEUE_COUNT_CAP + 1;
  const bounded = (filter: Prisma.Sql) => Prisma.sql`
    (SELECT count(*)::int FROM (SELECT 1 FROM complaint c WHERE ${OPEN} AND c.next_due_at IS NOT NULL AND ${filter} LIMIT ${cap}) x)`;
  const teamId = actor.role === "MANAGER" || actor.role === "ADMIN" ? null : actor.teamId;
  const scoped = (filter: Prisma.Sql) =>
    teamId !== null
      ? Prisma.sql`${bounded(Prisma.sql`c.team_id = ${teamId} AND ${filter}`)}
          + ${bounded(Prisma.sql`(c.owner_id = ${actor.id} OR c.assignee_id = ${actor.id}) AND c.team_id IS DISTINCT FROM ${teamId} AND ${filter}`)}`
      : bounded(Prisma.sql`${complaintScopeSql(actor)} AND ${filter}`);
  const [r] = await sqlRows<Record<QueueName, number>>(
    Prisma.sql`
    SELECT ${bounded(Prisma.sql`c.assignee_id = ${actor.id}`)} + ${bounded(Prisma.sql`c.owner_id = ${actor.id} AND c.assignee_id IS DISTINCT FROM c.owner_id`)} AS "mine",
           ${actor.teamId !== null ? bounded(Prisma.sql`c.team_id = ${actor.teamId}`) : scoped(queueFilter(actor, "team", now))} AS "team",
           ${scoped(queueFilter(actor, "unassigned", now))} AS "unassigned",
           ${scoped(queueFilter(actor, "breachingSoon", now))} AS "breachingSoon",
           ${scoped(queueFilter(actor, "breached", now))} AS "breached"`,
    { prepared: true },
  );
  return { mine: Math.min(r.mine, cap), team: Math.min(r.team, cap), unassigned: Math.min(r.unassigned, cap), breachingSoon: Math.min(r.breachingSoon, cap), breached: Math.min(r.breached, cap) };
}

/**
 * A work queue of open complaints in the actor's scope, nearest deadline first, keyset-paginated
 * on (next_due_at, id). Every open complaint has a counting clock (the cycle runs until closure).
 */
export async function listComplaintQueue(actor: Actor, raw: QueueInput, now = new Date()): Promise<{ rows: QueueRow[]; nextCursor: string | null }> {
  assertCan(actor, "complaint:read");
  const input = queueInput.parse(raw);
  // A team member's queue: only a member of a team the actor may look at (else not found).
  if (input.agentId && input.agentId !== actor.id) await getTeamMember(actor, input.agentId);
  const after = decodeTimeCursor(input.cursor);
  // An agent's queue is re-read after every action: straight from the pool, planned once per
  // connection (lib/db.ts sqlRows; planning this join cost more than running it).
  const rows = await sqlRows<{
    id: number;
    complaint_no: string;
    customer_id: number;
    customer_name: string;
    customer_type: string;
    name_zh: string;
    name_en: string;
    grade: string;
    status: ComplaintStatus;
    is_appeal: boolean;
    owner_name: string;
    assignee_name: string | null;
    next_due_at: Date | null;
    next_warn_at: Date | null;
    is_sla_paused: boolean;
    breached_at: Date | null;
    escalation_level: number;
    calendar_id: number;
    calendar_version: number;
    created_at: Date;
  }>(
    Prisma.sql`
    SELECT c.id, c.complaint_no, c.customer_id, cu.name AS customer_name, cu.type::text AS customer_type, cat.name_zh, cat.name_en, c.grade::text AS grade, c.status::text AS status,
           c.is_appeal, o.display_name AS owner_name, a.display_name AS assignee_name, c.next_due_at, c.next_warn_at, c.is_sla_paused,
           c.breached_at, c.escalation_level, c.calendar_id, bc.version AS calendar_version, c.created_at
    FROM (${queuePageSql(actor, input, after, now)}) c
    JOIN business_calendar bc ON bc.id = c.calendar_id
    JOIN customer cu ON cu.id = c.customer_id
    JOIN complaint_category cat ON cat.id = c.category_id
    JOIN app_user o ON o.id = c.owner_id
    LEFT JOIN app_user a ON a.id = c.assignee_id
    ORDER BY c.next_due_at, c.id`,
    { prepared: true },
  );
  const page = rows.slice(0, input.limit);
  const calendars = new Map<number, Awaited<ReturnType<typeof loadCalendar>>>();
  const out: QueueRow[] = [];
  for (const r of page) {
    let remaining: number | null = null;
    if (r.next_due_at) {
      let cal = calendars.get(r.calendar_id);
      if (!cal) calendars.set(r.calendar_id, (cal = await loadCalendar(db, r.calendar_id, r.calendar_version)));
      remaining = r.next_due_at >= now ? businessMinutesBetween(cal, now, r.next_due_at) : -businessMinutesBetween(cal, r.next_due_at, now);
    }
    const slaState: QueueRow["slaState"] = !r.next_due_at
      ? "NONE"
      : r.is_sla_paused
        ? "PAUSED"
        : r.breached_at || r.next_due_at < now
          ? "BREACHED"
          : r.next_warn_at && r.next_warn_at <= now
            ? "AT_RISK"
            : "ON_TRACK";
    out.push({
      id: r.id,
      complaintNo: r.complaint_no,
      customerId: r.customer_id,
      customerName: listCustomerName(actor, r.customer_name, r.customer_type),
      categoryZh: r.name_zh,
      categoryEn: r.name_en,
      grade: r.grade,
      status: r.status,
      isAppeal: r.is_appeal,
      ownerName: r.owner_name,
      assigneeName: r.assignee_name,
      nextDueAt: r.next_due_at,
      remainingMinutes: remaining,
      slaState,
      escalationLevel: r.escalation_level,
      createdAt: r.created_at,
    });
  }
  const last = page.at(-1);
  return { rows: out, nextCursor: rows.length > input.limit && last?.next_due_at ? encodeTimeCursor(last.next_due_at, last.id) : null };
}

export interface ClockView {
  kind: ClockKind;
  status: SlaStatus;
  targetMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number;
  dueAt: Date;
}

export interface TimelineEntry {
  at: Date;
  kind: "STATUS" | "INTERNAL" | "NOTE" | "FEEDBACK" | "SYSTEM";
  actorName: string | null;
  action?: string;
  fromStatus?: string | null;
  toStatus?: string;
  text: string | null;
}

/** One complaint in scope with its live clocks, timeline and the actions its state allows (its scripts: lib/scripts). */
export async function getComplaintDetail(actor: Actor, complaintId: number, now = new Date()) {
  assertCan(actor, "complaint:read");
  if (!Number.isSafeInteger(complaintId) || complaintId <= 0) throw new NotFoundError("complaint");
  const c = await db.complaint.findFirst({
    where: { id: complaintId, ...complaintScope(actor) },
    include: {
      statusChanges: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      comments: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      attachments: { select: { id: true, fileName: true, mimeType: true, size: true, at: true } },
      compensations: { orderBy: { id: "asc" } },
    },
  });
  if (!c) throw new NotFoundError("complaint");
  const [customer, category, line, users, calendar] = await Promise.all([
    db.customer.findUniqueOrThrow({ where: { id: c.customerId }, select: { id: true, name: true, customerNo: true } }),
    db.complaintCategory.findUniqueOrThrow({ where: { id: c.categoryId } }),
    c.lineId ? db.line.findUnique({ where: { id: c.lineId }, select: { msisdn: true } }) : null,
    db.user.findMany({
      where: {
        id: {
          in: [
            c.ownerId,
            c.assigneeId ?? 0,
            ...c.statusChanges.map((s) => s.actorId ?? 0),
            ...c.comments.map((m) => m.authorId ?? 0),
            ...c.compensations.map((m) => m.requestedBy),
          ],
        },
      },
      select: { id: true, displayName: true },
    }),
    loadCalendar(db, c.calendarId),
  ]);
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  const status = c.status as ComplaintStatus;
  const r = computeComplaintClocks(
    complaintClockInput(c, status, c.statusChanges.map((s) => ({ at: s.at, toStatus: s.toStatus as ComplaintStatus }))),
    calendar,
    now,
  );
  const timeline: TimelineEntry[] = [
    ...c.statusChanges.map((s) => ({
      at: s.at,
      kind: "STATUS" as const,
      actorName: s.actorId ? (name.get(s.actorId) ?? null) : null,
      action: s.action,
      fromStatus: s.fromStatus,
      toStatus: s.toStatus,
      text: s.reason,
    })),
    ...c.comments.map((m) => ({ at: m.at, kind: m.kind, actorName: m.authorId ? (name.get(m.authorId) ?? null) : null, text: m.body })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const actions: ComplaintAction[] = can(actor, "complaint:handle") ? availableActions(status) : [];
  return {
    id: c.id,
    complaintNo: c.complaintNo,
    version: c.version,
    status,
    grade: c.grade,
    channel: c.channel,
    summary: c.summary,
    details: c.details,
    isAppeal: c.isAppeal,
    valueTier: c.valueTier,
    customer,
    lineMasked: line ? maskMsisdn(line.msisdn) : null,
    category: { id: category.id, nameZh: category.nameZh, nameEn: category.nameEn },
    rootCauseId: c.rootCauseId,
    sourceInteractionId: c.sourceInteractionId,
    ownerId: c.ownerId,
    ownerName: name.get(c.ownerId) ?? "",
    assigneeId: c.assigneeId,
    assigneeName: c.assigneeId ? (name.get(c.assigneeId) ?? null) : null,
    teamId: c.teamId,
    escalationLevel: c.escalationLevel,
    breachedAt: c.breachedAt,
    createdAt: c.createdAt,
    feedbackAt: c.feedbackAt,
    clocks: (Object.entries(r.clocks) as [ClockKind, (typeof r.clocks)[ClockKind]][]).map(([kind, k]) => ({
      kind,
      status: k.status,
      targetMinutes: k.targetMinutes,
      elapsedMinutes: k.elapsedMinutes,
      remainingMinutes: k.remainingMinutes,
      dueAt: k.dueAt,
    })),
    timeline,
    attachments: c.attachments,
    compensations: c.compensations.map((m) => ({
      id: m.id,
      kind: m.kind,
      amount: Number(m.amount),
      reason: m.reason,
      status: m.status,
      version: m.version,
      requestedBy: name.get(m.requestedBy) ?? "",
      createdAt: m.createdAt,
    })),
    actions,
    can: {
      handle: can(actor, "complaint:handle"),
      assign: can(actor, "complaint:assign"),
      compensate: can(actor, "complaint:compensate"),
      approve: can(actor, "complaint:approveCompensation"),
    },
  };
}
export type ComplaintDetail = Awaited<ReturnType<typeof getComplaintDetail>>;

/** People a complaint can be assigned to: active agents and supervisors (a supervisor's own team first). */
export async function listAssignees(actor: Actor) {
  assertCan(actor, "complaint:handle");
  const where: Prisma.UserWhereInput = { isActive: true, role: { in: ["AGENT", "SUPERVISOR"] } };
  const rows = await db.user.findMany({
    where,
    select: { id: true, displayName: true, username: true, teamId: true },
    orderBy: [{ teamId: "asc" }, { username: "asc" }],
  });
  if (actor.role === "MANAGER" || actor.role === "ADMIN") return rows;
  return rows.filter((u) => u.teamId === actor.teamId);
}

/** The 360 view's complaints panel: the customer's complaints in the actor's scope, open first. */
export async function listCustomerComplaints(actor: Actor, customerId: number, now = new Date()) {
  assertCan(actor, "complaint:read");
  // On every 360 page: one prepared statement (lib/db.ts sqlRows), names joined in.
  const rows = await sqlRows<{
    id: number;
    complaintNo: string;
    status: ComplaintStatus;
    grade: string;
    summary: string;
    nextDueAt: Date | null;
    isSlaPaused: boolean;
    breachedAt: Date | null;
    createdAt: Date;
    categoryId: number;
    category: { id: number; nameZh: string; nameEn: string };
  }>(
    Prisma.sql`
      SELECT c.id, c.complaint_no AS "complaintNo", c.status::text AS status, c.grade::text AS grade, c.summary, c.next_due_at AS "nextDueAt",
             c.is_sla_paused AS "isSlaPaused", c.breached_at AS "breachedAt", c.created_at AS "createdAt", c.category_id AS "categoryId",
             json_build_object('id', cat.id, 'nameZh', cat.name_zh, 'nameEn', cat.name_en) AS category
      FROM complaint c JOIN complaint_category cat ON cat.id = c.category_id
      WHERE c.customer_id = ${customerId} AND ${complaintScopeSql(actor)}
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT 20`,
    { prepared: true },
  );
  const isOpenStatus = (s: string) => !["CLOSED", "REJECTED", "CANCELLED"].includes(s);
  return rows
    .map((r) => ({
      ...r,
      isOpen: isOpenStatus(r.status),
      slaState: !isOpenStatus(r.status) || !r.nextDueAt ? "NONE" : r.isSlaPaused ? "PAUSED" : r.breachedAt || r.nextDueAt < now ? "BREACHED" : "ON_TRACK",
    }))
    .sort((a, b) => Number(b.isOpen) - Number(a.isOpen));
}

export async function countUnreadNotifications(actor: Actor): Promise<number> {
  // Capped: a badge shows "99+" anyway, and the count stays an index-only read.
  const [{ n }] = await db.$queryRaw<
    [{ n: number }]
  >`SELECT count(*)::int AS n FROM (SELECT 1 FROM notification WHERE user_id = ${actor.id} AND read_at IS NULL LIMIT 100) x`;
  return n;
}

export async function getAttachment(actor: Actor, attachmentId: number) {
  assertCan(actor, "complaint:read");
  const a = await db.complaintAttachment.findUnique({ where: { id: attachmentId } });
  if (!a) throw new NotFoundError("attachment");
  const visible = await db.complaint.findFirst({ where: { id: a.complaintId, ...complaintScope(actor) }, select: { id: true } });
  if (!visible) throw new NotFoundError("attachment");
  return a;
}

/** What the intake form needs: the customer's name and their lines (masked). */
export async function getIntakeContext(actor: Actor, customerId: number) {
  assertCan(actor, "complaint:create");
  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      name: true,
      customerNo: true,
      lines: { where: { status: { not: "TERMINATED" } }, select: { id: true, msisdn: true }, orderBy: { id: "asc" } },
    },
  });
  if (!customer) throw new NotFoundError("customer");
  return {
    id: customer.id,
    name: customer.name,
    customerNo: customer.customerNo,
    lines: customer.lines.map((l) => ({ id: l.id, msisdnMasked: maskMsisdn(l.msisdn) })),
  };
}

/**
 * Regulator appeals (申诉) over the last `days`: volume, state, share handled within every target
 * (never breached), mean handling time (opened → resolved, wall-clock hours), by category, and the
 * open ones nearest their deadline first.
 */
export async function getAppealReport(actor: Actor, days = 30, now = new Date()) {
  assertCan(actor, "complaint:assign");
  const since = new Date(now.getTime() - Math.min(Math.max(days, 1), 366) * 86_400_000);
  const scope = complaintScopeSql(actor);
  const [totals] = await db.$queryRaw<[{ total: number; open: number; closed: number; within: number; avg_hours: number | null }]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE c.status IN ('ACKNOWLEDGED', 'IN_PROGRESS', 'PENDING', 'HELD', 'RESOLVED'))::int AS open,
           count(*) FILTER (WHERE c.status = 'CLOSED')::int AS closed,
           count(*) FILTER (WHERE c.breached_at IS NULL)::int AS within,
           (avg(extract(epoch FROM c.resolved_at - c.created_at)) / 3600)::float8 AS avg_hours
    FROM complaint c WHERE c.is_appeal AND c.created_at >= ${since} AND ${scope}`;
  const byCategory = await db.$queryRaw<Array<{ name_zh: string; name_en: string; n: number; breached: number }>>`
    SELECT cat.name_zh, cat.name_en, count(*)::int AS n, count(*) FILTER (WHERE c.breached_at IS NOT NULL)::int AS breached
    FROM complaint c JOIN complaint_category cat ON cat.id = c.category_id
    WHERE c.is_appeal AND c.created_at >= ${since} AND ${scope}
    GROUP BY cat.name_zh, cat.name_en ORDER BY n DESC, cat.name_en`;
  const open = await db.$queryRaw<
    Array<{ id: number; complaint_no: string; status: string; summary: string; next_due_at: Date | null; breached_at: Date | null }>
  >`
    SELECT c.id, c.complaint_no, c.status::text AS status, c.summary, c.next_due_at, c.breached_at
    FROM complaint c
    WHERE c.is_appeal AND c.status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED') AND ${scope}
    ORDER BY c.next_due_at NULLS LAST, c.id LIMIT 100`;
  return { days, since, totals, byCategory, open };
}

export type CustomerComplaintRow = Awaited<ReturnType<typeof listCustomerComplaints>>[number];
