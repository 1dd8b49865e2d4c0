import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { addDays, operatorDay } from "@/lib/automation/dates";
import { insertContact } from "@/lib/interactions/commands";
import type { DispositionName } from "@/lib/interactions/schemas";
import {
  CALL_BACK_MAX_DAYS,
  cancelCareTaskInput,
  outcomesFor,
  reassignCareTaskInput,
  recordCareOutcomeInput,
  setSpecialCareInput,
  type CancelCareTaskInput,
  type CareOutcomeName,
  type CareTaskKindName,
  type ReassignCareTaskInput,
  type RecordCareOutcomeInput,
  type SetSpecialCareInput,
} from "@/lib/care/schemas";
import type { z } from "zod";

// Care task commands (issue 23, docs/care.md "Care tasks"): one-key outcomes onto the timeline,
// reassignment by supervisors (their team) and managers (any), cancellation; the special-care flag.
// Each version-checked and audited in its transaction.

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationErrorFromZod(r.error);
  return r.data;
}

/** The timeline's disposition of each outcome. */
const DISPOSITION: Record<CareOutcomeName, DispositionName> = {
  COMPLETED: "RESOLVED",
  NOT_REACHABLE: "NO_ANSWER",
  DECLINED: "INFO_PROVIDED",
  CALL_BACK: "FOLLOW_UP",
  RETAINED: "RESOLVED",
  LOST: "INFO_PROVIDED",
};

interface TaskRow {
  id: bigint;
  version: number;
  customer_id: number;
  kind: CareTaskKindName;
  status: string;
  team_id: number | null;
  assignee_id: number | null;
  attempts: number;
}

async function lockTask(tx: Tx, id: bigint): Promise<TaskRow | null> {
  const [t] = await tx.$queryRaw<TaskRow[]>`
    SELECT id, version, customer_id, kind::text AS kind, status::text AS status, team_id, assignee_id, attempts
    FROM care_task WHERE id = ${id} FOR UPDATE`;
  return t ?? null;
}

/** A supervisor's team's task, or (managers) any: who may reassign and cancel. */
function mayAssign(actor: Actor, t: TaskRow): boolean {
  if (!can(actor, "care:assign")) return false;
  if (actor.role === "MANAGER") return true;
  return actor.role === "SUPERVISOR" && t.team_id !== null && t.team_id === actor.teamId;
}

/**
 * Records the outcome of a care task with one key: COMPLETED, NOT_REACHABLE, DECLINED or CALL_BACK
 * (a new due day) — a win-back: RETAINED (with the offer), LOST or NOT_REACHABLE. The contact goes
 * on the customer's timeline (an outbound call, linked as care_task.interaction_id). Its assignee
 * records it, or a supervisor of its team; anyone else gets "not found".
 */
