// The two ledgers' posting functions (decision 030): the balance is the ledger's sum, concurrent
// posts lose nothing, a debit beyond the balance fails, a key posts once, and every new account
// starts its ledger with an OPENING entry.
import { describe, test, expect } from "vitest";
import { db } from "@/lib/db";
import { postPoints } from "@/lib/loyalty/ledger";
import { postAccountEntry } from "@/lib/accounts/ledger";
import { createCustomer } from "@/tests/factories/customers";
import { createEarnRule, createReward } from "@/tests/factories/loyalty-demo";
import { redeemReward } from "@/lib/loyalty/redeem-commands";
import { requestAdjustment } from "@/lib/loyalty/adjust-commands";
import { runLoyaltyJob } from "@/lib/loyalty/jobs-commands";
import { actorFor } from "@/tests/integration/helpers";

const WAIT = { maxWait: 60_000, timeout: 60_000 };

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
    // A loaded machine may keep 40 transactions waiting for the pool: wait rather than time out.
    const ops = Array.from({ length: 40 }, (_, i) =>
      db
        .$transaction(
          (tx) =>
            i % 2 === 0
              ? postPoints(tx, { customerId: customer.id, kind: "GIFT", points: 10, ref: `gift:t:${i}` })
              : postPoints(tx, { customerId: customer.id, kind: "REDEEM", points: -60, ref: `redemption:t:${i}` }),
          WAIT,
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

describe("points ledger under the app's own writers (issue 23)", () => {
  test("concurrent adjustments and redemptions on one customer: sum = balance, never negative, no oversell", async () => {
    const sup = await actorFor("supervisor1");
    const agent = await actorFor("agent1");
    const { customer, account } = await createCustomer();
    await db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "EARN", points: 300, ref: "bill:c0", expiresOn: "2028-12-31" }), WAIT);
    const reward = await createReward({ kind: "BILL_CREDIT", pointsCost: 100, creditAmount: 1, stock: 6 });
    const ops = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? requestAdjustment(sup, { customerId: customer.id, points: 50, reason: `grant ${i}` }).then(() => "grant")
        : redeemReward(agent, { customerId: customer.id, rewardId: reward.id }).then(
            () => "redeemed",
            (e: { code?: string }) => e.code ?? "error",
          ),
    );
    const results = await Promise.all(ops);
    const redeemed = results.filter((r) => r === "redeemed").length;
    expect(results.every((r) => ["grant", "redeemed", "loyalty.insufficientPoints", "loyalty.outOfStock"].includes(r))).toBe(true);
    const s = await pointsState(customer.id);
    expect(s.balance).toBe(s.sum);
    expect(s.balance).toBe(300 + 8 * 50 - 100 * redeemed);
    expect(s.balance).toBeGreaterThanOrEqual(0);
    expect(redeemed).toBeLessThanOrEqual(6);
    expect((await db.loyaltyReward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(6 - redeemed);
    const credits = await db.accountEntry.count({ where: { accountId: account.id, kind: "REWARD_CREDIT" } });
    expect(credits).toBe(redeemed);
  });

  test("the earning job running while redemptions happen: nothing lost, each customer's balance is its ledger's sum", async () => {
    const agent = await actorFor("agent1");
    const month = new Date("2032-01-01T00:00:00Z");
    await createEarnRule({ name: "t 2032-01", pointsPerYuan: 1, startsOn: month, endsOn: new Date("2032-01-31T00:00:00Z") });
    const customers = await Promise.all(Array.from({ length: 12 }, () => createCustomer({ bills: [{ month, total: 100 }] })));
    for (const c of customers) await db.$transaction((tx) => postPoints(tx, { customerId: c.customer.id, kind: "GIFT", points: 60, ref: "gift:ej" }), WAIT);
    const reward = await createReward({ kind: "GIFT", pointsCost: 60, stock: null });
    const job = runLoyaltyJob({ kind: "EARN", month: "2032-01" });
    const redemptions = customers.flatMap((c) =>
      [0, 1].map(() =>
        redeemReward(agent, { customerId: c.customer.id, rewardId: reward.id }).then(
          () => "ok",
          (e: { code?: string }) => e.code ?? "error",
        ),
      ),
    );
    const [run, ...results] = await Promise.all([job, ...redemptions]);
    expect(run.job.status).toBe("SUCCEEDED");
    expect(results.every((r) => r === "ok" || r === "loyalty.insufficientPoints")).toBe(true);
    for (const c of customers) {
      const s = await pointsState(c.customer.id);
      const earned = await db.pointsEntry.aggregate({ where: { customerId: c.customer.id, kind: { in: ["EARN", "BONUS"] } }, _sum: { points: true } });
      const spent = await db.rewardRedemption.count({ where: { customerId: c.customer.id } });
      expect(s.balance).toBe(s.sum);
      expect(s.balance).toBeGreaterThanOrEqual(0);
      expect(earned._sum.points).toBeGreaterThan(0);
      expect(s.balance).toBe(60 + (earned._sum.points ?? 0) - 60 * spent);
    }
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
