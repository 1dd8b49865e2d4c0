import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { getCustomerSearchTerm, searchCustomers, type CustomerHit } from "@/lib/customers/queries";
import { NotFoundError } from "@/lib/shared/errors";
import { classifySearchTerm } from "@/lib/customers/schemas";
import { maskName, maskSearchTerm } from "@/lib/pii/mask";

/** An export never grows without bound: the search's keyset pages are walked up to this many rows. */
export const EXPORT_MAX_ROWS = 10_000;

/**
 * The rows of a search for a CSV download, masked as the segment export is: numbers as on screen,
 * personal names to the surname (a file leaves the system; the screen shows the caller's name to
 * the agent on the call). The audit row records the search kind, the masked term and the row count.
 */
export async function exportCustomerSearch(actor: Actor, q: string): Promise<{ hits: CustomerHit[]; truncated: boolean }> {
  assertCan(actor, "customer:export");
  const hits: CustomerHit[] = [];
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const page = await searchCustomers(actor, { q, cursor, limit: 50 });
    hits.push(...page.hits.map((h) => ({ ...h, name: maskName(h.name, h.type) })));
    if (!page.nextCursor) break;
    if (hits.length >= EXPORT_MAX_ROWS) {
      truncated = true;
      break;
    }
    cursor = page.nextCursor;
  }
  const kind = classifySearchTerm(q);
  const term = maskSearchTerm(kind, q);
  await db.$transaction(async (tx) => {
    await recordAudit(tx, actor, { action: "customer.exported", entity: "customer", data: { kind, term, rows: hits.length, truncated } });
  });
  return { hits: hits.slice(0, EXPORT_MAX_ROWS), truncated };
}

/** The export of one of the actor's kept searches (`/api/customers/export?s=<id>`): the term never
 *  travels in the URL. An unknown, expired or another user's search is not found. */
export async function exportKeptCustomerSearch(actor: Actor, searchId: string): Promise<{ hits: CustomerHit[]; truncated: boolean }> {
  assertCan(actor, "customer:export");
  const q = await getCustomerSearchTerm(actor, searchId);
  if (q === null) throw new NotFoundError("search");
  return exportCustomerSearch(actor, q);
}
