"use server";

import { headers } from "next/headers";
import { action } from "@/lib/shared/action";
import { answerInput } from "@/lib/surveys/schemas";
import { submitSurveyAnswer } from "@/lib/surveys/commands";
import { assertRateLimit } from "@/lib/shared/rate-limit";
import { clientIp } from "@/lib/shared/client-ip";

/** The public survey's one answer (no session: the single-use token is the credential). */
export const submitSurveyAnswerAction = action(
  answerInput,
  async (_nobody, input) => {
    const h = await headers();
    const ip = clientIp(h);
    // Per client address across all app nodes; lib/surveys also limits per process (surveyPerProcess).
    await assertRateLimit("survey", ip ?? "unknown");
    const r = await submitSurveyAnswer(input, { ip });
    return { state: r.ok ? ("THANKS" as const) : r.reason };
  },
  { public: true },
);
