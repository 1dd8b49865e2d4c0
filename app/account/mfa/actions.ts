"use server";

import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { confirmMfaEnrolment, disableMfa, startMfaEnrolment } from "@/lib/auth/mfa";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";

const codeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, "totpFormat") });

// The acting user's own second factor. getActor (not requireActor): an admin who must enrol has
// a session that is good for nothing else.
export async function startMfaEnrolmentAction(): Promise<ActionResult<{ secret: string; uri: string }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  try {
    return { ok: true, data: await startMfaEnrolment(actor) };
  } catch (e) {
    return toActionError(e);
  }
}

export async function confirmMfaEnrolmentAction(raw: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = codeInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: { code: "totpFormat" } };
  try {
    return { ok: true, data: await confirmMfaEnrolment(actor, parsed.data.code) };
  } catch (e) {
    return toActionError(e);
  }
}

export async function disableMfaAction(raw: unknown): Promise<ActionResult<null>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = codeInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: { code: "totpFormat" } };
  try {
    await disableMfa(actor, parsed.data.code);
    return { ok: true, data: null };
  } catch (e) {
    return toActionError(e);
  }
}
