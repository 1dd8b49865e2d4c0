"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/current-actor";
import { createInteractionReason, updateInteractionReason } from "@/lib/interactions/commands";
import { reasonInput } from "@/lib/interactions/schemas";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";

function fromForm(f: FormData) {
  return {
    code: String(f.get("code") ?? ""),
    nameZh: String(f.get("nameZh") ?? ""),
    nameEn: String(f.get("nameEn") ?? ""),
    sortOrder: f.get("sortOrder") ?? 0,
    isActive: f.get("isActive") === "on",
  };
}

export async function saveReasonAction(mode: "create" | "update", _prev: unknown, f: FormData): Promise<ActionResult<null>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = reasonInput.safeParse(fromForm(f));
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[String(i.path[0])] ??= "invalid";
    return { ok: false, error: "validation", fields };
  }
  try {
    if (mode === "create") await createInteractionReason(actor, parsed.data);
    else await updateInteractionReason(actor, parsed.data);
    revalidatePath("/admin/reasons");
    return { ok: true, data: null };
  } catch (e) {
    return toActionError(e);
  }
}
