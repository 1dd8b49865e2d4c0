"use server";

import { action } from "@/lib/shared/action";
import { searchCustomers } from "@/lib/customers/queries";
import { searchInput } from "@/lib/customers/schemas";
import { assertRateLimit } from "@/lib/shared/rate-limit";

/** The header search as the agent types: the per-user search bucket, then a short page of hits. */
export const searchCustomersAction = action(searchInput.omit({ limit: true }), async (actor, input) => {
  await assertRateLimit("search", actor.id);
  return searchCustomers(actor, { ...input, limit: 8 });
});
