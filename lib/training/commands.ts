import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { staffScope } from "@/lib/quality/staff-scope";
import {
  cancelAssignmentInput,
  cancelSessionInput,
  createAssignmentInput,
  createSessionInput,
  instantOf,
  inviteInput,
  markAttendanceInput,
  saveQuestionsInput,
  scheduleAssignmentInput,
  submitTestInput,
  testScore,
  updateSessionInput,
  type CancelAssignmentInput,
  type CancelSessionInput,
  type CreateAssignmentInput,
  type CreateSessionInput,
  type InviteInput,
  type MarkAttendanceInput,
  type SaveQuestionsInput,
  type ScheduleAssignmentInput,
  type SubmitTestInput,
  type UpdateSessionInput,
} from "@/lib/training/schemas";

// Training commands (issue 24, docs/training-assessment.md "Training"): sessions, their test,
// invitations and attendance (training:manage: supervisors their team's sessions, managers any),
// the agent's test (once, after attending), assignments. Scoped (decision 032), version-checked
// and audited in their transaction; out of scope reads as not found.

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationErrorFromZod(r.error);
  return r.data;
}

interface SessionRow {
  id: number;
  team_id: number | null;
  status: "PLANNED" | "HELD" | "CANCELLED";
  starts_at: Date;
  version: number;
}

/** The session, locked, when the actor may manage it (supervisor: their team's; managers: any). */
async function manageableSession(tx: Tx, actor: Actor, sessionId: number): Promise<SessionRow> {
  const [s] = await tx.$queryRaw<SessionRow[]>`
    SELECT id, team_id, status::text AS status, starts_at, version FROM training_session WHERE id = ${sessionId} FOR UPDATE`;
  if (!s || !mayManageTeam(actor, s.team_id)) throw new NotFoundError("training_session");
  return s;
}

function mayManageTeam(actor: Actor, teamId: number | null): boolean {
  const scope = staffScope(actor);
  if (scope.kind === "all") return true;
  return scope.kind === "team" && teamId === scope.teamId;
}

/** Checks the session's trainer, team and materials; a supervisor's session is their team's. */
async function checkSessionRefs(tx: Tx, actor: Actor, input: { teamId: number | null; trainerId: number; articleIds: number[] }): Promise<number | null> {
  const scope = staffScope(actor);
  const teamId = scope.kind === "team" ? scope.teamId : input.teamId;
  if (scope.kind === "team" && input.teamId !== null && input.teamId !== scope.teamId) throw new ValidationError({ teamId: "invalidOption" });
  if (teamId !== null && !(await tx.team.findUnique({ where: { id: teamId }, select: { id: true } }))) throw new ValidationError({ teamId: "invalidOption" });
  const trainer = await tx.user.findUnique({ where: { id: input.trainerId }, select: { isActive: true } });
  if (!trainer?.isActive) throw new ValidationError({ trainerId: "invalidOption" });
  if (input.articleIds.length) {
    const n = await tx.kbArticle.count({ where: { id: { in: input.articleIds }, status: "PUBLISHED" } });
    if (n !== input.articleIds.length) throw new ValidationError({ articleIds: "invalidOption" });
  }
  return teamId;
}

