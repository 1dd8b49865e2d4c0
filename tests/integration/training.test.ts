// Training (issue 24): supervisors plan their team's sessions (managers any), write the test,
// invite the team, mark attendance once it has started; the agent takes the test once after
// attending; attitude complaints and low QA scores assign training (idempotently); assignments are
// scheduled into a session and done when the agent attends — and who may not, may not.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import {
  cancelAssignment,
  cancelSession,
  createAssignment,
  createSession,
  inviteAttendees,
  markAttendance,
  saveQuestions,
  scheduleAssignment,
  submitTest,
  updateSession,
} from "@/lib/training/commands";
import { getSession, listAssignments, listSessions, myTraining } from "@/lib/training/queries";
import { runTrainingAssignmentScan } from "@/lib/training/scan-commands";
import { localOf } from "@/lib/training/schemas";
import { createAgent, createTeam, createUser } from "@/tests/factories/staff";
import { createKbArticle, createQaEvaluation } from "@/tests/factories/training";
import { createComplaint } from "@/tests/factories/complaints";
import { actorFor, auditCount } from "./helpers";

let manager: Actor;
let otherSupervisor: Actor;

beforeAll(async () => {
  manager = await actorFor("manager1");
  otherSupervisor = await actorFor("supervisor2");
});

async function setUp() {
  const team = await createTeam();
  const supervisor = await createUser({ role: "SUPERVISOR", teamId: team.id });
  const a = await createAgent({ teamId: team.id });
  const b = await createAgent({ teamId: team.id });
  const article = await createKbArticle({ titleZh: "携号转网办理指引", titleEn: "Number porting guide", ownerId: supervisor.user.id });
  return { team, supervisor, a, b, article };
}

const past = localOf(new Date(Date.now() - 2 * 3600_000));
const future = localOf(new Date(Date.now() + 7 * 86_400_000));

