import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { staffScope, staffScopeWhere } from "@/lib/quality/staff-scope";
import { localOf } from "@/lib/training/schemas";

// Reads of training (issue 24): the sessions a supervisor (their team's) or manager (all) runs,
// one session in full, the agent's own training, the assignments in scope (decision 032).

export type SessionStatus = "PLANNED" | "HELD" | "CANCELLED";

export interface SessionListRow {
  id: number;
  topic: string;
  startsAt: Date;
  durationMin: number;
  status: SessionStatus;
  teamNameZh: string | null;
  teamNameEn: string | null;
  trainerName: string;
  invited: number;
  attended: number;
  averageScore: number | null;
}

export const SESSIONS_PAGE = 50;

/** The sessions the actor runs (supervisor: their team's; managers: all), newest first, keyset by (starts_at, id). */
export async function listSessions(actor: Actor, input: { after?: string } = {}): Promise<{ rows: SessionListRow[]; next: string | null }> {
  assertCan(actor, "training:manage");
  const scope = staffScope(actor);
  const [afterAt, afterId] = (input.after ?? "").split("_");
  const cursor = afterAt && afterId && /^\d+$/.test(afterId) && !Number.isNaN(Date.parse(afterAt)) ? { at: new Date(afterAt), id: Number(afterId) } : null;
  const rows = await db.$queryRaw<Array<Omit<SessionListRow, "averageScore"> & { averageScore: Prisma.Decimal | null }>>`
    SELECT s.id, s.topic, s.starts_at AS "startsAt", s.duration_min AS "durationMin", s.status::text AS status,
           t.name_zh AS "teamNameZh", t.name_en AS "teamNameEn", tr.display_name AS "trainerName",
           (SELECT count(*)::int FROM training_attendee a WHERE a.session_id = s.id) AS invited,
           (SELECT count(*)::int FROM training_attendee a WHERE a.session_id = s.id AND a.attendance = 'ATTENDED') AS attended,
           (SELECT round(avg(a.test_score), 1) FROM training_attendee a WHERE a.session_id = s.id) AS "averageScore"
    FROM training_session s LEFT JOIN team t ON t.id = s.team_id JOIN app_user tr ON tr.id = s.trainer_id
    WHERE ${scope.kind === "all" ? Prisma.sql`TRUE` : scope.kind === "team" ? Prisma.sql`s.team_id = ${scope.teamId}` : Prisma.sql`FALSE`}
      AND ${cursor ? Prisma.sql`(s.starts_at, s.id) < (${cursor.at}, ${cursor.id})` : Prisma.sql`TRUE`}
    ORDER BY s.starts_at DESC, s.id DESC LIMIT ${SESSIONS_PAGE + 1}`;
  const page = rows.slice(0, SESSIONS_PAGE).map((r) => ({ ...r, averageScore: r.averageScore === null ? null : Number(r.averageScore) }));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > SESSIONS_PAGE && last ? `${last.startsAt.toISOString()}_${last.id}` : null };
}

export interface Material {
  id: number;
  titleZh: string;
  titleEn: string;
}

export interface SessionDetail {
  id: number;
  topic: string;
  description: string;
  startsAt: string;
  durationMin: number;
  teamId: number | null;
  trainerId: number;
  articleIds: number[];
  passScore: number;
  status: SessionStatus;
  version: number;
  materials: Material[];
  questions: Array<{ prompt: string; options: string[]; correctIndex: number }>;
  attendees: Array<{ userId: number; name: string; attendance: "INVITED" | "ATTENDED" | "ABSENT"; testScore: number | null; version: number }>;
  /** Open assignments of the session's team (or, without a team, all in scope) to schedule into it. */
  openAssignments: AssignmentRow[];
}

async function materials(ids: number[]): Promise<Material[]> {
  if (!ids.length) return [];
  const rows = await db.kbArticle.findMany({ where: { id: { in: ids }, status: "PUBLISHED" }, select: { id: true, titleZh: true, titleEn: true } });
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is Material => !!r);
}

