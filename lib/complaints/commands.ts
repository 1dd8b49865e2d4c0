import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { nextStatus, type ComplaintAction, type ComplaintStatus } from "@/lib/complaints/workflow";
import { computeComplaintClocks } from "@/lib/complaints/clocks";
import { complaintScope } from "@/lib/complaints/scope";
import { loadCalendar } from "@/lib/complaints/standards";
import {
  assignInput,
  attachmentInput,
  autoAssignInput,
  commentInput,
  compensationInput,
  decideCompensationInput,
  feedbackInput,
  openComplaintInput,
  returnVisitInput,
  transitionInput,
  type AttachmentInput,
  type OpenComplaintInput,
  type TransitionInput,
} from "@/lib/complaints/schemas";

type Row = Prisma.ComplaintGetPayload<object>;

/** Loads a complaint inside the actor's scope (out of scope = not found, so existence never leaks). */
export async function loadInScope(tx: Tx, actor: Actor, complaintId: number): Promise<Row> {
  const c = await tx.complaint.findFirst({ where: { id: complaintId, ...complaintScope(actor) } });
  if (!c) throw new NotFoundError("complaint");
  return c;
}

function checkVersion(c: Row, version: number) {
  if (c.version !== version) throw new ConflictError("complaint changed since it was loaded");
}

/** The clock columns of a complaint as of `now`, from its history (see lib/complaints/clocks.ts). */
export async function clockColumns(tx: Tx, c: Row, status: ComplaintStatus, extraHistory: { at: Date; toStatus: ComplaintStatus }[], now: Date) {
  const history = await tx.complaintStatusChange.findMany({ where: { complaintId: c.id }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { at: true, toStatus: true } });
  const calendar = await loadCalendar(tx, c.calendarId);
  const r = computeComplaintClocks(
    {
      createdAt: c.createdAt,
      status,
      targets: { FIRST_RESPONSE: c.firstResponseMin, FEEDBACK: c.feedbackMin, RESOLUTION: c.resolutionMin, CYCLE: c.cycleMin },
      warnRatio: c.warnRatio,
      firstRespondedAt: c.firstRespondedAt,
      feedbackAt: c.feedbackAt,
      history: [...history, ...extraHistory],
    },
    calendar,
    now,
  );
  return {
    firstResponseDueAt: r.dueAt.FIRST_RESPONSE,
    feedbackDueAt: r.dueAt.FEEDBACK,
    resolutionDueAt: r.dueAt.RESOLUTION,
    cycleDueAt: r.dueAt.CYCLE,
    nextDueAt: r.nextDueAt,
    nextWarnAt: r.nextWarnAt,
    isSlaPaused: r.isPaused,
    // A new, later warning moment (the next clock) may warn again.
    ...(r.nextWarnAt && r.nextWarnAt > now ? { warnedAt: null } : {}),
  };
}

/** Writes a change guarded by the version; a stale version is a conflict, never an overwrite. */
export async function guardedUpdate(tx: Tx, c: Row, data: Prisma.ComplaintUpdateManyMutationInput) {
  const n = await tx.complaint.updateMany({ where: { id: c.id, version: c.version }, data: { ...data, version: { increment: 1 } } });
  if (n.count === 0) throw new ConflictError("complaint changed concurrently");
}

export async function notify(tx: Tx, userIds: Iterable<number | null | undefined>, kind: string, complaintId: number, data: Prisma.InputJsonValue) {
  const ids = [...new Set([...userIds].filter((x): x is number => typeof x === "number" && x > 0))];
  if (ids.length) await tx.notification.createMany({ data: ids.map((userId) => ({ userId, kind, complaintId, data })) });
}

