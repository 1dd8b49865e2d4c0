// The call list's pure rules (issue 22, docs/campaigns.md "The call list"): quiet hours, what an
// outcome does to the task, the contact and the campaign funnel, and when a call-back may be set.
// No I/O: `now` and the settings come in; lib/campaigns/call-commands.ts applies them.
import type { CallOutcomeName } from "@/lib/campaigns/call-schemas";
import { renderTemplate, type TemplateValues } from "@/lib/marketing/template";
import { isQuietTime, quietHoursEnd as quietEnd } from "@/lib/marketing/quiet-hours";

export { isQuietTime };

/** When the quiet hours that contain `at` end, or `at` itself outside them (lib/marketing/quiet-hours.ts). */
export function quietHoursEnd(at: Date, quiet: { start: string; end: string }): Date {
  return quietEnd(at, quiet) ?? at;
}

/** A claim held longer than this goes back to the queue (the claim-release job, every minute). */
export const STALE_CLAIM_MINUTES = 30;
/** No answer: the task comes back this many hours later… */
export const NO_ANSWER_RETRY_HOURS = 2;
/** …until this many attempts, then it is done. */
export const MAX_NO_ANSWER_ATTEMPTS = 3;
/** A call-back of a task without a campaign (an automation rule's, the retention list's): at most this far ahead. */
export const CALL_BACK_MAX_DAYS = 30;

export type InteractionDisposition = "RESOLVED" | "INFO_PROVIDED" | "FOLLOW_UP" | "NO_ANSWER";

/** The contact's disposition on the 360 timeline for each outcome. */
export const OUTCOME_DISPOSITION: Record<CallOutcomeName, InteractionDisposition> = {
  REACHED: "INFO_PROVIDED",
  ACCEPTED: "RESOLVED",
  DECLINED: "INFO_PROVIDED",
  NO_ANSWER: "NO_ANSWER",
  CALL_BACK: "FOLLOW_UP",
  WRONG_NUMBER: "NO_ANSWER",
};

export interface OutcomeEffects {
  /** The task afterwards: done, or back in the queue due at `dueAt`. */
  status: "DONE" | "QUEUED";
  dueAt: Date | null;
  disposition: InteractionDisposition;
  /** Funnel timestamps the campaign member gets (contacted_at always, on the first attempt). */
  reached: boolean;
  accepted: boolean;
  declined: boolean;
}

/**
 * What recording `outcome` does, `attempts` counting this one. CALL_BACK needs `callBackAt`
 * (checked by callBackProblem first).
 */
export function outcomeEffects(outcome: CallOutcomeName, attempts: number, now: Date, callBackAt?: Date): OutcomeEffects {
  const base = { disposition: OUTCOME_DISPOSITION[outcome], reached: false, accepted: false, declined: false };
  switch (outcome) {
    case "REACHED":
      return { ...base, status: "DONE", dueAt: null, reached: true };
    case "ACCEPTED":
      return { ...base, status: "DONE", dueAt: null, reached: true, accepted: true };
    case "DECLINED":
      return { ...base, status: "DONE", dueAt: null, reached: true, declined: true };
    case "WRONG_NUMBER":
      return { ...base, status: "DONE", dueAt: null };
    case "CALL_BACK":
      if (!callBackAt) throw new Error("outcomeEffects: CALL_BACK needs a time");
      return { ...base, status: "QUEUED", dueAt: callBackAt, reached: true };
    case "NO_ANSWER":
      return attempts >= MAX_NO_ANSWER_ATTEMPTS
        ? { ...base, status: "DONE", dueAt: null }
        : { ...base, status: "QUEUED", dueAt: new Date(now.getTime() + NO_ANSWER_RETRY_HOURS * 3_600_000) };
  }
}

export type CallBackProblem = "callBackPast" | "callBackAfterWindow" | "callBackBeforeWindow" | "callBackQuietHours" | "callBackTooFar";

/**
 * Why a call-back time cannot be used, or null: it must be in the future, within the campaign's
 * window (a task without a campaign: within CALL_BACK_MAX_DAYS), and outside the quiet hours (the
 * task would not come due then anyway).
 */
export function callBackProblem(
  at: Date,
  now: Date,
  window: { startsAt: Date; endsAt: Date } | null,
  quiet: { start: string; end: string },
): CallBackProblem | null {
  if (at.getTime() <= now.getTime()) return "callBackPast";
  if (window) {
    if (at.getTime() < window.startsAt.getTime()) return "callBackBeforeWindow";
    if (at.getTime() > window.endsAt.getTime()) return "callBackAfterWindow";
  } else if (at.getTime() > now.getTime() + CALL_BACK_MAX_DAYS * 86_400_000) return "callBackTooFar";
  if (isQuietTime(at, quiet)) return "callBackQuietHours";
  return null;
}

/** Call priority of a customer's value tier (higher first): the same as a campaign's call list. */
export const TIER_PRIORITY: Record<string, number> = { DIAMOND: 3, GOLD: 2, SILVER: 1, STANDARD: 0 };

/**
 * The callers' script in the agent's language: the campaign's script (or, for a task without
 * one, the task's note) with its placeholders filled. The values come already masked and
 * translated (the name by listCustomerName, the number masked, tier/plan/offer in the language).
 */
export function callScript(task: { scriptZh: string; scriptEn: string; note: string }, locale: string, values: TemplateValues): string {
  const template = (locale === "en" ? task.scriptEn || task.scriptZh : task.scriptZh || task.scriptEn) || task.note;
  return renderTemplate(template, values);
}
