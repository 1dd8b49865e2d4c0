import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { searchCustomers, type CustomerHit } from "@/lib/customers/queries";
import { classifySearchTerm } from "@/lib/customers/schemas";
import { maskMsisdn } from "@/lib/pii/mask";

/** An export never grows without bound: the search's keyset pages are walked up to this many rows. */
export const EXPORT_MAX_ROWS = 10_000;

/**
 * The rows of a search, masked exactly as on screen, for a CSV download. The audit row records
 * the search kind, the (masked) term and the row count.
 */
export async function exportCustomerSearch(actor: Actor, q: string): Promise<{ hits: CustomerHit[]; truncated: boolean }> {
  assertCan(actor, "customer:export");
  const hits: CustomerHit[] = [];
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const page = await searchCustomers(actor, { q, cursor, limit: 50 });
    hits.push(...page.hits);
    if (!page.nextCursor) break;
    if (hits.length >= EXPORT_MAX_ROWS) {
      truncated = true;
      break;
    }
    cursor = page.nextCursor;
  }
  const kind = classifySearchTerm(q);
  const term = kind === "msisdn" || kind === "msisdnPartial" || kind === "idNumber" ? maskMsisdn(q.replace(/[\s-]/g, "")) : q.trim();
  await db.$transaction(async (tx) => {
    await recordAudit(tx, actor, { action: "customer.exported", entity: "customer", data: { kind, term, rows: hits.length, truncated } });
  });
  return { hits: hits.slice(0, EXPORT_MAX_ROWS), truncated };
}
