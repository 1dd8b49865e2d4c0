// The account ledger's views and reversal (issue 23, decision 030): an account's entries newest
// first in keyset pages; a manager reverses an entry with a reason — a REVERSAL counter-entry of the
// opposite amount through the posting function, audited in the same transaction — and never an
// OPENING, a REVERSAL or an entry already reversed (also when two managers click at once).
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { postAccountEntry } from "@/lib/accounts/ledger";
import { listAccountEntries, listCustomerAccountLedgers } from "@/lib/accounts/queries";
import { reverseAccountEntry } from "@/lib/accounts/commands";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";

let manager1: Actor, manager2: Actor, supervisor1: Actor, agent1: Actor, admin1: Actor;

beforeAll(async () => {
  [manager1, manager2, supervisor1, agent1, admin1] = await Promise.all(["manager1", "manager2", "supervisor1", "agent1", "admin1"].map(actorFor));
});

async function accountWithCredits(credits: string[]) {
  const { customer, account } = await createCustomer({ account: { balance: 100 } });
  const ids: bigint[] = [];
  for (const [i, amount] of credits.entries()) {
    const r = await db.$transaction((tx) =>
      postAccountEntry(tx, { accountId: account.id, kind: "COMPENSATION_CREDIT", amount, ref: `compensation:t${i}`, reason: `credit ${i}` }),
    );
    ids.push(r!.entryId);
  }
  return { customer, account, ids };
}
const balanceOf = async (accountId: number) => String((await db.account.findUniqueOrThrow({ where: { id: accountId } })).balance);
const ledgerSum = async (accountId: number) => String((await db.accountEntry.aggregate({ where: { accountId }, _sum: { amount: true } }))._sum.amount);

describe("account entries", () => {
  test("newest first in keyset pages; the 360 panel shows each account's latest entries", async () => {
    const { customer, account, ids } = await accountWithCredits(["1.00", "2.00", "3.00", "4.00"]);
    const p1 = await listAccountEntries(agent1, { accountId: account.id, limit: 2 });
    expect(p1.entries.map((e) => e.id)).toEqual([String(ids[3]), String(ids[2])]);
    expect(p1.entries[0]).toMatchObject({ kind: "COMPENSATION_CREDIT", amount: "4.00", balanceAfter: "110.00", canReverse: true, reversedById: null });
    const p2 = await listAccountEntries(agent1, { accountId: account.id, limit: 2, before: p1.nextCursor! });
    expect(p2.entries.map((e) => e.id)).toEqual([String(ids[1]), String(ids[0])]);
    const p3 = await listAccountEntries(agent1, { accountId: account.id, limit: 2, before: p2.nextCursor! });
    expect(p3.entries.map((e) => e.kind)).toEqual(["OPENING"]);
    expect(p3.entries[0]).toMatchObject({ amount: "100.00", canReverse: false });
    expect(p3.nextCursor).toBeNull();
    const panel = await listCustomerAccountLedgers(agent1, customer.id, 3);
    expect(panel).toEqual([expect.objectContaining({ accountId: account.id, balance: "110.00" })]);
    expect(panel[0].entries.map((e) => e.amount)).toEqual(["4.00", "3.00", "2.00"]);
    await expect(listAccountEntries(agent1, { accountId: 2_000_000_000 })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("reversal", () => {
  test("a manager reverses a credit: the counter-entry, the balance back, one audit row; the entry shows as reversed", async () => {
    const { account, ids } = await accountWithCredits(["12.50"]);
    const r = await reverseAccountEntry(manager1, { entryId: Number(ids[0]), reason: "posted to the wrong account" });
    expect(r.balance).toBe("100.00");
    const rev = await db.accountEntry.findUniqueOrThrow({ where: { id: BigInt(r.reversalId) } });
    expect(rev).toMatchObject({
      accountId: account.id,
      kind: "REVERSAL",
      reversesId: ids[0],
      ref: `reversal:${ids[0]}`,
      reason: "posted to the wrong account",
      createdById: manager1.id,
    });
    expect(String(rev.amount)).toBe("-12.5");
    expect(await balanceOf(account.id)).toBe(await ledgerSum(account.id));
    const audit = await db.auditLog.findMany({ where: { action: "account.entryReversed", entityId: String(ids[0]) } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: manager1.id,
      data: expect.objectContaining({ reason: "posted to the wrong account", reversalId: r.reversalId, entryKind: "COMPENSATION_CREDIT" }),
    });
    const view = await listAccountEntries(manager1, { accountId: account.id });
    expect(view.entries.find((e) => e.id === String(ids[0]))).toMatchObject({ reversedById: r.reversalId, canReverse: false });
    expect(view.entries.find((e) => e.id === r.reversalId)).toMatchObject({ kind: "REVERSAL", reversesId: String(ids[0]), canReverse: false });
  });

  test("refused: an OPENING, a REVERSAL, an entry already reversed, an unknown entry — nothing posted, no audit row", async () => {
    const { account, ids } = await accountWithCredits(["5.00"]);
    const opening = await db.accountEntry.findFirstOrThrow({ where: { accountId: account.id, kind: "OPENING" } });
    const first = await reverseAccountEntry(manager1, { entryId: Number(ids[0]), reason: "mistake" });
    const entries = await db.accountEntry.count({ where: { accountId: account.id } });
    const audits = await db.auditLog.count();
    await expect(reverseAccountEntry(manager1, { entryId: Number(opening.id), reason: "x" })).rejects.toMatchObject({
      code: "account.notReversible",
      fields: { entryId: "notReversible" },
    });
    await expect(reverseAccountEntry(manager1, { entryId: Number(first.reversalId), reason: "x" })).rejects.toMatchObject({ code: "account.notReversible" });
    await expect(reverseAccountEntry(manager2, { entryId: Number(ids[0]), reason: "again" })).rejects.toMatchObject({
      code: "account.alreadyReversed",
      fields: { entryId: "alreadyReversed" },
    });
    await expect(reverseAccountEntry(manager1, { entryId: 9_000_000_000, reason: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(reverseAccountEntry(manager1, { entryId: Number(ids[0]), reason: "   " })).rejects.toThrow();
    expect(await db.accountEntry.count({ where: { accountId: account.id } })).toBe(entries);
    expect(await db.auditLog.count()).toBe(audits);
  });

  test("two managers reverse the same entry at once: exactly one counter-entry", async () => {
    const { account, ids } = await accountWithCredits(["7.00"]);
    const results = await Promise.all(
      [manager1, manager2, manager1, manager2].map((m) =>
        reverseAccountEntry(m, { entryId: Number(ids[0]), reason: "double click" }).then(
          () => "ok",
          (e: { code?: string }) => e.code ?? "error",
        ),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r !== "ok").every((r) => r === "account.alreadyReversed")).toBe(true);
    expect(await db.accountEntry.count({ where: { reversesId: ids[0] } })).toBe(1);
    expect(await balanceOf(account.id)).toBe("100");
    expect(await db.auditLog.count({ where: { action: "account.entryReversed", entityId: String(ids[0]) } })).toBe(1);
  });

  test("who may not: agents, supervisors and admins are refused — nothing posted, no audit row", async () => {
    const { account, ids } = await accountWithCredits(["3.00"]);
    const audits = await db.auditLog.count();
    for (const actor of [agent1, supervisor1, admin1]) {
      await expect(reverseAccountEntry(actor, { entryId: Number(ids[0]), reason: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.accountEntry.count({ where: { accountId: account.id, kind: "REVERSAL" } })).toBe(0);
    expect(await db.auditLog.count()).toBe(audits);
  });
});