/** One session in full, for those who run it; out of scope: not found. */
export async function getSession(actor: Actor, sessionId: number): Promise<SessionDetail> {
  assertCan(actor, "training:manage");
  const scope = staffScope(actor);
  const s = await db.trainingSession.findFirst({
    where: { id: sessionId, ...(scope.kind === "team" ? { teamId: scope.teamId } : scope.kind === "own" ? { id: -1 } : {}) },
    include: { questions: { orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }, attendees: true },
  });
  if (!s) throw new NotFoundError("training_session");
  const users = await db.user.findMany({ where: { id: { in: s.attendees.map((a) => a.userId) } }, select: { id: true, displayName: true } });
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  const [mats, open] = await Promise.all([materials(s.articleIds), listAssignments(actor, { status: "OPEN", teamId: s.teamId ?? undefined })]);
  return {
    id: s.id,
    topic: s.topic,
    description: s.description,
    startsAt: localOf(s.startsAt),
    durationMin: s.durationMin,
    teamId: s.teamId,
    trainerId: s.trainerId,
    articleIds: s.articleIds,
    passScore: s.passScore,
    status: s.status,
    version: s.version,
    materials: mats,
    questions: s.questions.map((q) => ({ prompt: q.prompt, options: q.options, correctIndex: q.correctIndex })),
    attendees: s.attendees
      .map((a) => ({ userId: a.userId, name: name.get(a.userId) ?? "", attendance: a.attendance, testScore: a.testScore, version: a.version }))
      .sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
    openAssignments: open,
  };
}

export interface SessionFormOptions {
  teams: Array<{ id: number; nameZh: string; nameEn: string }>;
  trainers: Array<{ id: number; name: string }>;
  articles: Material[];
  /** Agents the actor may invite or assign (a supervisor: their team's). */
  agents: Array<{ id: number; name: string; teamId: number | null }>;
}

/** The choices of the session form: teams in scope, trainers (supervisors, managers), published articles, agents. */
export async function sessionFormOptions(actor: Actor): Promise<SessionFormOptions> {
  assertCan(actor, "training:manage");
  const scope = staffScope(actor);
  const teamWhere = scope.kind === "team" ? { id: scope.teamId } : {};
  const [teams, trainers, articles, agents] = await Promise.all([
    db.team.findMany({ where: teamWhere, select: { id: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } }),
    db.user.findMany({ where: { isActive: true, role: { in: ["SUPERVISOR", "MANAGER"] } }, select: { id: true, displayName: true }, orderBy: { displayName: "asc" }, take: 300 }),
    db.kbArticle.findMany({ where: { status: "PUBLISHED" }, select: { id: true, titleZh: true, titleEn: true }, orderBy: { updatedAt: "desc" }, take: 300 }),
    db.user.findMany({
      where: { isActive: true, role: "AGENT", ...(scope.kind === "team" ? { teamId: scope.teamId } : {}) },
      select: { id: true, displayName: true, teamId: true },
      orderBy: { displayName: "asc" },
      take: 500,
    }),
  ]);
  return { teams, trainers: trainers.map((u) => ({ id: u.id, name: u.displayName })), articles, agents: agents.map((u) => ({ id: u.id, name: u.displayName, teamId: u.teamId })) };
}

export interface AssignmentRow {
  id: number;
  userId: number;
  name: string;
  reason: "MANUAL" | "ATTITUDE_COMPLAINT" | "LOW_QA_SCORE";
  topic: string;
  status: "OPEN" | "SCHEDULED" | "DONE" | "CANCELLED";
  sessionId: number | null;
  createdAt: Date;
  version: number;
}