async function supervisorsAndManagers(tx: Tx, teamId: number | null): Promise<number[]> {
  const rows = await tx.user.findMany({
    where: { isActive: true, OR: [{ role: "MANAGER" }, ...(teamId ? [{ role: "SUPERVISOR" as const, teamId }] : [])] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

// ─────────────────────────────── open ───────────────────────────────

export interface OpenedComplaint {
  id: number;
  complaintNo: string;
  /** false when the idempotency key matched an earlier submission. */
  created: boolean;
}

/**
 * Opens a complaint; the intake agent becomes its owner (首问负责制). Targets are looked up in the
 * SLA matrix and snapshotted. General complaints stay with the intake agent; complex and major
 * ones go to the team queue, and major ones notify supervisors and managers at once.
 * Idempotent on `idempotencyKey`: a repeat returns the first complaint.
 */
export async function openComplaint(actor: Actor, raw: OpenComplaintInput, attachment?: AttachmentInput | null, now = new Date()): Promise<OpenedComplaint> {
  assertCan(actor, "complaint:create");
  const parsed = openComplaintInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.code])));
  const input = parsed.data;
  const file = attachment ? attachmentInput.safeParse(attachment) : null;
  if (file && !file.success) throw new ValidationError({ attachment: "invalid" }, "complaints.errors.attachment");

  const existing = await db.complaint.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, complaintNo: true, ownerId: true } });
  if (existing) {
    if (existing.ownerId !== actor.id) throw new ConflictError("idempotency key reused");
    return { id: existing.id, complaintNo: existing.complaintNo, created: false };
  }
  try {
    return await db.$transaction(async (tx) => {
      const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
      if (!customer) throw new NotFoundError("customer");
      if (input.lineId) {
        const line = await tx.line.findFirst({ where: { id: input.lineId, customerId: input.customerId }, select: { id: true } });
        if (!line) throw new ValidationError({ lineId: "invalid" });
      }
      const category = await tx.complaintCategory.findFirst({ where: { id: input.categoryId, isActive: true }, select: { id: true, code: true, parentId: true } });
      if (!category) throw new ValidationError({ categoryId: "invalid" });
      // The customer's current value tier picks the SLA row (high-value customers get tighter
      // targets); customers not yet scored are STANDARD.
      const score = await tx.customerScore.findUnique({ where: { customerId: input.customerId }, select: { tier: true } });
      const valueTier: string = score?.tier ?? "STANDARD";
      const target = await findTarget(tx, category, input.grade, valueTier, input.isAppeal, now);
      const [{ no }] = await tx.$queryRaw<[{ no: string }]>`
        SELECT 'TS' || to_char(${now}::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad((nextval('complaint_no_seq') % 100000)::text, 5, '0') AS no`;
      const assigneeId = input.grade === "GENERAL" ? actor.id : null;
      const c = await tx.complaint.create({
        data: {
          complaintNo: no,
          customerId: input.customerId,
          lineId: input.lineId ?? null,
          channel: input.channel,
          categoryId: category.id,
          grade: input.grade,
          summary: input.summary,
          details: input.details,
          ownerId: actor.id,
          assigneeId,
          teamId: actor.teamId,
          isAppeal: input.isAppeal,
          valueTier,
          idempotencyKey: input.idempotencyKey,
          slaTargetId: target.id,
          calendarId: target.calendarId,
          firstResponseMin: target.firstResponseMin,
          feedbackMin: target.feedbackMin,
          resolutionMin: target.resolutionMin,
          cycleMin: target.cycleMin,
          warnRatio: target.warnRatio,
          createdAt: now,
        },
      });
      await tx.complaintStatusChange.create({ data: { complaintId: c.id, action: "open", fromStatus: null, toStatus: "ACKNOWLEDGED", actorId: actor.id, at: now } });
      const cols = await clockColumns(tx, c, "ACKNOWLEDGED", [], now);
      await tx.complaint.update({ where: { id: c.id }, data: cols });
      if (file?.success) {
        await tx.complaintAttachment.create({
          data: { complaintId: c.id, fileName: file.data.fileName, mimeType: file.data.mimeType, size: file.data.data.byteLength, data: Buffer.from(file.data.data), uploadedBy: actor.id },
        });
      }
      if (input.grade === "MAJOR") {
        await notify(tx, await supervisorsAndManagers(tx, actor.teamId), "complaint.major", c.id, { complaintNo: no });
      }
      await recordAudit(tx, actor, {
        action: "complaint.opened",
        entity: "complaint",
        entityId: c.id,
        data: { complaintNo: no, customerId: input.customerId, grade: input.grade, category: category.code, isAppeal: input.isAppeal, slaTargetId: target.id },
      });
      return { id: c.id, complaintNo: no, created: true };
    });
  } catch (e) {
    // Two submissions raced past the lookup: the unique key let one in; return that one.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const again = await db.complaint.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, complaintNo: true, ownerId: true } });
      if (again && again.ownerId === actor.id) return { id: again.id, complaintNo: again.complaintNo, created: false };
    }
    throw e;
  }
}