export async function recordCareOutcome(actor: Actor, raw: RecordCareOutcomeInput, now = new Date()): Promise<{ status: "OPEN" | "DONE"; dueOn: string }> {
  assertCan(actor, "care:work");
  const input = parse(recordCareOutcomeInput, raw);
  return db.$transaction(async (tx) => {
    const t = await lockTask(tx, input.taskId);
    if (!t || !(t.assignee_id === actor.id || mayAssign(actor, t))) throw new NotFoundError("care_task");
    if (t.version !== input.version) throw new ConflictError();
    if (t.status !== "OPEN") throw new ValidationError({ status: "care.notOpen" }, "care.notOpen");
    if (!outcomesFor(t.kind).includes(input.outcome)) throw new ValidationError({ outcome: "invalidOption" });
    const today = operatorDay(now);
    let dueOn: string | null = null;
    if (input.outcome === "CALL_BACK") {
      const d = input.callBackOn;
      if (!d) throw new ValidationError({ callBackOn: "required" });
      if (d <= today || d > addDays(today, CALL_BACK_MAX_DAYS)) throw new ValidationError({ callBackOn: "care.callBackDay" });
      dueOn = d;
    }
    let offerRuleId: number | null = null;
    if (input.outcome === "RETAINED") {
      if (!input.offerRuleId) throw new ValidationError({ offerRuleId: "required" });
      const offer = await tx.offerRule.findUnique({ where: { id: input.offerRuleId }, select: { id: true } });
      if (!offer) throw new ValidationError({ offerRuleId: "invalidOption" });
      offerRuleId = offer.id;
    }
    const interactionId = await insertContact(tx, {
      customerId: t.customer_id,
      agentId: actor.id,
      channel: "OUTBOUND_CALL",
      direction: "OUTBOUND",
      disposition: DISPOSITION[input.outcome],
      notes: input.note || null,
      at: now,
    });
    const done = input.outcome !== "CALL_BACK";
    const updated = await tx.careTask.updateMany({
      where: { id: t.id, version: input.version },
      data: {
        status: done ? "DONE" : "OPEN",
        outcome: input.outcome,
        // A win-back keeps the offer it proposed when lost or unreachable (rates per offer count both).
        ...(offerRuleId ? { offerRuleId } : {}),
        interactionId,
        attempts: t.attempts + 1,
        ...(dueOn ? { dueOn: new Date(`${dueOn}T00:00:00Z`) } : {}),
        ...(done ? { doneById: actor.id, doneAt: now } : {}),
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new ConflictError();
    // The note may quote the customer: the audit keeps the facts, not the text.
    await recordAudit(tx, actor, {
      action: "careTask.outcomeRecorded",
      entity: "care_task",
      entityId: String(t.id),
      data: { outcome: input.outcome, kind: t.kind, customerId: t.customer_id, interactionId, ...(dueOn ? { dueOn } : {}), ...(offerRuleId ? { offerRuleId } : {}) },
    });
    const [row] = await tx.$queryRaw<Array<{ due_on: string }>>`SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM care_task WHERE id = ${t.id}`;
    return { status: done ? "DONE" : "OPEN", dueOn: row.due_on };
  });
}

/**
 * Gives an open task to another member (or back to the team's unassigned tasks): supervisors within
 * their team, managers any team (the task moves to the new assignee's team).
 */
export async function reassignCareTask(actor: Actor, raw: ReassignCareTaskInput): Promise<{ version: number }> {
  assertCan(actor, "care:assign");
  const input = parse(reassignCareTaskInput, raw);
  return db.$transaction(async (tx) => {
    const t = await lockTask(tx, input.taskId);
    if (!t || !mayAssign(actor, t)) throw new NotFoundError("care_task");
    if (t.version !== input.version) throw new ConflictError();
    if (t.status !== "OPEN") throw new ValidationError({ status: "care.notOpen" }, "care.notOpen");
    let teamId = t.team_id;
    if (input.assigneeId !== null) {
      const u = await tx.user.findFirst({
        where: { id: input.assigneeId, isActive: true, role: { in: ["AGENT", "SUPERVISOR"] } },
        select: { teamId: true },
      });
      if (!u || u.teamId === null || (actor.role === "SUPERVISOR" && u.teamId !== actor.teamId)) throw new ValidationError({ assigneeId: "invalidOption" });
      teamId = u.teamId;
    }
    const r = await tx.careTask.updateMany({
      where: { id: t.id, version: input.version },
      data: { assigneeId: input.assigneeId, teamId, version: { increment: 1 } },
    });
    if (r.count !== 1) throw new ConflictError();
    await recordAudit(tx, actor, {
      action: "careTask.reassigned",
      entity: "care_task",
      entityId: String(t.id),
      data: { from: t.assignee_id, to: input.assigneeId, teamId },
    });
    return { version: input.version + 1 };
  });
}

/** Cancels an open task (a duplicate, a customer who asked not to be called), with a reason. */
export async function cancelCareTask(actor: Actor, raw: CancelCareTaskInput): Promise<{ version: number }> {
  assertCan(actor, "care:assign");
  const input = parse(cancelCareTaskInput, raw);
  return db.$transaction(async (tx) => {
    const t = await lockTask(tx, input.taskId);
    if (!t || !mayAssign(actor, t)) throw new NotFoundError("care_task");
    if (t.version !== input.version) throw new ConflictError();
    if (t.status !== "OPEN") throw new ValidationError({ status: "care.notOpen" }, "care.notOpen");
    const r = await tx.careTask.updateMany({ where: { id: t.id, version: input.version }, data: { status: "CANCELLED", version: { increment: 1 } } });
    if (r.count !== 1) throw new ConflictError();
    await recordAudit(tx, actor, { action: "careTask.cancelled", entity: "care_task", entityId: String(t.id), data: { reason: input.reason, kind: t.kind } });
    return { version: input.version + 1 };
  });
}

/**
 * Sets a customer's special-care flag (elderly, disabled, none): supervisors and admins
 * (customer:setSpecialCare), against the customer's version; audited. SPECIAL_CARE_VISIT rules visit them.
 */
export async function setSpecialCare(actor: Actor, raw: SetSpecialCareInput): Promise<{ version: number }> {
  assertCan(actor, "customer:setSpecialCare");
  const input = parse(setSpecialCareInput, raw);
  return db.$transaction(async (tx) => {
    const c = await tx.customer.findUnique({ where: { id: input.customerId }, select: { specialCare: true, version: true } });
    if (!c) throw new NotFoundError("customer");
    if (c.version !== input.version) throw new ConflictError();
    const r = await tx.customer.updateMany({
      where: { id: input.customerId, version: input.version },
      data: { specialCare: input.specialCare, version: { increment: 1 } },
    });
    if (r.count !== 1) throw new ConflictError();
    await recordAudit(tx, actor, {
      action: "customer.specialCareSet",
      entity: "customer",
      entityId: input.customerId,
      data: { from: c.specialCare, to: input.specialCare },
    });
    return { version: input.version + 1 };
  });
}
