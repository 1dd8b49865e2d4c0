import { z } from "zod";

// Training sessions, their tests and attendees, training assignments (issue 24,
// docs/training-assessment.md). Browser-safe: the session form, the test and the server share these.

export const TOPIC_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const MAX_MATERIALS = 10;
export const MAX_QUESTIONS = 10;
export const MAX_OPTIONS = 6;
export const PROMPT_MAX = 500;
export const OPTION_MAX = 200;
export const MAX_INVITES = 200;

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().min(1).max(2_147_483_647);

/** "YYYY-MM-DDTHH:mm" as a datetime-local input gives it, in the operator's time zone (UTC+8). */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "invalid")
  .refine((s) => !Number.isNaN(Date.parse(`${s}:00+08:00`)) && new Date(`${s}:00+08:00`).toISOString() !== "", "invalid");

/** The instant of a datetime-local value in Asia/Shanghai. */
export function instantOf(local: string): Date {
  return new Date(`${local}:00+08:00`);
}

/** The datetime-local value of an instant in Asia/Shanghai. */
export function localOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable());
const idList = (max: number) =>
  z.preprocess((v) => (typeof v === "string" ? (v ? v.split(",") : []) : v), z.array(id).max(max)).transform((a) => [...new Set(a)]);

const sessionFields = {
  topic: z.string().trim().min(1).max(TOPIC_MAX),
  description: z.string().trim().max(DESCRIPTION_MAX).default(""),
  startsAt: localDateTime,
  durationMin: z.coerce.number().int().min(15).max(480),
  teamId: optionalId,
  trainerId: id,
  articleIds: idList(MAX_MATERIALS).default([]),
  passScore: z.coerce.number().int().min(0).max(100).default(60),
};

export const createSessionInput = z.object(sessionFields);
export type CreateSessionInput = z.input<typeof createSessionInput>;

export const updateSessionInput = z.object({ ...sessionFields, sessionId: id, version });
export type UpdateSessionInput = z.input<typeof updateSessionInput>;

export const cancelSessionInput = z.object({ sessionId: id, version });
export type CancelSessionInput = z.input<typeof cancelSessionInput>;

export const questionInput = z
  .object({
    prompt: z.string().trim().min(1).max(PROMPT_MAX),
    options: z.array(z.string().trim().min(1).max(OPTION_MAX)).min(2).max(MAX_OPTIONS),
    correctIndex: z.coerce.number().int().min(0).max(MAX_OPTIONS - 1),
  })
  .refine((q) => q.correctIndex < q.options.length, { path: ["correctIndex"], message: "invalidOption" });

/** The whole test of a session at once (replaces the questions; only before anyone took it). */
export const saveQuestionsInput = z.object({ sessionId: id, version, questions: z.array(questionInput).max(MAX_QUESTIONS) });
export type SaveQuestionsInput = z.input<typeof saveQuestionsInput>;

/** Invites agents (ids), or the session's whole team (`team: true`). */
export const inviteInput = z.object({ sessionId: id, userIds: idList(MAX_INVITES).default([]), team: z.coerce.boolean().default(false) });
export type InviteInput = z.input<typeof inviteInput>;

export const MARKS = ["ATTENDED", "ABSENT"] as const;
export const markAttendanceInput = z.object({ sessionId: id, userId: id, version, attendance: z.enum(MARKS) });
export type MarkAttendanceInput = z.input<typeof markAttendanceInput>;

/** The agent's answers: one option index per question, in the questions' order. */
export const submitTestInput = z.object({ sessionId: id, answers: z.array(z.coerce.number().int().min(0).max(MAX_OPTIONS - 1)).min(1).max(MAX_QUESTIONS) });
export type SubmitTestInput = z.input<typeof submitTestInput>;

export const createAssignmentInput = z.object({ userId: id, topic: z.string().trim().min(1).max(TOPIC_MAX) });
export type CreateAssignmentInput = z.input<typeof createAssignmentInput>;

/** Schedules an open assignment into a session (the agent is invited). */
export const scheduleAssignmentInput = z.object({ assignmentId: id, version, sessionId: id });
export type ScheduleAssignmentInput = z.input<typeof scheduleAssignmentInput>;

export const cancelAssignmentInput = z.object({ assignmentId: id, version });
export type CancelAssignmentInput = z.input<typeof cancelAssignmentInput>;

/** The score 0..100 of `answers` against the correct indexes (rounded to a whole number). */
export function testScore(correct: number[], answers: number[]): number {
  if (!correct.length) return 0;
  const right = correct.reduce((n, c, i) => n + (answers[i] === c ? 1 : 0), 0);
  return Math.round((100 * right) / correct.length);
}
