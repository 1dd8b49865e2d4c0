"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { createUser, resetUserMfa, resetUserPassword, setUserActive, unlockUser, updateUser } from "@/lib/users/commands";
import { updateSessionPolicy } from "@/lib/auth/session-policy";
import { createUserInput, resetPasswordInput, sessionPolicyInput, setUserActiveInput, updateUserInput, userIdInput } from "@/lib/auth/schemas";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";
import type { Actor } from "@/lib/auth/actor";

/** Field errors as message keys (the zod issue message is a catalogue key or a generic "invalid"). */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) {
    const k = String(i.path[0] ?? "form");
    out[k] ??= /^[a-z][A-Za-z]+$/.test(i.message) ? i.message : "invalid";
  }
  return out;
}

// Shared shape of the admin actions: session → validation → lib → revalidate.
async function run<S extends z.ZodType, T>(schema: S, raw: unknown, fn: (actor: Actor, input: z.infer<S>) => Promise<T>): Promise<ActionResult<T>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: fieldErrors(parsed.error) };
  try {
    const data = await fn(actor, parsed.data);
    revalidatePath("/admin", "layout");
    return { ok: true, data };
  } catch (e) {
    return toActionError(e);
  }
}

export async function createUserAction(raw: unknown) {
  return run(createUserInput, raw, createUser);
}
export async function updateUserAction(raw: unknown) {
  return run(updateUserInput, raw, updateUser);
}
export async function setUserActiveAction(raw: unknown) {
  return run(setUserActiveInput, raw, setUserActive);
}
export async function resetUserPasswordAction(raw: unknown) {
  return run(resetPasswordInput, raw, resetUserPassword);
}
export async function unlockUserAction(raw: unknown) {
  return run(userIdInput, raw, unlockUser);
}
export async function resetUserMfaAction(raw: unknown) {
  return run(userIdInput, raw, resetUserMfa);
}
export async function updateSessionPolicyAction(raw: unknown) {
  return run(sessionPolicyInput, raw, updateSessionPolicy);
}
