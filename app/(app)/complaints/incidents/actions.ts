"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { toActionError } from "@/lib/shared/action-result";
import { bulkReplyIncident, bulkTransitionIncident, createIncident, linkComplaintsToIncident } from "@/lib/complaints/incidents";

// Form posts that come back to the incident page with the outcome in the URL (?done=… or ?error=code).
function outcome(e: unknown): string {
  return e instanceof Error && e.name === "ZodError" ? "validation" : toActionError(e).error;
}

export async function createIncidentAction(form: FormData) {
  const actor = await requireActor();
  let id: number | null = null;
  let error: string | null = null;
  try {
    id = await createIncident(actor, { title: form.get("title"), description: form.get("description") ?? "" });
  } catch (e) {
    error = outcome(e);
  }
  revalidatePath("/complaints/incidents");
  redirect(id ? `/complaints/incidents/${id}` : `/complaints/incidents?error=${encodeURIComponent(error ?? "generic")}`);
}

async function onIncident(form: FormData, fn: (incidentId: number) => Promise<Record<string, number | string[]>>) {
  const incidentId = Number(form.get("incidentId"));
  const path = `/complaints/incidents/${Number.isSafeInteger(incidentId) && incidentId > 0 ? incidentId : 0}`;
  let query: string;
  try {
    const r = await fn(incidentId);
    query = "done=" + encodeURIComponent(JSON.stringify(r));
  } catch (e) {
    query = "error=" + encodeURIComponent(outcome(e));
  }
  revalidatePath(path);
  redirect(`${path}?${query}`);
}

export async function linkComplaintsAction(form: FormData) {
  const actor = await requireActor();
  await onIncident(form, (incidentId) => linkComplaintsToIncident(actor, { incidentId, complaintNos: form.get("complaintNos") ?? "" }));
}
export async function bulkTransitionAction(form: FormData) {
  const actor = await requireActor();
  await onIncident(form, (incidentId) => bulkTransitionIncident(actor, { incidentId, action: form.get("action"), reason: form.get("reason") || null }));
}
export async function bulkReplyAction(form: FormData) {
  const actor = await requireActor();
  await onIncident(form, (incidentId) => bulkReplyIncident(actor, { incidentId, body: form.get("body") ?? "" }));
}
