"use server";

import { action } from "@/lib/shared/action";
import { enqueueValueJob, getValueJob } from "@/lib/scoring/jobs";
import { updateOfferRule, updateValueSettings } from "@/lib/scoring/commands";
import { offerRuleInput, valueJobIdInput, valueJobKindInput, valueSettingsInput } from "@/lib/scoring/schemas";

export const startValueJobAction = action(valueJobKindInput, async (actor, kind) => (await enqueueValueJob(actor, kind)).job);
export const getValueJobAction = action(valueJobIdInput, getValueJob);
export const saveValueSettingsAction = action(valueSettingsInput, updateValueSettings, { revalidate: "/admin/value" });
export const saveOfferRuleAction = action(
  offerRuleInput,
  async (actor, input) => {
    await updateOfferRule(actor, input);
    return null;
  },
  { revalidate: "/admin/value" },
);
