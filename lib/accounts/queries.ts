import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { accountEntriesInput, NON_REVERSIBLE_KINDS, type AccountEntriesInput } from "@/lib/accounts/schemas";

// Reads of the account ledger (decision 030): an account's entries newest first, keyset on the id
// (index account_entry (account_id, id DESC)), and each account's latest entries for the 360.

export interface AccountEntryView {
  id: string;
  kind: string;
  amount: string;
  balanceAfter: string;
  ref: string;
  reason: string;
  createdAt: Date;
  createdByName: string | null;
  /** The entry this one reverses (REVERSAL). */
  reversesId: string | null;
  /** The reversal of this entry, if it was reversed. */
  reversedById: string | null;
  /** Not an OPENING or a REVERSAL, and not yet reversed. */
  canReverse: boolean;
}

type EntryRow = {
  id: string;
  kind: string;
  amount: string;
  balance_after: string;
  ref: string;
  reason: string;
  created_at: Date;
  created_by_name: string | null;
  reverses_id: string | null;
  reversed_by_id: string | null;
};

const toView = (r: EntryRow): AccountEntryView => ({
  id: String(r.id),
  kind: r.kind,
  amount: r.amount,
  balanceAfter: r.balance_after,
  ref: r.ref,
  reason: r.reason,
  createdAt: new Date(r.created_at),
  createdByName: r.created_by_name,
  reversesId: r.reverses_id == null ? null : String(r.reverses_id),
  reversedById: r.reversed_by_id == null ? null : String(r.reversed_by_id),
  canReverse: !(NON_REVERSIBLE_KINDS as readonly string[]).includes(r.kind) && r.reversed_by_id == null,
});

const entryColumns = Prisma.sql`
  e.id::text AS id, e.kind::text AS kind, round(e.amount, 2)::text AS amount, round(e.balance_after, 2)::text AS balance_after, e.ref, e.reason,
  e.created_at, u.display_name AS created_by_name, e.reverses_id::text AS reverses_id,
  (SELECT r.id::text FROM account_entry r WHERE r.reverses_id = e.id) AS reversed_by_id`;

/** One page of an account's entries, newest first (customer:read, like the account on the 360). */
export async function listAccountEntries(actor: Actor, raw: AccountEntriesInput): Promise<{ entries: AccountEntryView[]; nextCursor: string | null }> {
  assertCan(actor, "customer:read");
  const input = accountEntriesInput.parse(raw);
  const rows = await sqlRows<EntryRow>(
    Prisma.sql`
      SELECT ${entryColumns}
      FROM account_entry e LEFT JOIN app_user u ON u.id = e.created_by_id
      WHERE e.account_id = ${input.accountId} AND e.id < ${input.before ?? "9223372036854775807"}::bigint
      ORDER BY e.id DESC LIMIT ${input.limit + 1}`,
    { prepared: true },
  );
  if (rows.length === 0 && !(await db.account.findUnique({ where: { id: input.accountId }, select: { id: true } }))) throw new NotFoundError("account");
  const page = rows.slice(0, input.limit);
  return { entries: page.map(toView), nextCursor: rows.length > input.limit ? String(page[page.length - 1].id) : null };
}

export interface CustomerAccountLedger {
  accountId: number;
  accountNo: string;
  balance: string;
  entries: AccountEntryView[];
}

/** Each of a customer's accounts with its latest entries (the 360's account panel). */
export async function listCustomerAccountLedgers(actor: Actor, customerId: number, perAccount = 5): Promise<CustomerAccountLedger[]> {
  assertCan(actor, "customer:read");
  const rows = await sqlRows<{ id: number; account_no: string; balance: string; entries: EntryRow[] | null }>(
    Prisma.sql`
      SELECT a.id, a.account_no, round(a.balance, 2)::text AS balance,
             (SELECT json_agg(x ORDER BY x.id::bigint DESC) FROM (
                SELECT ${entryColumns}
                FROM account_entry e LEFT JOIN app_user u ON u.id = e.created_by_id
                WHERE e.account_id = a.id ORDER BY e.id DESC LIMIT ${Math.min(Math.max(perAccount, 1), 20)}) x) AS entries
      FROM account a WHERE a.customer_id = ${customerId} ORDER BY a.id LIMIT 20`,
    { prepared: true },
  );
  return rows.map((a) => ({
    accountId: a.id,
    accountNo: a.account_no,
    balance: a.balance,
    entries: (a.entries ?? []).map((e) => toView({ ...e, created_at: new Date(e.created_at) })),
  }));
}
