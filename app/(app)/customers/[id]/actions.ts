"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { logInteraction } from "@/lib/interactions/commands";
import { logInteractionInput } from "@/lib/interactions/schemas";
import { pinCustomer, revealCustomerPii, unpinCustomer, updateCustomerContact } from "@/lib/customers/commands";
import { customerIdInput, revealPiiInput, updateContactInput } from "@/lib/customers/schemas";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";

type Fields = Record<string, string>;
function fieldErrors(issues: z.core.$ZodIssue[]): Fields {
  const out: Fields = {};
  for (const i of issues) out[String(i.path[0] ?? "form")] ??= i.message === "required" ? "required" : "invalid";
  return out;
}

export async function logInteractionAction(raw: unknown): Promise<ActionResult<{ id: number }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = logInteractionInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: fieldErrors(parsed.error.issues) };
  try {
    const r = await logInteraction(actor, parsed.data);
    revalidatePath(`/customers/${parsed.data.customerId}`);
    return { ok: true, data: r };
  } catch (e) {
    return toActionError(e);
  }
}

export async function updateContactAction(raw: unknown): Promise<ActionResult<{ version: number }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = updateContactInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: fieldErrors(parsed.error.issues) };
  try {
    const r = await updateCustomerContact(actor, parsed.data);
    revalidatePath(`/customers/${parsed.data.customerId}`);
    return { ok: true, data: { version: r.version } };
  } catch (e) {
    return toActionError(e);
  }
}

/** Returns the clear value to the dialog that asked; it is never cached or revalidated into the page. */
export async function revealPiiAction(raw: unknown): Promise<ActionResult<{ value: string }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = revealPiiInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: fieldErrors(parsed.error.issues) };
  try {
    return { ok: true, data: await revealCustomerPii(actor, parsed.data) };
  } catch (e) {
    return toActionError(e);
  }
}

export async function setPinnedAction(raw: unknown): Promise<ActionResult<{ pinned: boolean }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = customerIdInput.extend({ pinned: z.boolean() }).safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    if (parsed.data.pinned) await pinCustomer(actor, parsed.data.customerId);
    else await unpinCustomer(actor, parsed.data.customerId);
    revalidatePath(`/customers/${parsed.data.customerId}`);
    revalidatePath("/workspace");
    return { ok: true, data: { pinned: parsed.data.pinned } };
  } catch (e) {
    return toActionError(e);
  }
}