describe("sessions", () => {
  test("a supervisor plans one for their team with published materials; others do not see it", async () => {
    const { team, supervisor, article } = await setUp();
    const draft = await createKbArticle({ titleZh: "草稿", ownerId: supervisor.user.id, status: "DRAFT" });
    await expect(
      createSession(supervisor.actor, {
        topic: "携号转网",
        startsAt: future,
        durationMin: 60,
        teamId: team.id,
        trainerId: supervisor.user.id,
        articleIds: [draft.id],
      }),
    ).rejects.toMatchObject({ code: "validation", fields: { articleIds: "invalidOption" } });
    const other = await createTeam();
    await expect(
      createSession(supervisor.actor, { topic: "携号转网", startsAt: future, durationMin: 60, teamId: other.id, trainerId: supervisor.user.id }),
    ).rejects.toMatchObject({ code: "validation", fields: { teamId: "invalidOption" } });
    const { id } = await createSession(supervisor.actor, {
      topic: "携号转网",
      startsAt: future,
      durationMin: 60,
      teamId: null,
      trainerId: supervisor.user.id,
      articleIds: [article.id],
    });
    const s = await getSession(supervisor.actor, id);
    expect(s.teamId).toBe(team.id); // a supervisor's session is their team's
    expect(s.materials.map((m) => m.titleEn)).toEqual(["Number porting guide"]);
    expect((await listSessions(supervisor.actor)).rows.map((r) => r.id)).toContain(id);
    expect((await listSessions(manager)).rows.map((r) => r.id)).toContain(id);
    await expect(getSession(otherSupervisor, id)).rejects.toMatchObject({ code: "notFound" });
    expect((await listSessions(otherSupervisor)).rows.map((r) => r.id)).not.toContain(id);
    const agent = await actorFor("agent1");
    await expect(createSession(agent, { topic: "x", startsAt: future, durationMin: 60, teamId: null, trainerId: agent.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(getSession(agent, id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditCount({ action: "trainingSession.created", actorId: supervisor.user.id })).toBe(1);
  });

  test("an edit checks the version; a stale one changes nothing", async () => {
    const { team, supervisor } = await setUp();
    const { id } = await createSession(supervisor.actor, {
      topic: "旧主题",
      startsAt: future,
      durationMin: 60,
      teamId: team.id,
      trainerId: supervisor.user.id,
    });
    const input = { sessionId: id, topic: "新主题", startsAt: future, durationMin: 90, teamId: team.id, trainerId: supervisor.user.id, version: 1 };
    expect((await updateSession(supervisor.actor, input)).version).toBe(2);
    await expect(updateSession(supervisor.actor, { ...input, topic: "再改" })).rejects.toMatchObject({ code: "conflict" });
    expect((await getSession(manager, id)).topic).toBe("新主题");
    await expect(updateSession(otherSupervisor, { ...input, version: 2 })).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("attendance and the test", () => {
  test("invite the team, mark attendance after the start, the agent takes the test once", async () => {
    const { team, supervisor, a, b } = await setUp();
    const { id } = await createSession(supervisor.actor, {
      topic: "投诉处理规范",
      startsAt: past,
      durationMin: 60,
      teamId: team.id,
      trainerId: supervisor.user.id,
      passScore: 50,
    });
    const q = await saveQuestions(supervisor.actor, {
      sessionId: id,
      version: 1,
      questions: [
        { prompt: "首问负责制是指？", options: ["谁受理谁负责", "谁有空谁负责"], correctIndex: 0 },
        { prompt: "投诉处理时限？", options: ["24 小时", "7 天", "30 天"], correctIndex: 1 },
      ],
    });
    expect(q.version).toBe(2);
    await expect(
      saveQuestions(supervisor.actor, { sessionId: id, version: 2, questions: [{ prompt: "x", options: ["a"], correctIndex: 0 }] }),
    ).rejects.toMatchObject({ code: "validation" });
    expect((await inviteAttendees(supervisor.actor, { sessionId: id, team: true })).invited).toBe(2);
    expect((await inviteAttendees(supervisor.actor, { sessionId: id, team: true })).invited).toBe(0);
    // An agent of another team cannot be invited by this supervisor.
    const agent2 = await actorFor("agent2");
    await expect(inviteAttendees(supervisor.actor, { sessionId: id, userIds: [agent2.id] })).rejects.toMatchObject({ code: "validation" });
    // Not attended yet: no test.
    await expect(submitTest(a.actor, { sessionId: id, answers: [0, 1] })).rejects.toMatchObject({
      fields: { answers: "training.notAttended" },
    });
    await markAttendance(supervisor.actor, { sessionId: id, userId: a.user.id, version: 1, attendance: "ATTENDED" });
    await expect(markAttendance(supervisor.actor, { sessionId: id, userId: a.user.id, version: 1, attendance: "ABSENT" })).rejects.toMatchObject({
      code: "conflict",
    });
    await markAttendance(supervisor.actor, { sessionId: id, userId: b.user.id, version: 1, attendance: "ABSENT" });
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id } })).status).toBe("HELD");
    const mine = await myTraining(a.actor);
    expect(mine.past.find((s) => s.id === id)?.test?.map((x) => x.prompt)).toEqual(["首问负责制是指？", "投诉处理时限？"]);
    // The test reaches the agent without its answers.
    expect(JSON.stringify(mine.past.find((s) => s.id === id)?.test)).not.toContain("correct");
    expect(await submitTest(a.actor, { sessionId: id, answers: [0, 0] })).toEqual({ score: 50, passed: true });
    await expect(submitTest(a.actor, { sessionId: id, answers: [0, 1] })).rejects.toMatchObject({
      fields: { answers: "training.testTaken" },
    });
    await expect(submitTest(b.actor, { sessionId: id, answers: [0, 1] })).rejects.toMatchObject({ fields: { answers: "training.notAttended" } });
    // Someone took it: the test is locked.
    await expect(saveQuestions(supervisor.actor, { sessionId: id, version: 2, questions: [] })).rejects.toMatchObject({
      fields: { questions: "training.testTaken" },
    });
    const detail = await getSession(supervisor.actor, id);
    expect(detail.attendees.map((x) => [x.attendance, x.testScore]).sort()).toEqual([
      ["ABSENT", null],
      ["ATTENDED", 50],
    ]);
    // Another agent never invited: not found.
    const agent1 = await actorFor("agent1");
    await expect(submitTest(agent1, { sessionId: id, answers: [0, 1] })).rejects.toMatchObject({ code: "notFound" });
  });

  test("attendance waits for the start; the agent's upcoming sessions list their materials", async () => {
    const { team, supervisor, a, article } = await setUp();
    const { id } = await createSession(supervisor.actor, {
      topic: "新业务",
      startsAt: future,
      durationMin: 60,
      teamId: team.id,
      trainerId: supervisor.user.id,
      articleIds: [article.id],
    });
    await inviteAttendees(supervisor.actor, { sessionId: id, userIds: [a.user.id] });
    await expect(markAttendance(supervisor.actor, { sessionId: id, userId: a.user.id, version: 1, attendance: "ATTENDED" })).rejects.toMatchObject({
      fields: { attendance: "training.notStarted" },
    });
    const mine = await myTraining(a.actor);
    expect(mine.upcoming.map((s) => [s.id, s.materials.map((m) => m.id)])).toEqual([[id, [article.id]]]);
  });
});

describe("assignments", () => {
  test("the scan assigns attitude complaints (staff conduct) and low QA scores, once", async () => {
    const { team, supervisor, a, b } = await setUp();
    const attitude = await db.complaintCategory.findUniqueOrThrow({ where: { code: "SERVICE_ATTITUDE" } });
    const conduct = await db.complaintRootCause.findFirstOrThrow({ where: { categoryId: attitude.id, code: "STAFF_CONDUCT" } });
    const wait = await db.complaintRootCause.findFirstOrThrow({ where: { categoryId: attitude.id, code: "WAIT_TIME" } });
    const c1 = await createComplaint({ actor: a.actor, category: "SERVICE_ATTITUDE", steps: [{ action: "resolve", rootCauseId: conduct.id }] });
    // Waiting time is not the staff's conduct: no assignment.
    await createComplaint({ actor: b.actor, category: "SERVICE_ATTITUDE", steps: [{ action: "resolve", rootCauseId: wait.id }] });
    const now = new Date(Date.now() + 1000);
    await createQaEvaluation({
      agentId: b.user.id,
      teamId: team.id,
      evaluatorId: supervisor.user.id,
      finalScore: 45,
      scoredAt: new Date(now.getTime() - 3600_000),
    });
    await createQaEvaluation({
      agentId: a.user.id,
      teamId: team.id,
      evaluatorId: supervisor.user.id,
      finalScore: 40,
      scoredAt: new Date(now.getTime() - 3600_000),
      calibration: true,
    });
    await createQaEvaluation({
      agentId: a.user.id,
      teamId: team.id,
      evaluatorId: supervisor.user.id,
      finalScore: 85,
      scoredAt: new Date(now.getTime() - 3600_000),
    });
    await runTrainingAssignmentScan(now);
    await runTrainingAssignmentScan(now);
    const rows = await listAssignments(supervisor.actor, { status: "OPEN" });
    expect(rows.map((r) => [r.userId, r.reason, r.topic]).sort()).toEqual(
      [
        [a.user.id, "ATTITUDE_COMPLAINT", c1.complaintNo],
        [b.user.id, "LOW_QA_SCORE", "45.0"],
      ].sort(),
    );
    // The agent sees only their own.
    expect((await myTraining(a.actor)).assignments.map((r) => r.reason)).toEqual(["ATTITUDE_COMPLAINT"]);
    expect((await listAssignments(a.actor)).map((r) => r.userId)).toEqual([a.user.id]);
    expect((await listAssignments(otherSupervisor)).map((r) => r.userId)).not.toContain(a.user.id);
  });

  test("scheduled into a session, done when the agent attends; cancelling the session reopens it", async () => {
    const { team, supervisor, a, b } = await setUp();
    const { id: assignmentId } = await createAssignment(supervisor.actor, { userId: a.user.id, topic: "礼貌用语" });
    await expect(createAssignment(otherSupervisor, { userId: a.user.id, topic: "x" })).rejects.toMatchObject({ fields: { userId: "invalidOption" } });
    const { id: sessionId } = await createSession(supervisor.actor, {
      topic: "礼貌用语",
      startsAt: past,
      durationMin: 60,
      teamId: team.id,
      trainerId: supervisor.user.id,
    });
    await expect(scheduleAssignment(otherSupervisor, { assignmentId, version: 1, sessionId })).rejects.toMatchObject({ code: "notFound" });
    await scheduleAssignment(supervisor.actor, { assignmentId, version: 1, sessionId });
    expect((await getSession(supervisor.actor, sessionId)).attendees.map((x) => x.userId)).toEqual([a.user.id]);
    await markAttendance(supervisor.actor, { sessionId, userId: a.user.id, version: 1, attendance: "ATTENDED" });
    expect((await db.trainingAssignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe("DONE");

    const { id: second } = await createAssignment(supervisor.actor, { userId: b.user.id, topic: "业务知识" });
    const { id: planned } = await createSession(supervisor.actor, {
      topic: "业务知识",
      startsAt: future,
      durationMin: 60,
      teamId: team.id,
      trainerId: supervisor.user.id,
    });
    await scheduleAssignment(supervisor.actor, { assignmentId: second, version: 1, sessionId: planned });
    await cancelSession(supervisor.actor, { sessionId: planned, version: 1 });
    const reopened = await db.trainingAssignment.findUniqueOrThrow({ where: { id: second } });
    expect([reopened.status, reopened.sessionId]).toEqual(["OPEN", null]);
    await cancelAssignment(supervisor.actor, { assignmentId: second, version: reopened.version });
    expect((await db.trainingAssignment.findUniqueOrThrow({ where: { id: second } })).status).toBe("CANCELLED");
  });
});
