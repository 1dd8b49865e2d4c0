"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { toActionError } from "@/lib/shared/action-result";
import { updateCalendar, updateCategory, updateCompensationLimit, updateEscalationStep, updateSlaTarget } from "@/lib/complaints/standards";
import type { Actor } from "@/lib/auth/actor";

// Plain form posts: each saves one row and comes back to the page with ?saved or ?error=code.
// The lib functions parse the input with zod (bound ids included) and check the version.
async function save(fn: (actor: Actor, raw: unknown) => Promise<unknown>, raw: Record<string, unknown>) {
  const actor = await requireActor();
  let error: string | null = null;
  try {
    await fn(actor, raw);
  } catch (e) {
    error = e instanceof Error && e.name === "ZodError" ? "validation" : toActionError(e).error;
  }
  revalidatePath("/admin/service-standards");
  redirect(`/admin/service-standards?${error ? `error=${encodeURIComponent(error)}` : "saved=1"}`);
}

const f = (form: FormData) => Object.fromEntries(form.entries());

export async function saveSlaTargetAction(form: FormData) {
  await save(updateSlaTarget, f(form));
}
export async function saveCalendarAction(form: FormData) {
  await save(updateCalendar, f(form));
}
export async function saveEscalationStepAction(form: FormData) {
  await save(updateEscalationStep, f(form));
}
export async function saveCompensationLimitAction(form: FormData) {
  await save(updateCompensationLimit, f(form));
}
export async function saveCategoryAction(form: FormData) {
  await save(updateCategory, { ...f(form), isActive: form.get("isActive") === "on" });
}
