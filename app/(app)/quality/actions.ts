"use server";

import { action } from "@/lib/shared/action";
import { drawSamplesNow, markCalibration } from "@/lib/quality/sampling-commands";
import { decideDispute, disputeEvaluation, scoreSample } from "@/lib/quality/evaluation-commands";
import { decideDisputeInput, disputeEvaluationInput, drawSamplesInput, markCalibrationInput, scoreSampleInput } from "@/lib/quality/schemas";

// Quality inspection (issue 24, docs/quality.md): one line each on the action pipeline; lib/quality
// authorizes (quality:score, quality:read, quality:dispute, quality:decide), scopes, checks versions and audits.

export const drawSamplesAction = action(drawSamplesInput, (actor, input) => drawSamplesNow(actor, input), { revalidate: ["/quality"] });
export const markCalibrationAction = action(markCalibrationInput, markCalibration, { revalidate: ["/quality"] });
export const scoreSampleAction = action(scoreSampleInput, (actor, input) => scoreSample(actor, input), { revalidate: ["/quality", "/quality/report"] });
export const disputeEvaluationAction = action(disputeEvaluationInput, (actor, input) => disputeEvaluation(actor, input), {
  revalidate: (i) => ["/quality/mine", `/quality/evaluations/${i.evaluationId}`, "/quality/disputes"],
});
export const decideDisputeAction = action(decideDisputeInput, (actor, input) => decideDispute(actor, input), { revalidate: ["/quality/disputes", "/quality/report"] });
