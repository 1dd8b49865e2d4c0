"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { campaignInput, templateUpdate } from "@/lib/surveys/schemas";
import { sendSurveyCampaign, updateSurveyTemplate } from "@/lib/surveys/commands";
import { targetsInput, updateMetricTargets } from "@/lib/dashboards/queries";
import { toActionError } from "@/lib/shared/action-result";
import { env } from "@/lib/env";
import type { CsiDimensionDef } from "@/lib/surveys/rules";

// Plain form posts (they work before hydration); the outcome comes back in the URL.

export async function sendSurveyCampaignAction(form: FormData) {
  const actor = await requireActor();
  const parsed = campaignInput.safeParse({ templateId: form.get("templateId"), city: form.get("city") ?? undefined, limit: form.get("limit") || undefined });
  let target = "/surveys?error=validation";
  if (parsed.success) {
    try {
      const r = await sendSurveyCampaign(actor, parsed.data, new Date(), env().APP_BASE_URL ?? process.env.NEXTAUTH_URL ?? "");
      target = `/surveys?sent=${r.sent}`;
    } catch (e) {
      target = `/surveys?error=${toActionError(e).error}`;
    }
  }
  revalidatePath("/surveys");
  redirect(target);
}

export async function updateSurveyTemplateAction(form: FormData) {
  const actor = await requireActor();
  // The dimension list travels as JSON in a hidden field: anything unparsable is a validation error.
  let dims: CsiDimensionDef[] = [];
  try {
    const raw: unknown = JSON.parse(String(form.get("dimensionsJson") ?? "[]"));
    dims = Array.isArray(raw) ? raw.filter((d): d is CsiDimensionDef => typeof d === "object" && d !== null && !Array.isArray(d)) : [];
  } catch {
    redirect("/surveys?error=validation");
  }
  const parsed = templateUpdate.safeParse({
    id: form.get("id"),
    version: form.get("version"),
    nameZh: form.get("nameZh"),
    nameEn: form.get("nameEn"),
    questionZh: form.get("questionZh"),
    questionEn: form.get("questionEn"),
    allowComment: form.get("allowComment") === "on",
    isActive: form.get("isActive") === "on",
    dimensions: Array.isArray(dims) ? dims.map((d) => ({ ...d, weight: form.get(`weight_${d.code}`) ?? d.weight })) : [],
  });
  let target = "/surveys?error=validation";
  if (parsed.success) {
    try {
      await updateSurveyTemplate(actor, parsed.data);
      target = "/surveys?saved=1";
    } catch (e) {
      target = `/surveys?error=${toActionError(e).error}`;
    }
  }
  revalidatePath("/surveys");
  redirect(target);
}

export async function updateMetricTargetsAction(form: FormData) {
  const actor = await requireActor();
  const pctField = (k: string) => (form.get(k) === null || form.get(k) === "" ? undefined : Number(form.get(k)) / 100);
  const parsed = targetsInput.safeParse({
    issueSatisfactionMin: pctField("issueSatisfactionMin"),
    complaintSatisfactionMin: pctField("complaintSatisfactionMin"),
    averageHandlingHoursMax: form.get("averageHandlingHoursMax"),
    version: form.get("version"),
  });
  let target = "/surveys?error=validation";
  if (parsed.success) {
    try {
      await updateMetricTargets(actor, parsed.data);
      target = "/surveys?saved=1";
    } catch (e) {
      target = `/surveys?error=${toActionError(e).error}`;
    }
  }
  revalidatePath("/surveys");
  redirect(target);
}
