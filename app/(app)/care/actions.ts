"use server";

import { action } from "@/lib/shared/action";
import { cancelCareTask, reassignCareTask, recordCareOutcome } from "@/lib/care/commands";
import { cancelCareTaskInput, reassignCareTaskInput, recordCareOutcomeInput } from "@/lib/care/schemas";

// Care tasks (issue 23, docs/care.md): one line each on the action pipeline; lib/care/commands.ts
// authorizes (care:work, care:assign), scopes, checks versions and audits.

export const recordCareOutcomeAction = action(recordCareOutcomeInput, (actor, input) => recordCareOutcome(actor, input), { revalidate: ["/care", "/care/team"] });
export const reassignCareTaskAction = action(reassignCareTaskInput, reassignCareTask, { revalidate: ["/care", "/care/team"] });
export const cancelCareTaskAction = action(cancelCareTaskInput, cancelCareTask, { revalidate: ["/care", "/care/team"] });
