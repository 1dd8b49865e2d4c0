"use server";

import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { searchCustomers, type SearchResult } from "@/lib/customers/queries";
import { toActionError, type ActionResult } from "@/lib/shared/action-result";
import { assertRateLimit } from "@/lib/shared/rate-limit";

const input = z.object({ q: z.string().max(64), cursor: z.string().max(200).optional() });

export async function searchCustomersAction(raw: unknown): Promise<ActionResult<SearchResult>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "validation" };
  try {
    await assertRateLimit("search", actor.id);
    return { ok: true, data: await searchCustomers(actor, { q: parsed.data.q, cursor: parsed.data.cursor, limit: 8 }) };
  } catch (e) {
    return toActionError(e);
  }
}