/** Assignments in scope (agent: own; supervisor: their team's; managers: all), newest first, at most 200. */
export async function listAssignments(actor: Actor, input: { status?: AssignmentRow["status"] | "ACTIVE"; teamId?: number } = {}): Promise<AssignmentRow[]> {
  assertCan(actor, "training:read");
  const status = input.status === "ACTIVE" ? { status: { in: ["OPEN", "SCHEDULED"] as AssignmentRow["status"][] } } : input.status ? { status: input.status } : {};
  const rows = await db.trainingAssignment.findMany({
    where: { ...staffScopeWhere(actor, "userId"), ...status, ...(input.teamId ? { teamId: input.teamId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.userId))] } }, select: { id: true, displayName: true } });
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({ id: r.id, userId: r.userId, name: name.get(r.userId) ?? "", reason: r.reason, topic: r.topic, status: r.status, sessionId: r.sessionId, createdAt: r.createdAt, version: r.version }));
}

export interface MySession {
  id: number;
  topic: string;
  description: string;
  startsAt: Date;
  durationMin: number;
  status: SessionStatus;
  trainerName: string;
  attendance: "INVITED" | "ATTENDED" | "ABSENT";
  testScore: number | null;
  passScore: number;
  materials: Material[];
  /** The test's questions (without the answers) when the agent may take it now. */
  test: Array<{ prompt: string; options: string[] }> | null;
}

/** The actor's own training: sessions they are invited to (upcoming first, then the last 20 past ones). */
export async function myTraining(actor: Actor, now = new Date()): Promise<{ upcoming: MySession[]; past: MySession[]; assignments: AssignmentRow[] }> {
  assertCan(actor, "training:read");
  const rows = await db.$queryRaw<Array<Omit<MySession, "materials" | "test"> & { articleIds: number[]; questions: number }>>`
    SELECT s.id, s.topic, s.description, s.starts_at AS "startsAt", s.duration_min AS "durationMin", s.status::text AS status, tr.display_name AS "trainerName",
           a.attendance::text AS attendance, a.test_score AS "testScore", s.pass_score AS "passScore", s.article_ids AS "articleIds",
           (SELECT count(*)::int FROM training_question q WHERE q.session_id = s.id) AS questions
    FROM training_attendee a JOIN training_session s ON s.id = a.session_id JOIN app_user tr ON tr.id = s.trainer_id
    WHERE a.user_id = ${actor.id} AND s.status <> 'CANCELLED'
    ORDER BY s.starts_at DESC LIMIT 60`;
  const all = await materials([...new Set(rows.flatMap((r) => r.articleIds))]);
  const byId = new Map(all.map((m) => [m.id, m]));
  const testable = rows.filter((r) => r.attendance === "ATTENDED" && r.testScore === null && r.questions > 0).map((r) => r.id);
  const questions = testable.length
    ? await db.trainingQuestion.findMany({ where: { sessionId: { in: testable } }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { sessionId: true, prompt: true, options: true } })
    : [];
  const out: MySession[] = rows.map(({ articleIds, ...r }) => ({
    id: r.id,
    topic: r.topic,
    description: r.description,
    startsAt: r.startsAt,
    durationMin: r.durationMin,
    status: r.status,
    trainerName: r.trainerName,
    attendance: r.attendance,
    testScore: r.testScore,
    passScore: r.passScore,
    materials: articleIds.map((id) => byId.get(id)).filter((m): m is Material => !!m),
    test: testable.includes(r.id) ? questions.filter((q) => q.sessionId === r.id).map((q) => ({ prompt: q.prompt, options: q.options })) : null,
  }));
  const ends = (s: MySession) => s.startsAt.getTime() + s.durationMin * 60_000;
  const upcoming = out.filter((s) => s.status === "PLANNED" && ends(s) >= now.getTime()).reverse();
  const past = out.filter((s) => !upcoming.includes(s)).slice(0, 20);
  const assignments = await db.trainingAssignment.findMany({ where: { userId: actor.id, status: { in: ["OPEN", "SCHEDULED"] } }, orderBy: { createdAt: "desc" }, take: 50 });
  return {
    upcoming,
    past,
    assignments: assignments.map((r) => ({ id: r.id, userId: r.userId, name: actor.name, reason: r.reason, topic: r.topic, status: r.status, sessionId: r.sessionId, createdAt: r.createdAt, version: r.version })),
  };
}
