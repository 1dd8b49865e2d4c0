"use server";

import { action, noInput } from "@/lib/shared/action";
import { claimNextCall, recordCallOutcome } from "@/lib/campaigns/call-commands";
import { recordCallOutcomeInput } from "@/lib/campaigns/call-schemas";

/** "Next call": the task the agent holds, or the next due one of their share, claimed. */
export const claimNextCallAction = action(noInput, claimNextCall, { revalidate: "/calls" });

/** What came of the call (version-checked): the task, the contact on the 360, the touch, the funnel. */
export const recordCallOutcomeAction = action(recordCallOutcomeInput, recordCallOutcome, { revalidate: "/calls" });