/** The most specific target in force: the category, then its parent, then '*'. */
export async function findTarget(
  tx: Tx,
  category: { code: string; parentId: number | null },
  grade: "GENERAL" | "COMPLEX" | "MAJOR",
  valueTier: string,
  isAppeal: boolean,
  now: Date,
) {
  const codes = [category.code];
  if (category.parentId) {
    const parent = await tx.complaintCategory.findUnique({ where: { id: category.parentId }, select: { code: true } });
    if (parent) codes.push(parent.code);
  }
  codes.push("*");
  const rows = await tx.slaTarget.findMany({
    where: { categoryCode: { in: codes }, grade, valueTier: { in: [valueTier, "STANDARD"] }, isAppeal, effectiveFrom: { lte: now } },
    orderBy: { effectiveFrom: "desc" },
  });
  const rank = (r: { categoryCode: string; valueTier: string }) => codes.indexOf(r.categoryCode) * 2 + (r.valueTier === valueTier ? 0 : 1);
  // Latest version per key first (orderBy), then the most specific key.
  const best = [...rows].sort((a, b) => rank(a) - rank(b))[0];
  if (!best) throw new ValidationError({ grade: "noTarget" }, "complaints.errors.noTarget");
  return best;
}

// ─────────────────────────────── transition ───────────────────────────────

const TIMESTAMP_OF: Partial<Record<ComplaintAction, "resolvedAt" | "closedAt">> = { resolve: "resolvedAt", close: "closedAt" };

export async function applyTransition(tx: Tx, actor: Actor, c: Row, input: { action: ComplaintAction; reason?: string | null; confirmation?: "CUSTOMER_CONFIRMED" | "RETURN_VISIT" | null }, now: Date) {
  const from = c.status as ComplaintStatus;
  const r = nextStatus(from, input.action, { reason: input.reason, confirmation: input.confirmation });
  if (!r.ok) {
    const code = { ILLEGAL_TRANSITION: "illegalTransition", REASON_REQUIRED: "reasonRequired", CONFIRMATION_REQUIRED: "confirmationRequired" }[r.reason];
    throw new ValidationError({ action: r.reason }, `complaints.errors.${code}`);
  }
  const to = r.to;
  const firstRespondedAt = c.firstRespondedAt ?? (from === "ACKNOWLEDGED" ? now : null);
  const stamp = TIMESTAMP_OF[input.action];
  const withResponse = { ...c, firstRespondedAt };
  const cols = await clockColumns(tx, withResponse, to, [{ at: now, toStatus: to }], now);
  await guardedUpdate(tx, c, {
    status: to,
    firstRespondedAt,
    ...(stamp ? { [stamp]: now } : {}),
    ...(input.action === "reopen" ? { resolvedAt: null, closedAt: null } : {}),
    ...cols,
  });
  await tx.complaintStatusChange.create({
    data: { complaintId: c.id, action: input.action, fromStatus: from, toStatus: to, reason: input.reason?.trim() || (input.confirmation ?? null), actorId: actor.id, at: now },
  });
  await recordAudit(tx, actor, {
    action: "complaint.transitioned",
    entity: "complaint",
    entityId: c.id,
    data: { action: input.action, from, to, reason: input.reason ?? null, confirmation: input.confirmation ?? null },
  });
  if (input.action === "resolve" && c.ownerId !== actor.id) {
    // 首问负责制: the owner is reminded to report the result back to the customer.
    await notify(tx, [c.ownerId], "complaint.resolvedReportBack", c.id, { complaintNo: c.complaintNo });
  }
  return to;
}

