import "server-only";
import { db, sqlRows, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { auditInsertSql, recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { nextStatus, resolutionProblems, type ComplaintAction, type ComplaintStatus } from "@/lib/complaints/workflow";
import { rootCausesOfCategory } from "@/lib/complaints/root-cause-queries";
import { CLOCK_HISTORY_COLUMNS, clockColumnsOf, clockHistoryOf, clockSetSql, readClockHistory, type ClockHistory } from "@/lib/complaints/clock-columns";
import { notifySql } from "@/lib/complaints/notifications";
import { complaintScopeSql, loadInScope } from "@/lib/complaints/scope";
import { loadCalendar } from "@/lib/complaints/standards";
import { checkVersion } from "@/lib/complaints/version-guard";
import { returnVisitInput, transitionInput, type TransitionInput } from "@/lib/complaints/schemas";
import { apiEventSql, hubEventCountSql, nudgeHubDelivery } from "@/lib/api/hub/event-commands";
import { STATUS_TO_TMF } from "@/lib/api/tmf621/mapping";

// Status transitions through the TMF621 state machine (lib/complaints/workflow.ts), each written
// as one statement with its clocks, status change, audit row and notices; and the return visit
// (回访), which closes or reopens a resolved complaint.

type Row = Prisma.ComplaintGetPayload<object>;

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
  input: { action: ComplaintAction; reason?: string | null; confirmation?: "CUSTOMER_CONFIRMED" | "RETURN_VISIT" | null; rootCauseId?: number | null },
  now: Date,
  known?: ClockHistory,
) {
  const from = c.status as ComplaintStatus;
  const r = nextStatus(from, input.action, { reason: input.reason, confirmation: input.confirmation });
  if (!r.ok) {
    const code = { ILLEGAL_TRANSITION: "illegalTransition", REASON_REQUIRED: "reasonRequired", CONFIRMATION_REQUIRED: "confirmationRequired" }[r.reason];
    throw new ValidationError({ action: r.reason }, `complaint.${code}`);
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
    // The root cause named now (a bulk resolve names none and keeps what the complaint had).
    ...(input.action === "resolve" && input.rootCauseId != null ? [Prisma.sql`root_cause_id = ${input.rootCauseId}::int`] : []),
    ...(input.action === "close" ? [Prisma.sql`closed_at = ${now}::timestamptz`] : []),
    // Reopened: the cause is named again on the next resolution.
    ...(input.action === "reopen" ? [Prisma.sql`resolved_at = NULL`, Prisma.sql`closed_at = NULL`, Prisma.sql`root_cause_id = NULL`] : []),
    ...clockSetSql(cols),
    Prisma.sql`version = version + 1`,
    Prisma.sql`updated_at = ${now}::timestamptz`,
  ];
  // 首问负责制: when someone else resolves it, the owner is reminded to report the result back.
  const reportBack = input.action === "resolve" && c.ownerId !== actor.id;
  // The compact ticket the listeners receive (lib/api/hub/event-commands.ts); they GET the rest.
  const ticketEvent = {
    status: STATUS_TO_TMF[to],
    statusChangeDate: now.toISOString(),
    statusChangeReason: input.reason?.trim() || undefined,
    lastUpdate: now.toISOString(),
    resolutionDate: input.action === "resolve" ? now.toISOString() : undefined,
  };
  const [u] = await sqlRows<{ id: number; hub_events: number }>(
    Prisma.sql`
      WITH u AS (UPDATE complaint SET ${Prisma.join(set)} WHERE id = ${c.id} AND version = ${c.version} RETURNING id, team_id, owner_id, assignee_id),
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
          data: {
            action: input.action,
            from,
            to,
            reason: input.reason ?? null,
            confirmation: input.confirmation ?? null,
            ...(input.rootCauseId != null ? { rootCauseId: input.rootCauseId } : {}),
          },
        },
        "u",
      )}),
      ${apiEventSql({ type: "TroubleTicketStatusChangeEvent", source: "u", resource: ticketEvent, now })}
      ${input.action === "resolve" ? Prisma.sql`, ${apiEventSql({ type: "TroubleTicketResolvedEvent", source: "u", resource: ticketEvent, prefix: "hub_r", now })}` : Prisma.empty}
      SELECT id, ${hubEventCountSql()} + ${input.action === "resolve" ? hubEventCountSql("hub_r") : Prisma.sql`0`} AS hub_events FROM u`,
    tx ? { tx } : { prepared: true },
  );
  if (!u) throw new ConflictError("complaint changed concurrently");
  // Open API listeners: without tx the statement has committed; with one, the caller commits shortly.
  if (u.hub_events) nudgeHubDelivery(tx ? 1 : 0);
  return to;
}

/** A complaint in the actor's scope with its clock history, in one read (out of scope = not found). */
async function loadForTransition(actor: Actor, complaintId: number): Promise<TransitionRow & ClockHistory & { categoryId: number }> {
  const [r] = await sqlRows<TransitionRow & { categoryId: number; calendarVersion: number | null; history: Array<{ at: string; toStatus: ComplaintStatus }> }>(
    Prisma.sql`
      SELECT c.id, c.complaint_no AS "complaintNo", c.status::text AS status, c.version, c.owner_id AS "ownerId", c.calendar_id AS "calendarId",
             c.created_at AS "createdAt", c.first_response_min AS "firstResponseMin", c.feedback_min AS "feedbackMin", c.resolution_min AS "resolutionMin",
             c.cycle_min AS "cycleMin", c.warn_ratio AS "warnRatio", c.first_responded_at AS "firstRespondedAt", c.feedback_at AS "feedbackAt",
             c.category_id AS "categoryId", ${CLOCK_HISTORY_COLUMNS}
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
    throw new ValidationError({ confirmation: "useReturnVisit" }, "complaint.confirmationRequired");
  }
  const c = await loadForTransition(actor, input.complaintId);
  checkVersion(c, input.version);
  if (input.action === "resolve") {
    // A resolution says what was done and (where the category keeps a list) why it happened.
    const allowed = await rootCausesOfCategory(db, c.categoryId);
    const problems = resolutionProblems({ note: input.reason, rootCauseId: input.rootCauseId }, allowed.map((r) => r.id));
    if (Object.keys(problems).length > 0) throw new ValidationError(problems, "complaint.resolutionIncomplete");
  } else if (input.rootCauseId != null) {
    throw new ValidationError({ rootCauseId: "invalidOption" });
  }
  return { status: await applyTransition(null, actor, c, input, now, c) };
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
    if (c.status !== "RESOLVED") throw new ValidationError({ status: c.status }, "complaint.returnVisitNotResolved");
    if (!input.satisfied && !input.notes.trim()) throw new ValidationError({ notes: "required" }, "complaint.reasonRequired");
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
