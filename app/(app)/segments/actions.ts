"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";
import { countSegmentPreview } from "@/lib/segments/queries";
import { createSegment, refreshSegment, saveClusterSegment } from "@/lib/segments/commands";
import { discoverClusters, type DiscoverResult } from "@/lib/segments/discover";
import { clusterSaveInput, segmentRules, segmentSaveInput } from "@/lib/segments/rules";

/** Live count for the builder (debounced by the client). */
export async function countSegmentAction(rules: unknown): Promise<ActionResult<{ count: number; ms: number }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = segmentRules.safeParse(rules);
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    const t0 = performance.now();
    const count = await countSegmentPreview(actor, parsed.data);
    return { ok: true, data: { count, ms: Math.round(performance.now() - t0) } };
  } catch (e) {
    return toActionError(e);
  }
}

export async function saveSegmentAction(raw: unknown): Promise<ActionResult<{ id: number; size: number }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = segmentSaveInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation", fields: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "rules"), "invalid"])) };
  try {
    const data = await createSegment(actor, parsed.data);
    revalidatePath("/segments");
    return { ok: true, data };
  } catch (e) {
    return toActionError(e);
  }
}

export async function refreshSegmentAction(id: unknown): Promise<ActionResult<{ size: number; ms: number }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = z.number().int().positive().max(2_147_483_647).safeParse(id);
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    const data = await refreshSegment(actor, parsed.data);
    revalidatePath(`/segments/${parsed.data}`);
    return { ok: true, data };
  } catch (e) {
    return toActionError(e);
  }
}

export async function discoverAction(k: unknown): Promise<ActionResult<DiscoverResult>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = z.number().int().min(2).max(8).safeParse(k);
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    return { ok: true, data: await discoverClusters(actor, { k: parsed.data }) };
  } catch (e) {
    return toActionError(e);
  }
}

export async function saveClusterAction(raw: unknown): Promise<ActionResult<{ id: number; size: number }>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = clusterSaveInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    const data = await saveClusterSegment(actor, parsed.data);
    revalidatePath("/segments");
    return { ok: true, data };
  } catch (e) {
    return toActionError(e);
  }
}
