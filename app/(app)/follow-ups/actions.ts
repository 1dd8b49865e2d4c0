"use server";

import { action } from "@/lib/shared/action";
import { claimFollowUp, completeFollowUp } from "@/lib/surveys/follow-ups";
import { followUpClaimInput, followUpCompleteInput } from "@/lib/surveys/schemas";

/** Takes an open detractor follow-up (version-checked). */
export const claimFollowUpAction = action(followUpClaimInput, claimFollowUp, { revalidate: "/follow-ups" });

/** Closes a follow-up with the outcome of the call-back (version-checked). */
export const completeFollowUpAction = action(followUpCompleteInput, completeFollowUp, { revalidate: "/follow-ups" });