/** Moves a complaint through the TMF621 state machine (lib/complaints/workflow.ts). */
export async function transitionComplaint(actor: Actor, raw: TransitionInput, now = new Date()): Promise<{ status: ComplaintStatus }> {
  assertCan(actor, "complaint:handle");
  const input = transitionInput.parse(raw);
  if (input.action === "close" && input.confirmation === "RETURN_VISIT") {
    // A return-visit closure is recorded through recordReturnVisit, which keeps its answer.
    throw new ValidationError({ confirmation: "useReturnVisit" }, "complaints.errors.confirmationRequired");
  }
  return db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    checkVersion(c, input.version);
    return { status: await applyTransition(tx, actor, c, input, now) };
  });
}

// ─────────────────────────────── assign / transfer ───────────────────────────────

/**
 * Assigns or transfers the handling; the owner never changes. Supervisors and managers assign
 * anyone; an agent may hand on a complaint they own or handle, or take an unassigned one.
 */
export async function assignComplaint(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "complaint:handle");
  const input = assignInput.parse(raw);
  await db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    checkVersion(c, input.version);
    const isManagerial = can(actor, "complaint:assign");
    const mayHandOn = c.ownerId === actor.id || c.assigneeId === actor.id;
    const takesUnassigned = c.assigneeId === null && input.assigneeId === actor.id;
    if (!isManagerial && !mayHandOn && !takesUnassigned) throw new ForbiddenError("complaint:assign");
    const target = await tx.user.findFirst({ where: { id: input.assigneeId, isActive: true, role: { in: ["AGENT", "SUPERVISOR"] } }, select: { id: true, teamId: true, displayName: true } });
    if (!target) throw new ValidationError({ assigneeId: "invalid" });
    if (actor.role === "SUPERVISOR" && target.teamId !== actor.teamId && c.teamId !== actor.teamId) throw new ValidationError({ assigneeId: "invalid" });
    await guardedUpdate(tx, c, { assigneeId: target.id, teamId: target.teamId ?? c.teamId, updatedAt: now });
    await tx.complaintComment.create({
      data: { complaintId: c.id, kind: "SYSTEM", body: JSON.stringify({ event: "assigned", from: c.assigneeId, to: target.id, toName: target.displayName, note: input.note ?? null }), authorId: actor.id, at: now },
    });
    await notify(tx, [target.id === actor.id ? null : target.id], "complaint.assigned", c.id, { complaintNo: c.complaintNo });
    await recordAudit(tx, actor, { action: "complaint.assigned", entity: "complaint", entityId: c.id, data: { from: c.assigneeId, to: target.id, note: input.note ?? null } });
  });
}

/**
 * Round-robin inside the complaint's team: the active agent whose skills match the category (or
 * who has none recorded), with fewer open complaints than their capacity, assigned longest ago.
 * Serialised per team with an advisory lock so two supervisors never both pick the same last slot.
 */
