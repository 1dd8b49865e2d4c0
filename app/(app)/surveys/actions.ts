"use server";

import { z } from "zod";
import { action } from "@/lib/shared/action";
import { campaignInput, templateUpdateForm } from "@/lib/surveys/schemas";
import { sendSurveyCampaign, updateSurveyTemplate } from "@/lib/surveys/commands";
import { targetsInput, updateMetricTargets } from "@/lib/dashboards/queries";
import { env } from "@/lib/env";

/** A relationship survey to the chosen customers; the links in the messages point at this app. */
export const sendSurveyCampaignAction = action(campaignInput, (actor, input) => sendSurveyCampaign(actor, input, new Date(), env().APP_BASE_URL ?? process.env.NEXTAUTH_URL ?? ""), { revalidate: "/surveys" });

export const updateSurveyTemplateAction = action(templateUpdateForm, updateSurveyTemplate, { revalidate: "/surveys" });

// The targets form shows percentages; the setting keeps fractions.
const percent = (v: unknown) => (v === "" || v == null ? undefined : Number(v) / 100);
const targetsForm = z.preprocess((raw) => (raw && typeof raw === "object" ? { ...raw, issueSatisfactionMin: percent((raw as Record<string, unknown>).issueSatisfactionMin), complaintSatisfactionMin: percent((raw as Record<string, unknown>).complaintSatisfactionMin) } : raw), targetsInput);

export const updateMetricTargetsAction = action(targetsForm, updateMetricTargets, { revalidate: "/surveys" });
