"use server";

import { action } from "@/lib/shared/action";
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
import {
  cancelAssignmentInput,
  cancelSessionInput,
  createAssignmentInput,
  createSessionInput,
  inviteInput,
  markAttendanceInput,
  saveQuestionsInput,
  scheduleAssignmentInput,
  submitTestInput,
  updateSessionInput,
} from "@/lib/training/schemas";

// Training (issue 24, docs/training-assessment.md): one line each on the action pipeline;
// lib/training/commands.ts authorizes (training:manage, training:read), scopes, checks versions and audits.

const session = (i: { sessionId: number }) => ["/training", `/training/${i.sessionId}`];

export const createSessionAction = action(createSessionInput, createSession, { revalidate: "/training" });
export const updateSessionAction = action(updateSessionInput, updateSession, { revalidate: session });
export const cancelSessionAction = action(cancelSessionInput, cancelSession, { revalidate: session });
export const saveQuestionsAction = action(saveQuestionsInput, saveQuestions, { revalidate: session });
export const inviteAttendeesAction = action(inviteInput, inviteAttendees, { revalidate: session });
export const markAttendanceAction = action(markAttendanceInput, (actor, input) => markAttendance(actor, input), { revalidate: session });
export const submitTestAction = action(submitTestInput, (actor, input) => submitTest(actor, input), { revalidate: "/training" });
export const createAssignmentAction = action(createAssignmentInput, createAssignment, { revalidate: "/training" });
export const scheduleAssignmentAction = action(scheduleAssignmentInput, scheduleAssignment, { revalidate: session });
export const cancelAssignmentAction = action(cancelAssignmentInput, cancelAssignment, { revalidate: "/training" });
