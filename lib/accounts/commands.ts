import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { postAccountEntry } from "@/lib/accounts/ledger";
import { NON_REVERSIBLE_KINDS, reverseEntryInput, type ReverseEntryInput } from "@/lib/accounts/schemas";

// Undoing an account entry (decision 030): never an edit or a delete, a REVERSAL counter-entry
// (amount = −original, reverses_id = the entry, ref 'reversal:<id>') posted through the ledger's one
// posting function, with its audit row in the same transaction. A manager's (account:reverse), with
// a reason; OPENING and REVERSAL entries cannot be reversed, and an entry is reversed once
// (account_entry.reverses_id is unique).

export async function reverseAccountEntry(actor: Actor, raw: ReverseEntryInput, now = new Date()): Promise<{ reversalId: string; balance: string }> {
  assertCan(actor, "account:reverse");
  const input = reverseEntryInput.parse(raw);
  try {
    return await db.$transaction(async (tx) => {
      const [entry] = await tx.$queryRaw<Array<{ id: bigint; account_id: number; kind: string; amount: Prisma.Decimal }>>`
        SELECT id, account_id, kind::text AS kind, amount FROM account_entry WHERE id = ${input.entryId}::bigint`;
      if (!entry) throw new NotFoundError("accountEntry");
      if ((NON_REVERSIBLE_KINDS as readonly string[]).includes(entry.kind)) throw new ValidationError({ entryId: "notReversible" }, "account.notReversible");
      // The account's row lock orders two reversals of one entry: the second sees the first's.
      await tx.$queryRaw`SELECT id FROM account WHERE id = ${entry.account_id} FOR UPDATE`;
      const [done] = await tx.$queryRaw<Array<{ id: bigint }>>`SELECT id FROM account_entry WHERE reverses_id = ${entry.id}`;
      if (done) throw new ValidationError({ entryId: "alreadyReversed" }, "account.alreadyReversed");
      const posted = await postAccountEntry(
        tx,
        {
          accountId: entry.account_id,
          kind: "REVERSAL",
          amount: new Prisma.Decimal(entry.amount).neg().toFixed(2),
          ref: `reversal:${entry.id}`,
          reversesId: entry.id,
          reason: input.reason,
          createdById: actor.id > 0 ? actor.id : null,
        },
        now,
      );
      if (!posted) throw new ValidationError({ entryId: "alreadyReversed" }, "account.alreadyReversed");
      await recordAudit(tx, actor, {
        action: "account.entryReversed",
        entity: "account_entry",
        entityId: String(entry.id),
        data: { accountId: entry.account_id, entryKind: entry.kind, amount: String(entry.amount), reversalId: String(posted.entryId), reason: input.reason },
      });
      return { reversalId: String(posted.entryId), balance: posted.balance };
    });
  } catch (e) {
    // A reversal that raced past the check meets the unique reverses_id: the same answer.
    if (isUniqueViolation(e)) throw new ValidationError({ entryId: "alreadyReversed" }, "account.alreadyReversed");
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (e.code === "P2002") return true;
  const meta = JSON.stringify(e.meta ?? {});
  return e.code === "P2010" && /23505|unique/i.test(meta);
}
