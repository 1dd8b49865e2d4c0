"use server";

import { action } from "@/lib/shared/action";
import { createEarnRule, createReward, updateEarnRule, updateLoyaltySettings, updateReward } from "@/lib/loyalty/config-commands";
import { requestLoyaltyJob } from "@/lib/loyalty/jobs-commands";
import { createEarnRuleInput, createRewardInput, runJobInput, settingsInput, updateEarnRuleInput, updateRewardInput } from "@/lib/loyalty/schemas";

// The loyalty programme's admin page (issue 23): settings, earn rules, the catalogue, Run now.
const revalidate = "/admin/loyalty";

export const updateLoyaltySettingsAction = action(settingsInput, updateLoyaltySettings, { revalidate });
export const createEarnRuleAction = action(createEarnRuleInput, createEarnRule, { revalidate });
export const updateEarnRuleAction = action(updateEarnRuleInput, updateEarnRule, { revalidate });
export const createRewardAction = action(createRewardInput, createReward, { revalidate });
export const updateRewardAction = action(updateRewardInput, updateReward, { revalidate });
/** Starts the run and answers at once (the page shows the job's row); the run goes on in the background. */
export const runLoyaltyJobAction = action(runJobInput, async (actor, input) => ({ period: (await requestLoyaltyJob(actor, input)).period }), { revalidate });