export async function autoAssignComplaint(actor: Actor, raw: unknown, now = new Date()): Promise<{ assigneeId: number }> {
  assertCan(actor, "complaint:assign");
  const input = autoAssignInput.parse(raw);
  return db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    checkVersion(c, input.version);
    if (c.teamId === null) throw new ValidationError({ teamId: "none" }, "complaints.errors.noAgentAvailable");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(6006, ${c.teamId})`;
    const [pick] = await tx.$queryRaw<{ id: number; display_name: string }[]>`
      SELECT u.id, u.display_name
      FROM app_user u
      LEFT JOIN agent_profile p ON p.user_id = u.id
      JOIN complaint_category cat ON cat.id = ${c.categoryId}
      WHERE u.is_active AND u.role = 'AGENT' AND u.team_id = ${c.teamId}
        AND (p.user_id IS NULL OR cardinality(p.skills) = 0 OR p.skills && cat.skill_tags)
        AND (SELECT count(*) FROM complaint o WHERE o.assignee_id = u.id AND o.status IN ('ACKNOWLEDGED', 'IN_PROGRESS', 'PENDING', 'HELD')) < COALESCE(p.capacity, 20)
      ORDER BY p.last_assigned_at NULLS FIRST, u.id
      LIMIT 1`;
    if (!pick) throw new ValidationError({ assigneeId: "none" }, "complaints.errors.noAgentAvailable");
    await tx.$executeRaw`
      INSERT INTO agent_profile (user_id, last_assigned_at) VALUES (${pick.id}, ${now})
      ON CONFLICT (user_id) DO UPDATE SET last_assigned_at = EXCLUDED.last_assigned_at`;
    await guardedUpdate(tx, c, { assigneeId: pick.id, updatedAt: now });
    await tx.complaintComment.create({
      data: { complaintId: c.id, kind: "SYSTEM", body: JSON.stringify({ event: "assigned", from: c.assigneeId, to: pick.id, toName: pick.display_name, note: "round-robin" }), authorId: actor.id, at: now },
    });
    await notify(tx, [pick.id], "complaint.assigned", c.id, { complaintNo: c.complaintNo });
    await recordAudit(tx, actor, { action: "complaint.assigned", entity: "complaint", entityId: c.id, data: { from: c.assigneeId, to: pick.id, rule: "roundRobin" } });
    return { assigneeId: pick.id };
  });
}

// ─────────────────────────────── comments, feedback, return visit ───────────────────────────────

/** Internal comments (staff only) and notes; append-only, so no version is needed. */
export async function addComplaintComment(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "complaint:handle");
  const input = commentInput.parse(raw);
  await db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    await tx.complaintComment.create({ data: { complaintId: c.id, kind: input.kind, body: input.body, authorId: actor.id, at: now } });
    await recordAudit(tx, actor, { action: "complaint.commented", entity: "complaint", entityId: c.id, data: { kind: input.kind } });
  });
}

/** The owner (or the handler) records the result given to the customer: stops the feedback clock. */
export async function recordComplaintFeedback(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "complaint:handle");
  const input = feedbackInput.parse(raw);
  await db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    checkVersion(c, input.version);
    const next = { ...c, feedbackAt: c.feedbackAt ?? now, firstRespondedAt: c.firstRespondedAt ?? now };
    const cols = await clockColumns(tx, next, c.status as ComplaintStatus, [], now);
    await guardedUpdate(tx, c, { feedbackAt: next.feedbackAt, firstRespondedAt: next.firstRespondedAt, ...cols });
    await tx.complaintComment.create({ data: { complaintId: c.id, kind: "FEEDBACK", body: input.body, authorId: actor.id, at: now } });
    await recordAudit(tx, actor, { action: "complaint.feedbackRecorded", entity: "complaint", entityId: c.id });
  });
}

/**
 * The return visit (回访) on a resolved complaint: satisfied closes it (confirmation RETURN_VISIT),
 * not satisfied reopens it with the customer's words as the reason.
 */
export async function recordReturnVisit(actor: Actor, raw: unknown, now = new Date()): Promise<{ status: ComplaintStatus }> {
  assertCan(actor, "complaint:handle");
  const input = returnVisitInput.parse(raw);
  return db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    checkVersion(c, input.version);
    if (c.status !== "RESOLVED") throw new ValidationError({ status: c.status }, "complaints.errors.returnVisitNotResolved");
    if (!input.satisfied && !input.notes.trim()) throw new ValidationError({ notes: "required" }, "complaints.errors.reasonRequired");
    await tx.complaintComment.create({
      data: { complaintId: c.id, kind: "SYSTEM", body: JSON.stringify({ event: "returnVisit", satisfied: input.satisfied, notes: input.notes }), authorId: actor.id, at: now },
    });
    await recordAudit(tx, actor, { action: "complaint.returnVisitRecorded", entity: "complaint", entityId: c.id, data: { satisfied: input.satisfied } });
    const status = input.satisfied
      ? await applyTransition(tx, actor, c, { action: "close", confirmation: "RETURN_VISIT" }, now)
      : await applyTransition(tx, actor, c, { action: "reopen", reason: input.notes }, now);
    return { status };
  });
}

// ─────────────────────────────── compensation ───────────────────────────────

async function limitFor(tx: Tx, role: Actor["role"], kind: "CREDIT" | "POINTS"): Promise<number> {
  const l = await tx.compensationLimit.findUnique({ where: { role } });
  if (!l) return 0;
  return kind === "CREDIT" ? Number(l.creditLimit) : l.pointsLimit;
}

/** Credit (yuan) or loyalty points: within the actor's limit it is approved, above it waits for a supervisor. */
export async function requestCompensation(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: number; status: "APPROVED" | "PENDING_APPROVAL" }> {
  assertCan(actor, "complaint:compensate");
  const input = compensationInput.parse(raw);
  return db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    const limit = await limitFor(tx, actor.role, input.kind);
    const status = input.amount <= limit ? "APPROVED" : "PENDING_APPROVAL";
    const comp = await tx.complaintCompensation.create({
      data: {
        complaintId: c.id,
        kind: input.kind,
        amount: input.amount,
        reason: input.reason,
        status,
        requestedBy: actor.id,
        ...(status === "APPROVED" ? { decidedBy: actor.id, decidedAt: now } : {}),
        createdAt: now,
      },
    });
    if (status === "PENDING_APPROVAL") {
      const sups = await tx.user.findMany({ where: { isActive: true, role: "SUPERVISOR", teamId: c.teamId ?? -1 }, select: { id: true } });
      await notify(tx, sups.map((s) => s.id), "complaint.compensationPending", c.id, { complaintNo: c.complaintNo, amount: input.amount, kind: input.kind });
    }
    await recordAudit(tx, actor, { action: "complaint.compensationRequested", entity: "complaint", entityId: c.id, data: { compensationId: comp.id, kind: input.kind, amount: input.amount, status, limit } });
    return { id: comp.id, status };
  });
}

/** A supervisor (or manager) approves or rejects compensation above the requester's limit, within their own. */
export async function decideCompensation(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "complaint:approveCompensation");
  const input = decideCompensationInput.parse(raw);
  await db.$transaction(async (tx) => {
    const comp = await tx.complaintCompensation.findUnique({ where: { id: input.compensationId } });
    if (!comp) throw new NotFoundError("compensation");
    const c = await loadInScope(tx, actor, comp.complaintId);
    if (comp.version !== input.version) throw new ConflictError();
    if (comp.status !== "PENDING_APPROVAL") throw new ValidationError({ status: comp.status }, "complaints.errors.compensationDecided");
    if (input.approve && Number(comp.amount) > (await limitFor(tx, actor.role, comp.kind))) {
      throw new ValidationError({ amount: "overLimit" }, "complaints.errors.overApproverLimit");
    }
    const n = await tx.complaintCompensation.updateMany({
      where: { id: comp.id, version: comp.version },
      data: { status: input.approve ? "APPROVED" : "REJECTED", decidedBy: actor.id, decidedAt: now, version: { increment: 1 } },
    });
    if (n.count === 0) throw new ConflictError();
    await notify(tx, [comp.requestedBy], input.approve ? "complaint.compensationApproved" : "complaint.compensationRejected", c.id, { complaintNo: c.complaintNo });
    await recordAudit(tx, actor, { action: input.approve ? "complaint.compensationApproved" : "complaint.compensationRejected", entity: "complaint", entityId: c.id, data: { compensationId: comp.id } });
  });
}

// ─────────────────────────────── notifications ───────────────────────────────

/** Marks the actor's notifications read (all, or the given ids); only their own rows change. */
export async function markNotificationsRead(actor: Actor, ids: number[] | "all", now = new Date()): Promise<number> {
  const where: Prisma.NotificationWhereInput = { userId: actor.id, readAt: null, ...(ids === "all" ? {} : { id: { in: ids.map(BigInt) } }) };
  const r = await db.notification.updateMany({ where, data: { readAt: now } });
  return r.count;
}
