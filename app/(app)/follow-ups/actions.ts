"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";
import { claimFollowUp, completeFollowUp } from "@/lib/surveys/follow-ups";
import { followUpClaimInput, followUpCompleteInput } from "@/lib/surveys/schemas";

type Result = ActionResult<null>;

async function run<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  fn: (actor: NonNullable<Awaited<ReturnType<typeof getActor>>>, input: T) => Promise<unknown>,
): Promise<Result> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.code])) };
  try {
    await fn(actor, parsed.data);
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath("/follow-ups");
  return { ok: true, data: null };
}

/** Takes an open detractor follow-up (version-checked). */
export async function claimFollowUpAction(raw: unknown): Promise<Result> {
  return run(followUpClaimInput, raw, claimFollowUp);
}

/** Closes a follow-up with the outcome of the call-back (version-checked). */
export async function completeFollowUpAction(raw: unknown): Promise<Result> {
  return run(followUpCompleteInput, raw, completeFollowUp);
}