export async function createSession(actor: Actor, raw: CreateSessionInput): Promise<{ id: number }> {
  assertCan(actor, "training:manage");
  const input = parse(createSessionInput, raw);
  return db.$transaction(async (tx) => {
    const teamId = await checkSessionRefs(tx, actor, input);
    const s = await tx.trainingSession.create({
      data: {
        topic: input.topic,
        description: input.description,
        startsAt: instantOf(input.startsAt),
        durationMin: input.durationMin,
        teamId,
        trainerId: input.trainerId,
        articleIds: input.articleIds,
        passScore: input.passScore,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, actor, { action: "trainingSession.created", entity: "training_session", entityId: s.id, data: { topic: input.topic, teamId, startsAt: input.startsAt } });
    return { id: s.id };
  });
}

export async function updateSession(actor: Actor, raw: UpdateSessionInput): Promise<{ version: number }> {
  assertCan(actor, "training:manage");
  const input = parse(updateSessionInput, raw);
  return db.$transaction(async (tx) => {
    const s = await manageableSession(tx, actor, input.sessionId);
    if (s.version !== input.version) throw new ConflictError();
    if (s.status === "CANCELLED") throw new ValidationError({ topic: "training.cancelled" }, "training.cancelled");
    const teamId = await checkSessionRefs(tx, actor, input);
    await tx.trainingSession.update({
      where: { id: s.id },
      data: {
        topic: input.topic,
        description: input.description,
        startsAt: instantOf(input.startsAt),
        durationMin: input.durationMin,
        teamId,
        trainerId: input.trainerId,
        articleIds: input.articleIds,
        passScore: input.passScore,
        version: { increment: 1 },
      },
    });
    await recordAudit(tx, actor, { action: "trainingSession.updated", entity: "training_session", entityId: s.id, data: { topic: input.topic, teamId, startsAt: input.startsAt } });
    return { version: s.version + 1 };
  });
}

/** Cancels a session: its scheduled assignments go back to open. */
export async function cancelSession(actor: Actor, raw: CancelSessionInput): Promise<void> {
  assertCan(actor, "training:manage");
  const input = parse(cancelSessionInput, raw);
  await db.$transaction(async (tx) => {
    const s = await manageableSession(tx, actor, input.sessionId);
    if (s.version !== input.version) throw new ConflictError();
    if (s.status !== "PLANNED") throw new ValidationError({ sessionId: "training.notPlanned" }, "training.notPlanned");
    await tx.trainingSession.update({ where: { id: s.id }, data: { status: "CANCELLED", version: { increment: 1 } } });
    const reopened = await tx.trainingAssignment.updateMany({
      where: { sessionId: s.id, status: "SCHEDULED" },
      data: { status: "OPEN", sessionId: null, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, { action: "trainingSession.cancelled", entity: "training_session", entityId: s.id, data: { reopenedAssignments: reopened.count } });
  });
}

/** Replaces the session's test (before anyone has taken it). */
export async function saveQuestions(actor: Actor, raw: SaveQuestionsInput): Promise<{ version: number }> {
  assertCan(actor, "training:manage");
  const input = parse(saveQuestionsInput, raw);
  return db.$transaction(async (tx) => {
    const s = await manageableSession(tx, actor, input.sessionId);
    if (s.version !== input.version) throw new ConflictError();
    if (await tx.trainingAttendee.count({ where: { sessionId: s.id, testScore: { not: null } } }))
      throw new ValidationError({ questions: "training.testTaken" }, "training.testTaken");
    await tx.trainingQuestion.deleteMany({ where: { sessionId: s.id } });
    if (input.questions.length)
      await tx.trainingQuestion.createMany({
        data: input.questions.map((q, i) => ({ sessionId: s.id, prompt: q.prompt, options: q.options, correctIndex: q.correctIndex, sortOrder: i })),
      });
    await tx.trainingSession.update({ where: { id: s.id }, data: { version: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "trainingSession.testSaved", entity: "training_session", entityId: s.id, data: { questions: input.questions.length } });
    return { version: s.version + 1 };
  });
}

/** Invites agents (a supervisor: of their team), or the session's whole team; already invited ones stay as they are. */
export async function inviteAttendees(actor: Actor, raw: InviteInput): Promise<{ invited: number }> {
  assertCan(actor, "training:manage");
  const input = parse(inviteInput, raw);
  return db.$transaction(async (tx) => {
    const s = await manageableSession(tx, actor, input.sessionId);
    if (s.status === "CANCELLED") throw new ValidationError({ userIds: "training.cancelled" }, "training.cancelled");
    if (!input.team && !input.userIds.length) throw new ValidationError({ userIds: "required" });
    if (input.team && s.team_id === null) throw new ValidationError({ userIds: "training.noTeam" }, "training.noTeam");
    const scope = staffScope(actor);
    const agents = await tx.user.findMany({
      where: {
        role: "AGENT",
        isActive: true,
        ...(input.team ? { teamId: s.team_id } : { id: { in: input.userIds } }),
        ...(scope.kind === "team" ? { teamId: scope.teamId } : {}),
      },
      select: { id: true },
    });
    if (!input.team && agents.length !== input.userIds.length) throw new ValidationError({ userIds: "invalidOption" });
    const r = await tx.trainingAttendee.createMany({ data: agents.map((a) => ({ sessionId: s.id, userId: a.id })), skipDuplicates: true });
    await recordAudit(tx, actor, { action: "trainingSession.invited", entity: "training_session", entityId: s.id, data: { invited: r.count, team: input.team } });
    return { invited: r.count };
  });
}

/**
 * Marks an attendee attended or absent (once the session has started). The session is then held;
 * an assignment scheduled into it is done when its agent attended (open again when absent).
 */
export async function markAttendance(actor: Actor, raw: MarkAttendanceInput, now = new Date()): Promise<{ version: number }> {
  assertCan(actor, "training:manage");
  const input = parse(markAttendanceInput, raw);
  return db.$transaction(async (tx) => {
    const s = await manageableSession(tx, actor, input.sessionId);
    const a = await tx.trainingAttendee.findUnique({ where: { sessionId_userId: { sessionId: s.id, userId: input.userId } } });
    if (!a) throw new NotFoundError("training_attendee");
    if (a.version !== input.version) throw new ConflictError();
    if (s.status === "CANCELLED") throw new ValidationError({ attendance: "training.cancelled" }, "training.cancelled");
    if (s.starts_at > now) throw new ValidationError({ attendance: "training.notStarted" }, "training.notStarted");
    if (input.attendance === "ABSENT" && a.testScore !== null) throw new ValidationError({ attendance: "training.testTaken" }, "training.testTaken");
    await tx.trainingAttendee.update({
      where: { sessionId_userId: { sessionId: s.id, userId: input.userId }, version: input.version },
      data: { attendance: input.attendance, version: { increment: 1 } },
    });
    if (s.status === "PLANNED") await tx.trainingSession.update({ where: { id: s.id }, data: { status: "HELD" } });
    await tx.trainingAssignment.updateMany({
      where: { sessionId: s.id, userId: input.userId, status: input.attendance === "ATTENDED" ? "SCHEDULED" : "DONE" },
      data: input.attendance === "ATTENDED" ? { status: "DONE", version: { increment: 1 } } : { status: "SCHEDULED", version: { increment: 1 } },
    });
    await recordAudit(tx, actor, { action: "trainingAttendee.marked", entity: "training_attendee", entityId: `${s.id}:${input.userId}`, data: { attendance: input.attendance } });
    return { version: input.version + 1 };
  });
}

/** The agent's test, once, after attending: the score 0..100 and whether it passed. */
export async function submitTest(actor: Actor, raw: SubmitTestInput, now = new Date()): Promise<{ score: number; passed: boolean }> {
  assertCan(actor, "training:read");
  const input = parse(submitTestInput, raw);
  return db.$transaction(async (tx) => {
    const [a] = await tx.$queryRaw<Array<{ attendance: string; test_score: number | null; pass_score: number; version: number }>>`
      SELECT a.attendance::text AS attendance, a.test_score, s.pass_score, a.version FROM training_attendee a JOIN training_session s ON s.id = a.session_id
      WHERE a.session_id = ${input.sessionId} AND a.user_id = ${actor.id} FOR UPDATE OF a`;
    if (!a) throw new NotFoundError("training_session");
    if (a.attendance !== "ATTENDED") throw new ValidationError({ answers: "training.notAttended" }, "training.notAttended");
    if (a.test_score !== null) throw new ValidationError({ answers: "training.testTaken" }, "training.testTaken");
    const questions = await tx.trainingQuestion.findMany({ where: { sessionId: input.sessionId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { correctIndex: true } });
    if (!questions.length) throw new ValidationError({ answers: "training.noTest" }, "training.noTest");
    if (input.answers.length !== questions.length) throw new ValidationError({ answers: "required" });
    const score = testScore(
      questions.map((q) => q.correctIndex),
      input.answers,
    );
    await tx.trainingAttendee.update({
      where: { sessionId_userId: { sessionId: input.sessionId, userId: actor.id } },
      data: { testScore: score, testedAt: now, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, { action: "trainingAttendee.tested", entity: "training_attendee", entityId: `${input.sessionId}:${actor.id}`, data: { score } });
    return { score, passed: score >= a.pass_score };
  });
}

/** A supervisor's (their team's agents) or manager's own assignment: "this agent needs training on …". */
export async function createAssignment(actor: Actor, raw: CreateAssignmentInput): Promise<{ id: number }> {
  assertCan(actor, "training:manage");
  const input = parse(createAssignmentInput, raw);
  return db.$transaction(async (tx) => {
    const scope = staffScope(actor);
    const u = await tx.user.findFirst({
      where: { id: input.userId, role: "AGENT", isActive: true, ...(scope.kind === "team" ? { teamId: scope.teamId } : {}) },
      select: { id: true, teamId: true },
    });
    if (!u) throw new ValidationError({ userId: "invalidOption" });
    const a = await tx.trainingAssignment.create({ data: { userId: u.id, teamId: u.teamId, reason: "MANUAL", topic: input.topic, createdById: actor.id } });
    await recordAudit(tx, actor, { action: "trainingAssignment.created", entity: "training_assignment", entityId: a.id, data: { userId: u.id, topic: input.topic } });
    return { id: a.id };
  });
}

async function scopedAssignment(tx: Tx, actor: Actor, assignmentId: number) {
  const scope = staffScope(actor);
  const a = await tx.trainingAssignment.findFirst({
    where: { id: assignmentId, ...(scope.kind === "team" ? { teamId: scope.teamId } : scope.kind === "own" ? { id: -1 } : {}) },
  });
  if (!a) throw new NotFoundError("training_assignment");
  return a;
}

/** Schedules an open assignment into a planned session the actor manages; the agent is invited. */
export async function scheduleAssignment(actor: Actor, raw: ScheduleAssignmentInput): Promise<{ version: number }> {
  assertCan(actor, "training:manage");
  const input = parse(scheduleAssignmentInput, raw);
  return db.$transaction(async (tx) => {
    const s = await manageableSession(tx, actor, input.sessionId);
    const a = await scopedAssignment(tx, actor, input.assignmentId);
    if (a.version !== input.version) throw new ConflictError();
    if (a.status !== "OPEN") throw new ValidationError({ assignmentId: "training.assignmentNotOpen" }, "training.assignmentNotOpen");
    if (s.status !== "PLANNED") throw new ValidationError({ sessionId: "training.notPlanned" }, "training.notPlanned");
    await tx.trainingAttendee.createMany({ data: [{ sessionId: s.id, userId: a.userId }], skipDuplicates: true });
    await tx.trainingAssignment.update({ where: { id: a.id, version: input.version }, data: { status: "SCHEDULED", sessionId: s.id, version: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "trainingAssignment.scheduled", entity: "training_assignment", entityId: a.id, data: { sessionId: s.id } });
    return { version: input.version + 1 };
  });
}

export async function cancelAssignment(actor: Actor, raw: CancelAssignmentInput): Promise<void> {
  assertCan(actor, "training:manage");
  const input = parse(cancelAssignmentInput, raw);
  await db.$transaction(async (tx) => {
    const a = await scopedAssignment(tx, actor, input.assignmentId);
    if (a.version !== input.version) throw new ConflictError();
    if (a.status === "DONE" || a.status === "CANCELLED") throw new ValidationError({ assignmentId: "training.assignmentNotOpen" }, "training.assignmentNotOpen");
    await tx.trainingAssignment.update({ where: { id: a.id, version: input.version }, data: { status: "CANCELLED", version: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "trainingAssignment.cancelled", entity: "training_assignment", entityId: a.id });
  });
}
