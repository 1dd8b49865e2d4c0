import "server-only";
import type { Tx } from "@/lib/db";
import { NotFoundError } from "@/lib/shared/errors";

// The account ledger's one way to post (issue 23, decision 030). account.balance is the running sum
// of the account's account_entry rows (an OPENING entry carries the balance the ledger began with;
// a trigger writes one for every new account). One statement updates the balance (the row lock
// orders concurrent posts: no lost update) and writes the entry with its balance_after. An entry
// is never changed or deleted: it is undone by a REVERSAL counter-entry (reverses_id, unique).

export type AccountKind = "CHARGE" | "PAYMENT" | "COMPENSATION_CREDIT" | "REWARD_CREDIT" | "REVERSAL";

export interface AccountPost {
  accountId: number;
  kind: AccountKind;
  /** Signed yuan, a credit to the customer positive ("12.50" or 12.5). */
  amount: string | number;
  /** With the account and the kind, the idempotency key ('compensation:<id>', 'redemption:<id>', 'reversal:<entry id>'). */
  ref: string;
  reason?: string;
  reversesId?: bigint | null;
  createdById?: number | null;
}

/** Posts one entry; null when the same (account, kind, ref) was already posted. */
export async function postAccountEntry(tx: Tx, p: AccountPost, now = new Date()): Promise<{ entryId: bigint; balance: string } | null> {
  const exists = await tx.$queryRaw<Array<{ id: bigint }>>`SELECT id FROM account_entry WHERE account_id = ${p.accountId} AND kind = ${p.kind}::"AccountEntryKind" AND ref = ${p.ref}`;
  if (exists.length) return null;
  const rows = await tx.$queryRaw<Array<{ id: bigint; balance_after: string }>>`
    WITH upd AS (UPDATE account SET balance = balance + ${String(p.amount)}::numeric WHERE id = ${p.accountId} RETURNING id, balance)
    INSERT INTO account_entry (account_id, kind, amount, balance_after, ref, reverses_id, reason, created_by_id, created_at)
    SELECT upd.id, ${p.kind}::"AccountEntryKind", ${String(p.amount)}::numeric, upd.balance, ${p.ref}, ${p.reversesId ?? null}::bigint, ${p.reason ?? ""}, ${p.createdById ?? null}::int, ${now}
    FROM upd
    RETURNING id, balance_after::text`;
  if (!rows.length) throw new NotFoundError("account");
  return { entryId: rows[0].id, balance: rows[0].balance_after };
}
