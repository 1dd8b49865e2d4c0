import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { listCustomerName } from "@/lib/pii/mask";
import { canFollowUp, FOLLOW_UP_DUE_HOURS, type FollowUpAction } from "@/lib/surveys/follow-up-policy";
import { followUpClaimInput, followUpCompleteInput, type FollowUpFilters } from "@/lib/surveys/schemas";
import { decodeTimeCursor, encodeTimeCursor } from "@/lib/shared/cursor";

// The detractor follow-up work list: supervisors see their team's follow-ups (and any assigned to
// them), managers all. Out of scope is "not found". Claim and complete are version-checked, so
// two people working the same task never overwrite each other, and audited in the same transaction.

function assertFollowUp(actor: Actor, action: FollowUpAction): void {
  if (!canFollowUp(actor, action)) throw new ForbiddenError(action);
}

/** The scope as SQL over survey_follow_up `f`. */
function scopeSql(actor: Actor): Prisma.Sql {
  if (actor.role === "MANAGER") return Prisma.sql`TRUE`;
  return actor.teamId ? Prisma.sql`(f.team_id = ${actor.teamId} OR f.assignee_id = ${actor.id})` : Prisma.sql`f.assignee_id = ${actor.id}`;
}

export interface FollowUpRow {
  id: number;
  version: number;
  status: "OPEN" | "DONE";
  customerId: number;
  customerNo: string;
  /** Masked (张**). */
  customerName: string;
  kind: string;
  score: number | null;
  csiScore: number | null;
  comment: string | null;
  complaintId: number | null;
  complaintNo: string | null;
  teamId: number | null;
  teamZh: string | null;
  teamEn: string | null;
  assigneeName: string | null;
  claimedByName: string | null;
  claimedById: number | null;
  createdAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  closedByName: string | null;
  outcome: string | null;
}

/**
 * A page of follow-ups: open ones oldest first (the most overdue on top), done ones newest first;
 * keyset on (created_at, id) through the (status, created_at, id) indexes.
 */
export async function listFollowUps(actor: Actor, filters: FollowUpFilters, pageSize = 25): Promise<{ rows: FollowUpRow[]; nextCursor: string | null }> {
  assertFollowUp(actor, "followUp:read");
  const open = filters.status === "OPEN";
  const parts: Prisma.Sql[] = [Prisma.sql`f.status = ${filters.status}::"FollowUpStatus"`, scopeSql(actor)];
  if (filters.team !== undefined) parts.push(Prisma.sql`f.team_id = ${filters.team}`);
  const after = decodeTimeCursor(filters.cursor ?? null);
  if (after)
    parts.push(
      open
        ? Prisma.sql`(f.created_at, f.id) > (${after[0]}::timestamptz, ${after[1]})`
        : Prisma.sql`(f.created_at, f.id) < (${after[0]}::timestamptz, ${after[1]})`,
    );
  const order = open ? Prisma.sql`f.created_at ASC, f.id ASC` : Prisma.sql`f.created_at DESC, f.id DESC`;
  const rows = await db.$queryRaw<
    {
      id: number;
      version: number;
      status: "OPEN" | "DONE";
      customer_id: number;
      customer_no: string;
      name: string;
      customer_type: string;
      kind: string;
      score: number | null;
      csi_score: number | null;
      comment: string | null;
      complaint_id: number | null;
      complaint_no: string | null;
      team_id: number | null;
      team_zh: string | null;
      team_en: string | null;
      assignee: string | null;
      claimed_by: string | null;
      claimed_by_id: number | null;
      created_at: Date;
      closed_at: Date | null;
      closed_by: string | null;
      outcome: string | null;
    }[]
  >`
    SELECT f.id, f.version, f.status::text AS status, f.customer_id, cu.customer_no, cu.name, cu.type::text AS customer_type, r.kind::text AS kind, r.score, r.csi_score, r.comment,
           f.complaint_id, c.complaint_no, f.team_id, t.name_zh AS team_zh, t.name_en AS team_en,
           a.display_name AS assignee, cb.display_name AS claimed_by, f.claimed_by_id, f.created_at, f.closed_at, xb.display_name AS closed_by, f.outcome
    FROM survey_follow_up f
    JOIN survey_response r ON r.id = f.response_id
    JOIN customer cu ON cu.id = f.customer_id
    LEFT JOIN complaint c ON c.id = f.complaint_id
    LEFT JOIN team t ON t.id = f.team_id
    LEFT JOIN app_user a ON a.id = f.assignee_id
    LEFT JOIN app_user cb ON cb.id = f.claimed_by_id
    LEFT JOIN app_user xb ON xb.id = f.closed_by_id
    WHERE ${Prisma.join(parts, " AND ")}
    ORDER BY ${order} LIMIT ${pageSize + 1}`;
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      customerId: r.customer_id,
      customerNo: r.customer_no,
      customerName: listCustomerName(actor, r.name, r.customer_type),
      kind: r.kind,
      score: r.score,
      csiScore: r.csi_score,
      comment: r.comment,
      complaintId: r.complaint_id,
      complaintNo: r.complaint_no,
      teamId: r.team_id,
      teamZh: r.team_zh,
      teamEn: r.team_en,
      assigneeName: r.assignee,
      claimedByName: r.claimed_by,
      claimedById: r.claimed_by_id,
      createdAt: r.created_at,
      dueAt: new Date(r.created_at.getTime() + FOLLOW_UP_DUE_HOURS * 3_600_000),
      closedAt: r.closed_at,
      closedByName: r.closed_by,
      outcome: r.outcome,
    })),
    nextCursor: rows.length > pageSize && last ? encodeTimeCursor(last.created_at, last.id) : null,
  };
}

