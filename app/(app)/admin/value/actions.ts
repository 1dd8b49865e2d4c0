"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";
import { enqueueValueJob, getValueJob, type ValueJobView } from "@/lib/scoring/jobs";
import { updateOfferRule, updateValueSettings } from "@/lib/scoring/commands";
import { offerRuleInput, valueSettingsInput } from "@/lib/scoring/schemas";

const kindInput = z.enum(["RESCORE", "CHURN_TRAIN", "SEGMENT_REFRESH"]);
const idInput = z.number().int().positive().max(2_147_483_647);

export async function startValueJobAction(kind: unknown): Promise<ActionResult<ValueJobView>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = kindInput.safeParse(kind);
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    const { job } = await enqueueValueJob(actor, parsed.data);
    return { ok: true, data: job };
  } catch (e) {
    return toActionError(e);
  }
}

export async function getValueJobAction(id: unknown): Promise<ActionResult<ValueJobView>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = idInput.safeParse(id);
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    return { ok: true, data: await getValueJob(actor, parsed.data) };
  } catch (e) {
    return toActionError(e);
  }
}

export async function saveValueSettingsAction(_prev: unknown, form: FormData): Promise<ActionResult<{ version: number }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  if (!(form instanceof FormData)) return { ok: false, error: "validation" };
  const parsed = valueSettingsInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, error: "validation", fields: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message])) };
  try {
    const data = await updateValueSettings(actor, parsed.data);
    revalidatePath("/admin/value");
    return { ok: true, data };
  } catch (e) {
    return toActionError(e);
  }
}

export async function saveOfferRuleAction(_prev: unknown, form: FormData): Promise<ActionResult<null>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  if (!(form instanceof FormData)) return { ok: false, error: "validation" };
  const parsed = offerRuleInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    await updateOfferRule(actor, parsed.data);
    revalidatePath("/admin/value");
    return { ok: true, data: null };
  } catch (e) {
    return toActionError(e);
  }
}
