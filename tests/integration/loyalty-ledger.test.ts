// The two ledgers' posting functions (decision 030): the balance is the ledger's sum, concurrent
// posts lose nothing, a debit beyond the balance fails, a key posts once, and every new account
// starts its ledger with an OPENING entry.
import { describe, test, expect } from "vitest";
import { db } from "@/lib/db";
import { postPoints } from "@/lib/loyalty/ledger";
import { postAccountEntry } from "@/lib/accounts/ledger";
import { createCustomer } from "@/tests/factories/customers";

async function pointsState(customerId: number) {
  const [a] = await db.$queryRaw<Array<{ balance: number; sum: number; n: number }>>`
    SELECT pa.balance, (SELECT COALESCE(sum(points), 0)::int FROM points_entry WHERE customer_id = pa.customer_id) AS sum,
           (SELECT count(*)::int FROM points_entry WHERE customer_id = pa.customer_id) AS n
    FROM points_account pa WHERE pa.customer_id = ${customerId}`;
  return a;
}

describe("points ledger", () => {
  test("concurrent credits and debits: no lost update, never negative, sum = balance", async () => {
    const { customer } = await createCustomer();
    await db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "EARN", points: 1000, ref: "bill:2026-10", expiresOn: "2028-12-31" }));
    const ops = Array.from({ length: 40 }, (_, i) =>
      db
        .$transaction((tx) =>
          i % 2 === 0
            ? postPoints(tx, { customerId: customer.id, kind: "GIFT", points: 10, ref: `gift:t:${i}` })
            : postPoints(tx, { customerId: customer.id, kind: "REDEEM", points: -60, ref: `redemption:t:${i}` }),
        )
        .then(
          () => "ok",
          (e: { code?: string }) => e.code ?? "error",
        ),
    );
    const results = await Promise.all(ops);
    const s = await pointsState(customer.id);
    expect(s.balance).toBe(s.sum);
    expect(s.balance).toBeGreaterThanOrEqual(0);
    const debitsOk = results.filter((r, i) => i % 2 === 1 && r === "ok").length;
    expect(s.balance).toBe(1000 + 20 * 10 - 60 * debitsOk);
    expect(results.filter((r) => r !== "ok").every((r) => r === "loyalty.insufficientPoints")).toBe(true);
  });

  test("a key posts once; a debit beyond the balance changes nothing", async () => {
    const { customer } = await createCustomer();
    const first = await db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "COMPENSATION", points: 200, ref: "compensation:1" }));
    const again = await db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "COMPENSATION", points: 200, ref: "compensation:1" }));
    expect(first?.balance).toBe(200);
    expect(again).toBeNull();
    await expect(db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "REDEEM", points: -201, ref: "redemption:x" }))).rejects.toMatchObject(
      {
        code: "loyalty.insufficientPoints",
      },
    );
    expect(await pointsState(customer.id)).toEqual({ balance: 200, sum: 200, n: 1 });
  });
});

describe("account ledger", () => {
  test("a new account opens its ledger; posts keep balance = sum; a key posts once", async () => {
    const { customer } = await createCustomer();
    const account = await db.account.findFirstOrThrow({ where: { customerId: customer.id } });
    const opening = await db.accountEntry.findMany({ where: { accountId: account.id } });
    expect(opening.map((e) => [e.kind, String(e.amount)])).toEqual([["OPENING", String(account.balance)]]);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.$transaction((tx) => postAccountEntry(tx, { accountId: account.id, kind: "COMPENSATION_CREDIT", amount: "1.50", ref: `compensation:${i}` })),
      ),
    );
    expect(
      await db.$transaction((tx) => postAccountEntry(tx, { accountId: account.id, kind: "COMPENSATION_CREDIT", amount: "1.50", ref: "compensation:0" })),
    ).toBeNull();
    const [r] = await db.$queryRaw<Array<{ ok: boolean }>>`
      SELECT a.balance = (SELECT sum(amount) FROM account_entry e WHERE e.account_id = a.id) AS ok FROM account a WHERE a.id = ${account.id}`;
    expect(r.ok).toBe(true);
    const after = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(Number(after.balance)).toBeCloseTo(Number(account.balance) + 15, 2);
  });
});