function parse<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; code: string }[] } } },
  raw: unknown,
): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new ValidationError(Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.code])));
  return r.data;
}

/** Loads one follow-up in scope for update (row lock), or not-found. */
async function lockInScope(tx: Tx, actor: Actor, id: number) {
  const [row] = await tx.$queryRaw<{ id: number; version: number; status: string; claimed_by_id: number | null }[]>`
    SELECT f.id, f.version, f.status::text AS status, f.claimed_by_id FROM survey_follow_up f WHERE f.id = ${id} AND ${scopeSql(actor)} FOR UPDATE`;
  if (!row) throw new NotFoundError("follow-up");
  return row;
}

/** Takes an open follow-up: it becomes the actor's (assignee and claimer). */
export async function claimFollowUp(actor: Actor, raw: unknown, now = new Date()): Promise<{ version: number }> {
  assertFollowUp(actor, "followUp:claim");
  const input = parse(followUpClaimInput, raw);
  return db.$transaction(async (tx) => {
    const row = await lockInScope(tx, actor, input.id);
    if (row.version !== input.version || row.status !== "OPEN") throw new ConflictError();
    const n = await tx.surveyFollowUp.updateMany({
      where: { id: input.id, version: input.version, status: "OPEN" },
      data: { claimedById: actor.id, claimedAt: now, assigneeId: actor.id, version: { increment: 1 } },
    });
    if (n.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, {
      action: "surveyFollowUp.claimed",
      entity: "survey_follow_up",
      entityId: input.id,
      data: { previousClaimerId: row.claimed_by_id },
    });
    return { version: input.version + 1 };
  });
}

/** Closes an open follow-up with the outcome of the call-back. The audit keeps the fact, not the note. */
export async function completeFollowUp(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertFollowUp(actor, "followUp:complete");
  const input = parse(followUpCompleteInput, raw);
  await db.$transaction(async (tx) => {
    const row = await lockInScope(tx, actor, input.id);
    if (row.version !== input.version || row.status !== "OPEN") throw new ConflictError();
    const n = await tx.surveyFollowUp.updateMany({
      where: { id: input.id, version: input.version, status: "OPEN" },
      data: {
        status: "DONE",
        outcome: input.outcome,
        closedAt: now,
        closedById: actor.id,
        ...(row.claimed_by_id === null ? { claimedById: actor.id, claimedAt: now } : {}),
        version: { increment: 1 },
      },
    });
    if (n.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, {
      action: "surveyFollowUp.completed",
      entity: "survey_follow_up",
      entityId: input.id,
      data: { outcomeLength: input.outcome.length },
    });
  });
}

