"use server";

import { action } from "@/lib/shared/action";
import {
  approveCampaign,
  cancelCampaign,
  createCampaign,
  pauseCampaign,
  rejectCampaign,
  resumeCampaign,
  scheduleCampaign,
  submitCampaign,
  updateCampaign,
} from "@/lib/campaigns/commands";
import { getLaunch, startCampaignLaunch } from "@/lib/campaigns/launch";
import { campaignCancelInput, campaignId, campaignPlanInput, campaignReasonInput, campaignStepInput, campaignUpdateInput } from "@/lib/campaigns/schemas";

// Campaign planning, the state steps and launch (issue 22). Saving a new plan opens its page, so it
// revalidates only the list.
const pages = (i: { id: number }) => [`/campaigns/${i.id}`, "/campaigns"];

export const createCampaignAction = action(campaignPlanInput, createCampaign, { revalidate: () => "/campaigns" });
export const updateCampaignAction = action(campaignUpdateInput, updateCampaign, { revalidate: pages });
export const submitCampaignAction = action(campaignStepInput, submitCampaign, { revalidate: pages });
export const approveCampaignAction = action(campaignStepInput, approveCampaign, { revalidate: pages });
export const rejectCampaignAction = action(campaignReasonInput, rejectCampaign, { revalidate: pages });
export const scheduleCampaignAction = action(campaignStepInput, scheduleCampaign, { revalidate: pages });
export const pauseCampaignAction = action(campaignStepInput, pauseCampaign, { revalidate: pages });
export const resumeCampaignAction = action(campaignStepInput, resumeCampaign, { revalidate: pages });
export const cancelCampaignAction = action(campaignCancelInput, cancelCampaign, { revalidate: pages });

/** "Launch now": queues the launch and answers at once; the page polls its progress. */
export const launchCampaignAction = action(campaignStepInput, startCampaignLaunch, { revalidate: pages });

/** The launch's progress (polled by the page while it runs). */
export const getLaunchProgressAction = action(campaignId, getLaunch);
