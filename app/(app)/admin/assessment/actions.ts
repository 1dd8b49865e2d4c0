"use server";

import { action } from "@/lib/shared/action";
import { runAssessmentNow, saveAssessmentWeights } from "@/lib/assessment/job-commands";
import { runAssessmentInput, saveWeightsInput } from "@/lib/assessment/schemas";

// The assessment's settings (issue 24, docs/training-assessment.md): admins (assessment:configure)
// save the weights and run a month now; lib/assessment/job-commands.ts checks, versions and audits.

export const saveAssessmentWeightsAction = action(saveWeightsInput, saveAssessmentWeights, { revalidate: ["/admin/assessment", "/assessment"] });
export const runAssessmentNowAction = action(runAssessmentInput, (actor, input) => runAssessmentNow(actor, input), { revalidate: ["/admin/assessment", "/assessment"] });
