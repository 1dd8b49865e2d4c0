"use server";

import { redirect } from "next/navigation";
import { action } from "@/lib/shared/action";
import { searchCustomers } from "@/lib/customers/queries";
import { startCustomerSearch } from "@/lib/customers/commands";
import { searchInput, startSearchInput } from "@/lib/customers/schemas";
import { assertRateLimit } from "@/lib/shared/rate-limit";

/** The header search as the agent types: the per-user search bucket, then a short page of hits. */
export const searchCustomersAction = action(searchInput.omit({ limit: true }), async (actor, input) => {
  await assertRateLimit("search", actor.id);
  return searchCustomers(actor, { ...input, limit: 8 });
});

/** The full search (workspace, results page, the header's Enter): the term is kept on the server
 *  and the results page opens as `/customers?s=<id>`, so it never sits in a URL. */
export const startCustomerSearchAction = action(startSearchInput, async (actor, input) => {
  const { searchId } = await startCustomerSearch(actor, input);
  redirect(`/customers?s=${searchId}`);
});
