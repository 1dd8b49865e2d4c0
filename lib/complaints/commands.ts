import "server-only";
import { db, sqlRows, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { auditInsertSql, recordAudit } from "@/lib/audit/record";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { nextStatus, type ComplaintAction, type ComplaintStatus } from "@/lib/complaints/workflow";
import { computeComplaintClocks } from "@/lib/complaints/clocks";
import { complaintScope, complaintScopeSql } from "@/lib/complaints/scope";
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

function checkVersion(c: { version: number }, version: number) {
  if (c.version !== version) throw new ConflictError("complaint changed since it was loaded");
}

/** A complaint's status history and its calendar's current version (for the clocks). */
interface ClockHistory {
  calendarVersion: number | null;
  history: Array<{ at: Date; toStatus: ComplaintStatus }>;
}

/** The history and the calendar's version as two columns of a SELECT over complaint `c`. */
const CLOCK_HISTORY_COLUMNS = Prisma.sql`
  (SELECT version FROM business_calendar WHERE id = c.calendar_id) AS "calendarVersion",
  COALESCE((SELECT json_agg(json_build_object('at', h.at, 'toStatus', h.to_status) ORDER BY h.at, h.id)
            FROM complaint_status_change h WHERE h.complaint_id = c.id), '[]'::json) AS history`;

function clockHistoryOf(r: { calendarVersion: number | null; history: Array<{ at: string; toStatus: ComplaintStatus }> }): ClockHistory {
  return { calendarVersion: r.calendarVersion, history: r.history.map((h) => ({ at: new Date(h.at), toStatus: h.toStatus })) };
}

async function readClockHistory(tx: Tx, complaintId: number): Promise<ClockHistory> {
  const [r] = await tx.$queryRaw<Array<{ calendarVersion: number | null; history: Array<{ at: string; toStatus: ComplaintStatus }> }>>`
    SELECT ${CLOCK_HISTORY_COLUMNS} FROM complaint c WHERE c.id = ${complaintId}`;
  return clockHistoryOf(r);
}

/** The clock columns of a complaint as of `now`, from its history (see lib/complaints/clocks.ts). */
export async function clockColumns(
  tx: Tx,
  c: ClockInputs & { id: number; calendarId: number },
  status: ComplaintStatus,
  extraHistory: { at: Date; toStatus: ComplaintStatus }[],
  now: Date,
) {
  // The history and the calendar's version in one read; the parsed calendar is cached per version.
  const h = await readClockHistory(tx, c.id);
  return clockColumnsOf(c, status, [...h.history, ...extraHistory], await loadCalendar(tx, c.calendarId, h.calendarVersion ?? undefined), now);
}

/** The clock columns (clockColumnsOf) as the SET list of an UPDATE of complaint. */
function clockSetSql(cols: ReturnType<typeof clockColumnsOf>): Prisma.Sql[] {
  const at = (d: Date | null) => Prisma.sql`${d}::timestamptz`;
  return [
    Prisma.sql`first_response_due_at = ${at(cols.firstResponseDueAt)}`,
    Prisma.sql`feedback_due_at = ${at(cols.feedbackDueAt)}`,
    Prisma.sql`resolution_due_at = ${at(cols.resolutionDueAt)}`,
    Prisma.sql`cycle_due_at = ${at(cols.cycleDueAt)}`,
    Prisma.sql`next_due_at = ${at(cols.nextDueAt)}`,
    Prisma.sql`next_warn_at = ${at(cols.nextWarnAt)}`,
    Prisma.sql`is_sla_paused = ${cols.isSlaPaused}`,
    ...("warnedAt" in cols ? [Prisma.sql`warned_at = NULL`] : []),
  ];
}

type ClockInputs = Pick<Row, "createdAt" | "firstResponseMin" | "feedbackMin" | "resolutionMin" | "cycleMin" | "warnRatio" | "firstRespondedAt" | "feedbackAt">;

/** The clock columns from a complaint's targets and its whole status history (no reads). */
function clockColumnsOf(
  c: ClockInputs,
  status: ComplaintStatus,
  history: { at: Date; toStatus: ComplaintStatus }[],
  calendar: Awaited<ReturnType<typeof loadCalendar>>,
  now: Date,
) {
  const r = computeComplaintClocks(
    {
      createdAt: c.createdAt,
      status,
      targets: { FIRST_RESPONSE: c.firstResponseMin, FEEDBACK: c.feedbackMin, RESOLUTION: c.resolutionMin, CYCLE: c.cycleMin },
      warnRatio: c.warnRatio,
      firstRespondedAt: c.firstRespondedAt,
      feedbackAt: c.feedbackAt,
      history,
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

/**
 * notify() for a change written as one statement: one notification per row of `recipients` (a
 * SELECT of user ids as `user_id`), about the complaint in CTE `source` (a fixed name, never input).
 */
function notifySql(source: string, recipients: Prisma.Sql, kind: string, data: Prisma.InputJsonValue): Prisma.Sql {
  if (!/^[a-z_]+$/.test(source)) throw new Error("notifySql: source must be a CTE name");
  return Prisma.sql`
    INSERT INTO notification (user_id, kind, complaint_id, data)
    SELECT r.user_id, ${kind}, x.id, ${JSON.stringify(data)}::jsonb FROM ${Prisma.raw(source)} x, (${recipients}) r`;
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

  const pre = await readIntake(input, now);
  if (pre.existing) {
    if (pre.existing.ownerId !== actor.id) throw new ConflictError("idempotency key reused");
    return { id: pre.existing.id, complaintNo: pre.existing.complaintNo, created: false };
  }
  if (!pre.customerFound) throw new NotFoundError("customer");
  if (input.lineId && !pre.lineFound) throw new ValidationError({ lineId: "invalid" });
  if (!pre.category) throw new ValidationError({ categoryId: "invalid" });
  const target = pre.target;
  if (!target) throw new ValidationError({ grade: "noTarget" }, "complaints.errors.noTarget");
  const { category, valueTier, complaintNo: no } = pre;
  const assigneeId = input.grade === "GENERAL" ? actor.id : null;
  const targets = {
    slaTargetId: target.id,
    calendarId: target.calendarId,
    firstResponseMin: target.firstResponseMin,
    feedbackMin: target.feedbackMin,
    resolutionMin: target.resolutionMin,
    cycleMin: target.cycleMin,
    warnRatio: target.warnRatio,
  };
  // A new complaint's clocks need no history read: its one status change is the one written here.
  const cols = clockColumnsOf(
    { createdAt: now, ...targets, firstRespondedAt: null, feedbackAt: null },
    "ACKNOWLEDGED",
    [{ at: now, toStatus: "ACKNOWLEDGED" }],
    await loadCalendar(db, target.calendarId, target.calendarVersion),
    now,
  );
  // One statement writes the complaint, its first status change, the attachment, the major-grade
  // notices and the audit row: it commits whole or not at all, in one round trip (lib/db.ts sqlRows).
  const w = { ...targets, ...cols };
  const [row] = await sqlRows<{ id: number }>(
    Prisma.sql`
      WITH c AS (
        INSERT INTO complaint (complaint_no, customer_id, line_id, channel, category_id, grade, summary, details, owner_id, assignee_id, team_id, is_appeal,
          value_tier, idempotency_key, sla_target_id, calendar_id, first_response_min, feedback_min, resolution_min, cycle_min, warn_ratio,
          first_response_due_at, feedback_due_at, resolution_due_at, cycle_due_at, next_due_at, next_warn_at, is_sla_paused, created_at, updated_at)
        VALUES (${no}, ${input.customerId}, ${input.lineId ?? null}::int, ${input.channel}::"Channel", ${category.id}, ${input.grade}::"ComplaintGrade",
          ${input.summary}, ${input.details}, ${actor.id}, ${assigneeId}::int, ${actor.teamId}::int, ${input.isAppeal}, ${valueTier}, ${input.idempotencyKey},
          ${w.slaTargetId}, ${w.calendarId}, ${w.firstResponseMin}, ${w.feedbackMin}, ${w.resolutionMin}, ${w.cycleMin}, ${w.warnRatio}::float8,
          ${w.firstResponseDueAt}::timestamptz, ${w.feedbackDueAt}::timestamptz, ${w.resolutionDueAt}::timestamptz, ${w.cycleDueAt}::timestamptz,
          ${w.nextDueAt}::timestamptz, ${w.nextWarnAt}::timestamptz, ${w.isSlaPaused}, ${now}::timestamptz, ${now}::timestamptz)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING id),
      s AS (INSERT INTO complaint_status_change (complaint_id, action, from_status, to_status, actor_id, at)
            SELECT id, 'open', NULL, 'ACKNOWLEDGED', ${actor.id}, ${now}::timestamptz FROM c)
      ${
        file?.success
          ? Prisma.sql`, f AS (INSERT INTO complaint_attachment (complaint_id, file_name, mime_type, size, data, uploaded_by)
              SELECT id, ${file.data.fileName}, ${file.data.mimeType}, ${file.data.data.byteLength}, ${Buffer.from(file.data.data)}::bytea, ${actor.id} FROM c)`
          : Prisma.empty
      }
      ${
        // A major complaint notifies its team's supervisors and every manager at once.
        input.grade === "MAJOR"
          ? Prisma.sql`, n AS (${notifySql(
              "c",
              Prisma.sql`SELECT id AS user_id FROM app_user
                         WHERE is_active AND (role = 'MANAGER' OR (role = 'SUPERVISOR' AND team_id = ${actor.teamId}::int))`,
              "complaint.major",
              { complaintNo: no },
            )})`
          : Prisma.empty
      },
      a AS (${auditInsertSql(
        actor,
        {
          action: "complaint.opened",
          entity: "complaint",
          data: {
            complaintNo: no,
            customerId: input.customerId,
            grade: input.grade,
            category: category.code,
            isAppeal: input.isAppeal,
            slaTargetId: target.id,
          },
        },
        "c",
      )})
      SELECT id FROM c`,
    { prepared: true },
  );
  if (row) return { id: row.id, complaintNo: no, created: true };
  // Two submissions raced past the lookup: the unique key let one in; return that one.
  const again = await db.complaint.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, complaintNo: true, ownerId: true } });
  if (again && again.ownerId === actor.id) return { id: again.id, complaintNo: again.complaintNo, created: false };
  throw new ConflictError("idempotency key reused");
}

interface Intake {
  existing: { id: number; complaintNo: string; ownerId: number } | null;
  customerFound: boolean;
  lineFound: boolean;
  category: { id: number; code: string } | null;
  /** The customer's current value tier (it picks the SLA row); customers not yet scored are STANDARD. */
  valueTier: string;
  target: {
    id: number;
    calendarId: number;
    calendarVersion: number;
    firstResponseMin: number;
    feedbackMin: number;
    resolutionMin: number;
    cycleMin: number;
    warnRatio: number;
  } | null;
  complaintNo: string;
}

/**
 * Everything an intake reads, in one statement: an earlier complaint with the same idempotency
 * key, the customer and line checks, the active category, the value tier, the SLA target in force
 * and the next complaint number. The target is the most specific row: the category, then its
 * parent, then '*'; the customer's tier before STANDARD; the latest version of that key. (One
 * round trip instead of eight: at 16 agents at once the intake was bound by round trips.)
 * A number drawn for an intake that then fails validation is skipped, as after any rollback.
 */
async function readIntake(
  input: { idempotencyKey: string; customerId: number; lineId?: number | null; categoryId: number; grade: string; isAppeal: boolean },
  now: Date,
): Promise<Intake> {
  const [r] = await sqlRows<{
    existing: { id: number; complaint_no: string; owner_id: number } | null;
    customer_found: boolean;
    line_found: boolean;
    category_id: number | null;
    category_code: string | null;
    value_tier: string;
    target: {
      id: number;
      calendar_id: number;
      calendar_version: number;
      first_response_min: number;
      feedback_min: number;
      resolution_min: number;
      cycle_min: number;
      warn_ratio: number;
    } | null;
    no: string;
  }>(
    Prisma.sql`
    WITH cat AS (
      SELECT c.id, c.code, p.code AS parent_code FROM complaint_category c LEFT JOIN complaint_category p ON p.id = c.parent_id
      WHERE c.id = ${input.categoryId} AND c.is_active),
    tier AS (SELECT COALESCE((SELECT tier::text FROM customer_score WHERE customer_id = ${input.customerId}), 'STANDARD') AS t)
    SELECT
      (SELECT json_build_object('id', id, 'complaint_no', complaint_no, 'owner_id', owner_id) FROM complaint WHERE idempotency_key = ${input.idempotencyKey}) AS existing,
      EXISTS (SELECT 1 FROM customer WHERE id = ${input.customerId}) AS customer_found,
      EXISTS (SELECT 1 FROM line WHERE id = ${input.lineId ?? null}::int AND customer_id = ${input.customerId}) AS line_found,
      (SELECT id FROM cat) AS category_id, (SELECT code FROM cat) AS category_code, tier.t AS value_tier,
      (SELECT json_build_object('id', s.id, 'calendar_id', s.calendar_id, 'calendar_version', bc.version, 'first_response_min', s.first_response_min,
                                'feedback_min', s.feedback_min, 'resolution_min', s.resolution_min, 'cycle_min', s.cycle_min, 'warn_ratio', s.warn_ratio)
       FROM sla_target s JOIN business_calendar bc ON bc.id = s.calendar_id, cat
       WHERE s.category_code IN (cat.code, cat.parent_code, '*') AND s.grade = ${input.grade}::"ComplaintGrade"
         AND s.value_tier IN (tier.t, 'STANDARD') AND s.is_appeal = ${input.isAppeal} AND s.effective_from <= ${now}
       ORDER BY CASE s.category_code WHEN cat.code THEN 0 WHEN cat.parent_code THEN 1 ELSE 2 END,
                (s.value_tier <> tier.t), s.effective_from DESC
       LIMIT 1) AS target,
      'TS' || to_char(${now}::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad((nextval('complaint_no_seq') % 100000)::text, 5, '0') AS no
    FROM tier`,
    { prepared: true },
  );
  const t = r.target;
  return {
    existing: r.existing ? { id: r.existing.id, complaintNo: r.existing.complaint_no, ownerId: r.existing.owner_id } : null,
    customerFound: r.customer_found,
    lineFound: r.line_found,
    category: r.category_id != null && r.category_code != null ? { id: r.category_id, code: r.category_code } : null,
    valueTier: r.value_tier,
    target: t
      ? {
          id: t.id,
          calendarId: t.calendar_id,
          calendarVersion: t.calendar_version,
          firstResponseMin: t.first_response_min,
          feedbackMin: t.feedback_min,
          resolutionMin: t.resolution_min,
          cycleMin: t.cycle_min,
          warnRatio: t.warn_ratio,
        }
      : null,
    complaintNo: r.no,
  };
}

// ─────────────────────────────── transition ───────────────────────────────

/** What a transition reads of a complaint (a whole row, or loadForTransition's columns). */
type TransitionRow = Pick<
  Row,
  | "id"
  | "complaintNo"
  | "status"
  | "version"
  | "ownerId"
  | "calendarId"
  | "createdAt"
  | "firstResponseMin"
  | "feedbackMin"
  | "resolutionMin"
  | "cycleMin"
  | "warnRatio"
  | "firstRespondedAt"
  | "feedbackAt"
>;

/**
 * One step of the state machine, written as one statement: the version-guarded UPDATE with the new
 * clocks, the status change, the audit row and the owner's report-back notice. With `tx` it runs in
 * the caller's transaction; without, on its own (one statement is one transaction). `known` is the
 * clock history when the caller read it with the complaint.
 */
export async function applyTransition(
  tx: Tx | null,
  actor: Actor,
  c: TransitionRow,
  input: { action: ComplaintAction; reason?: string | null; confirmation?: "CUSTOMER_CONFIRMED" | "RETURN_VISIT" | null },
  now: Date,
  known?: ClockHistory,
) {
  const from = c.status as ComplaintStatus;
  const r = nextStatus(from, input.action, { reason: input.reason, confirmation: input.confirmation });
  if (!r.ok) {
    const code = { ILLEGAL_TRANSITION: "illegalTransition", REASON_REQUIRED: "reasonRequired", CONFIRMATION_REQUIRED: "confirmationRequired" }[r.reason];
    throw new ValidationError({ action: r.reason }, `complaints.errors.${code}`);
  }
  const to = r.to;
  const firstRespondedAt = c.firstRespondedAt ?? (from === "ACKNOWLEDGED" ? now : null);
  const h = known ?? (await readClockHistory(tx ?? db, c.id));
  const calendar = await loadCalendar(tx ?? db, c.calendarId, h.calendarVersion ?? undefined);
  const cols = clockColumnsOf({ ...c, firstRespondedAt }, to, [...h.history, { at: now, toStatus: to }], calendar, now);
  const set = [
    Prisma.sql`status = ${to}::"ComplaintStatus"`,
    Prisma.sql`first_responded_at = ${firstRespondedAt}::timestamptz`,
    ...(input.action === "resolve" ? [Prisma.sql`resolved_at = ${now}::timestamptz`] : []),
    ...(input.action === "close" ? [Prisma.sql`closed_at = ${now}::timestamptz`] : []),
    ...(input.action === "reopen" ? [Prisma.sql`resolved_at = NULL`, Prisma.sql`closed_at = NULL`] : []),
    ...clockSetSql(cols),
    Prisma.sql`version = version + 1`,
    Prisma.sql`updated_at = ${now}::timestamptz`,
  ];
  // 首问负责制: when someone else resolves it, the owner is reminded to report the result back.
  const reportBack = input.action === "resolve" && c.ownerId !== actor.id;
  const [u] = await sqlRows<{ id: number }>(
    Prisma.sql`
      WITH u AS (UPDATE complaint SET ${Prisma.join(set)} WHERE id = ${c.id} AND version = ${c.version} RETURNING id),
      s AS (INSERT INTO complaint_status_change (complaint_id, action, from_status, to_status, reason, actor_id, at)
            SELECT id, ${input.action}, ${from}::"ComplaintStatus", ${to}::"ComplaintStatus", ${input.reason?.trim() || (input.confirmation ?? null)}::text, ${actor.id}, ${now}::timestamptz FROM u),
      ${
        reportBack
          ? Prisma.sql`n AS (${notifySql("u", Prisma.sql`SELECT ${c.ownerId}::int AS user_id`, "complaint.resolvedReportBack", { complaintNo: c.complaintNo })}),`
          : Prisma.empty
      }
      a AS (${auditInsertSql(
        actor,
        {
          action: "complaint.transitioned",
          entity: "complaint",
          data: { action: input.action, from, to, reason: input.reason ?? null, confirmation: input.confirmation ?? null },
        },
        "u",
      )})
      SELECT id FROM u`,
    tx ? { tx } : { prepared: true },
  );
  if (!u) throw new ConflictError("complaint changed concurrently");
  return to;
}

/** A complaint in the actor's scope with its clock history, in one read (out of scope = not found). */
async function loadForTransition(actor: Actor, complaintId: number): Promise<TransitionRow & ClockHistory> {
  const [r] = await sqlRows<TransitionRow & { calendarVersion: number | null; history: Array<{ at: string; toStatus: ComplaintStatus }> }>(
    Prisma.sql`
      SELECT c.id, c.complaint_no AS "complaintNo", c.status::text AS status, c.version, c.owner_id AS "ownerId", c.calendar_id AS "calendarId",
             c.created_at AS "createdAt", c.first_response_min AS "firstResponseMin", c.feedback_min AS "feedbackMin", c.resolution_min AS "resolutionMin",
             c.cycle_min AS "cycleMin", c.warn_ratio AS "warnRatio", c.first_responded_at AS "firstRespondedAt", c.feedback_at AS "feedbackAt",
             ${CLOCK_HISTORY_COLUMNS}
      FROM complaint c WHERE c.id = ${complaintId} AND ${complaintScopeSql(actor)}`,
    { prepared: true },
  );
  if (!r) throw new NotFoundError("complaint");
  return { ...r, ...clockHistoryOf(r) };
}

/** Moves a complaint through the TMF621 state machine (lib/complaints/workflow.ts): one read, one write. */
export async function transitionComplaint(actor: Actor, raw: TransitionInput, now = new Date()): Promise<{ status: ComplaintStatus }> {
  assertCan(actor, "complaint:handle");
  const input = transitionInput.parse(raw);
  if (input.action === "close" && input.confirmation === "RETURN_VISIT") {
    // A return-visit closure is recorded through recordReturnVisit, which keeps its answer.
    throw new ValidationError({ confirmation: "useReturnVisit" }, "complaints.errors.confirmationRequired");
  }
  const c = await loadForTransition(actor, input.complaintId);
  checkVersion(c, input.version);
  return { status: await applyTransition(null, actor, c, input, now, c) };
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
    const target = await tx.user.findFirst({
      where: { id: input.assigneeId, isActive: true, role: { in: ["AGENT", "SUPERVISOR"] } },
      select: { id: true, teamId: true, displayName: true },
    });
    if (!target) throw new ValidationError({ assigneeId: "invalid" });
    if (actor.role === "SUPERVISOR" && target.teamId !== actor.teamId && c.teamId !== actor.teamId) throw new ValidationError({ assigneeId: "invalid" });
    await guardedUpdate(tx, c, { assigneeId: target.id, teamId: target.teamId ?? c.teamId, updatedAt: now });
    await tx.complaintComment.create({
      data: {
        complaintId: c.id,
        kind: "SYSTEM",
        body: JSON.stringify({ event: "assigned", from: c.assigneeId, to: target.id, toName: target.displayName, note: input.note ?? null }),
        authorId: actor.id,
        at: now,
      },
    });
    await notify(tx, [target.id === actor.id ? null : target.id], "complaint.assigned", c.id, { complaintNo: c.complaintNo });
    await recordAudit(tx, actor, {
      action: "complaint.assigned",
      entity: "complaint",
      entityId: c.id,
      data: { from: c.assigneeId, to: target.id, note: input.note ?? null },
    });
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
      data: {
        complaintId: c.id,
        kind: "SYSTEM",
        body: JSON.stringify({ event: "assigned", from: c.assigneeId, to: pick.id, toName: pick.display_name, note: "round-robin" }),
        authorId: actor.id,
        at: now,
      },
    });
    await notify(tx, [pick.id], "complaint.assigned", c.id, { complaintNo: c.complaintNo });
    await recordAudit(tx, actor, {
      action: "complaint.assigned",
      entity: "complaint",
      entityId: c.id,
      data: { from: c.assigneeId, to: pick.id, rule: "roundRobin" },
    });
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
      data: {
        complaintId: c.id,
        kind: "SYSTEM",
        body: JSON.stringify({ event: "returnVisit", satisfied: input.satisfied, notes: input.notes }),
        authorId: actor.id,
        at: now,
      },
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
      await notify(
        tx,
        sups.map((s) => s.id),
        "complaint.compensationPending",
        c.id,
        { complaintNo: c.complaintNo, amount: input.amount, kind: input.kind },
      );
    }
    await recordAudit(tx, actor, {
      action: "complaint.compensationRequested",
      entity: "complaint",
      entityId: c.id,
      data: { compensationId: comp.id, kind: input.kind, amount: input.amount, status, limit },
    });
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
    await notify(tx, [comp.requestedBy], input.approve ? "complaint.compensationApproved" : "complaint.compensationRejected", c.id, {
      complaintNo: c.complaintNo,
    });
    await recordAudit(tx, actor, {
      action: input.approve ? "complaint.compensationApproved" : "complaint.compensationRejected",
      entity: "complaint",
      entityId: c.id,
      data: { compensationId: comp.id },
    });
  });
}

// ─────────────────────────────── notifications ───────────────────────────────

/** Marks the actor's notifications read (all, or the given ids); only their own rows change. */
export async function markNotificationsRead(actor: Actor, ids: number[] | "all", now = new Date()): Promise<number> {
  const where: Prisma.NotificationWhereInput = { userId: actor.id, readAt: null, ...(ids === "all" ? {} : { id: { in: ids.map(BigInt) } }) };
  const r = await db.notification.updateMany({ where, data: { readAt: now } });
  return r.count;
}
