"use server";

import { headers } from "next/headers";
import { answerInput } from "@/lib/surveys/schemas";
import { submitSurveyAnswer } from "@/lib/surveys/commands";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";
import { assertRateLimit } from "@/lib/shared/rate-limit";

/** The public survey's one answer (no session: the token is the credential). */
export async function submitSurveyAnswerAction(raw: unknown): Promise<ActionResult<{ state: "THANKS" | "UNKNOWN" | "EXPIRED" | "ANSWERED" }>> {
  const parsed = answerInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.code])) };
  const h = await headers();
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip") ?? null;
  try {
    // Per client address across all app nodes (lib/surveys also limits per process: surveyPerProcess).
    await assertRateLimit("survey", ip ?? "unknown");
    const r = await submitSurveyAnswer(parsed.data, { ip });
    return { ok: true, data: { state: r.ok ? "THANKS" : r.reason } };
  } catch (e) {
    return toActionError(e);
  }
}
