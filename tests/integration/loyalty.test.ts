// The loyalty programme (issue 23, docs/loyalty.md): earning from a month's bills by the rules and
// grades, bonus events, the job's once-per-month key, expiry first in first out, reconciliation,
// redemption (stock, points, bill credit), adjustments with approval, complaint compensation posted
// on approval, the admin's settings/rules/catalogue, and who may not.
import { describe, test, expect } from "vitest";
import { db } from "@/lib/db";
import { postPoints } from "@/lib/loyalty/ledger";
import { earnPointsForMonth, expirePoints, reconcileLedgers, runLoyaltyJob, requestLoyaltyJob } from "@/lib/loyalty/jobs-commands";
import { redeemReward } from "@/lib/loyalty/redeem-commands";
import { decideAdjustment, requestAdjustment } from "@/lib/loyalty/adjust-commands";
import { createEarnRule as createEarnRuleCmd, createReward as createRewardCmd, updateLoyaltySettings, updateReward } from "@/lib/loyalty/config-commands";
import { getLoyaltySettings, getPointsPanel, listPendingAdjustments } from "@/lib/loyalty/queries";
import { requestCompensation, decideCompensation } from "@/lib/complaints/compensation";
import { createCustomer } from "@/tests/factories/customers";
import { createComplaint } from "@/tests/factories/complaints";
import { createEarnRule, createReward } from "@/tests/factories/loyalty-demo";
import { actorFor, auditCount } from "@/tests/integration/helpers";

const sum = async (customerId: number) =>
  (
    await db.$queryRaw<Array<{ s: number; b: number }>>`
    SELECT COALESCE((SELECT sum(points) FROM points_entry WHERE customer_id = ${customerId}), 0)::int AS s,
           COALESCE((SELECT balance FROM points_account WHERE customer_id = ${customerId}), 0)::int AS b`
  )[0];

const entries = (customerId: number) => db.pointsEntry.findMany({ where: { customerId }, orderBy: { id: "asc" } });

describe("earning", () => {
  test("the most specific rate, the grade's multiplier, a bonus event; once per month", async () => {
    const month = "2031-03";
    const d = new Date("2031-03-01T00:00:00Z");
    await createEarnRule({ name: "t base", planClass: null, grade: null, pointsPerYuan: 1, startsOn: d, endsOn: new Date("2031-05-31") });
    await createEarnRule({ name: "t mobile gold", planClass: "MOBILE", grade: "GOLD", pointsPerYuan: 3, startsOn: d, endsOn: new Date("2031-03-31") });
    await createEarnRule({
      name: "t inactive",
      planClass: "MOBILE",
      grade: "GOLD",
      pointsPerYuan: 50,
      startsOn: d,
      endsOn: new Date("2031-03-31"),
      isActive: false,
    });
    await createEarnRule({ name: "t bonus gold", kind: "BONUS", grade: "GOLD", pointsPerYuan: 0, multiplier: 2, startsOn: d, endsOn: new Date("2031-03-31") });
    const gold = await createCustomer({ bills: [{ month: d, total: 100.4 }] });
    const plain = await createCustomer({ bills: [{ month: d, total: 80 }] });
    await db.customerMembership.create({ data: { customerId: gold.customer.id, grade: "GOLD", computedGrade: "GOLD", since: d, gradedMonth: d } });
    const goldMult = Number((await db.memberGradeDef.findUniqueOrThrow({ where: { grade: "GOLD" } })).pointsMultiplier);
    const stats = await db.$transaction((tx) => earnPointsForMonth(tx, month));
    expect(stats.customers).toBeGreaterThanOrEqual(2);
    const g = await entries(gold.customer.id);
    const earn = Math.floor(100.4 * 3 * goldMult);
    expect(g.map((e) => [e.kind, e.points, e.ref])).toEqual([
      ["EARN", earn, "bill:2031-03"],
      ["BONUS", earn, expect.stringMatching(/^bonus:\d+:2031-03$/)],
    ]);
    expect(g[0].expiresOn?.toISOString().slice(0, 10)).toBe("2033-12-31");
    expect((await entries(plain.customer.id)).map((e) => [e.kind, e.points])).toEqual([["EARN", 80]]);
    // Again: nothing posts twice.
    const again = await db.$transaction((tx) => earnPointsForMonth(tx, month));
    expect(again.customers).toBe(0);
    expect(await sum(gold.customer.id)).toEqual({ s: 2 * earn, b: 2 * earn });
  });

  test("the job row: a month runs once; the admin's Run now is audited; others may not", async () => {
    const d = new Date("2031-04-01T00:00:00Z");
    const c = await createCustomer({ bills: [{ month: d, total: 50 }] });
    const admin = await actorFor("admin1");
    const before = await auditCount({ action: "loyalty.jobRequested" });
    const { done } = await requestLoyaltyJob(admin, { kind: "EARN", month: "2031-04" });
    const first = await done;
    expect(first.ran).toBe(true);
    expect(first.job.status).toBe("SUCCEEDED");
    expect(first.job.stats).toMatchObject({ customers: expect.any(Number), points: expect.any(Number) });
    expect(await auditCount({ action: "loyalty.jobRequested" })).toBe(before + 1);
    const second = await runLoyaltyJob({ kind: "EARN", month: "2031-04" });
    expect(second.ran).toBe(false);
    expect((await entries(c.customer.id)).map((e) => e.points)).toEqual([50]);
    for (const who of ["agent1", "supervisor1", "manager1"]) {
      await expect(requestLoyaltyJob(await actorFor(who), { kind: "RECONCILE" })).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});

describe("expiry", () => {
  test("first in, first out; idempotent per cut-off; never negative", async () => {
    const { customer } = await createCustomer();
    const post = (kind: "EARN" | "REDEEM" | "GIFT", points: number, ref: string, expiresOn: string | null = null) =>
      db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind, points, ref, expiresOn }));
    await post("EARN", 100, "bill:t1", "2030-12-31");
    await post("EARN", 50, "bill:t2", "2031-12-31");
    await post("REDEEM", -30, "redemption:t1");
    // 2030-12-31: 100 − 30 spent = 70 expire; the 2031 lot stays.
    const a = await db.$transaction((tx) => expirePoints(tx, "2030-12-31"));
    expect(a.customers).toBeGreaterThanOrEqual(1);
    expect(await sum(customer.id)).toEqual({ s: 50, b: 50 });
    expect((await db.$transaction((tx) => expirePoints(tx, "2030-12-31"))).customers).toBe(0);
    // Spend more than the next lot's remainder would allow at its cut-off: never below zero.
    await post("REDEEM", -40, "redemption:t2");
    await db.$transaction((tx) => expirePoints(tx, "2031-12-31", "2030-12-31"));
    expect(await sum(customer.id)).toEqual({ s: 0, b: 0 });
    const ex = (await entries(customer.id)).filter((e) => e.kind === "EXPIRE").map((e) => [e.points, e.ref]);
    expect(ex).toEqual([
      [-70, "expire:2030-12-31"],
      [-10, "expire:2031-12-31"],
    ]);
    // A lot bigger than the balance (a clamp): the balance goes to zero, not below.
    const other = await createCustomer();
    await db.$transaction((tx) => postPoints(tx, { customerId: other.customer.id, kind: "EARN", points: 10, ref: "bill:t3", expiresOn: "2029-06-30" }));
    await db.$transaction((tx) => postPoints(tx, { customerId: other.customer.id, kind: "REDEEM", points: -10, ref: "redemption:t3" }));
    await db.$transaction((tx) => expirePoints(tx, "2029-06-30"));
    expect(await sum(other.customer.id)).toEqual({ s: 0, b: 0 });
  });
});

describe("reconciliation", () => {
  test("counts a balance that is not its ledger's sum, and tells the admins", async () => {
    const clean = await db.$transaction((tx) => reconcileLedgers(tx));
    const { customer } = await createCustomer();
    await db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "GIFT", points: 5, ref: "gift:rec" }));
    // A balance written behind the ledger's back (what the job is there to catch).
    await db.$executeRaw`UPDATE points_account SET balance = balance + 1 WHERE customer_id = ${customer.id}`;
    try {
      const r = await db.$transaction((tx) => reconcileLedgers(tx));
      expect(r.pointsMismatches).toBe(clean.pointsMismatches + 1);
      const admin = await actorFor("admin1");
      const n0 = await db.notification.count({ where: { userId: admin.id, kind: "loyalty.reconcileMismatch" } });
      const job = await runLoyaltyJob({ kind: "RECONCILE" });
      expect(job.job.stats).toMatchObject({ mismatches: clean.mismatches + 1 });
      expect(await db.notification.count({ where: { userId: admin.id, kind: "loyalty.reconcileMismatch" } })).toBe(n0 + 1);
    } finally {
      await db.$executeRaw`UPDATE points_account SET balance = balance - 1 WHERE customer_id = ${customer.id}`;
    }
  });
});

describe("redemption", () => {
  test("a bill credit: points debited, stock taken, the account credited, audited", async () => {
    const agent = await actorFor("agent1");
    const { customer, account } = await createCustomer();
    await db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "GIFT", points: 1500, ref: "gift:r1" }));
    const reward = await createReward({ kind: "BILL_CREDIT", pointsCost: 1000, creditAmount: 10, stock: 3 });
    const before = Number(account.balance);
    const r = await redeemReward(agent, { customerId: customer.id, rewardId: reward.id });
    expect(r.balance).toBe(500);
    expect((await db.loyaltyReward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(2);
    const red = await db.rewardRedemption.findUniqueOrThrow({ where: { id: r.redemptionId } });
    expect(red.accountEntryId).not.toBeNull();
    const acc = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(Number(acc.balance)).toBeCloseTo(before + 10, 2);
    const entry = await db.accountEntry.findFirstOrThrow({ where: { accountId: account.id, kind: "REWARD_CREDIT" } });
    expect(entry.ref).toBe(`redemption:${r.redemptionId}`);
    expect(await db.auditLog.count({ where: { action: "loyalty.redeemed", entityId: String(customer.id) } })).toBe(1);
    // Not enough points: nothing changes (the stock neither).
    await expect(redeemReward(agent, { customerId: customer.id, rewardId: reward.id })).rejects.toMatchObject({ code: "loyalty.insufficientPoints" });
    expect((await db.loyaltyReward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(2);
  });

  test("no oversell: 8 concurrent redemptions of the last 3 items", async () => {
    const agent = await actorFor("agent1");
    const reward = await createReward({ kind: "GIFT", pointsCost: 10, stock: 3 });
    const customers = await Promise.all(Array.from({ length: 8 }, () => createCustomer({ lines: [] })));
    for (const c of customers) await db.$transaction((tx) => postPoints(tx, { customerId: c.customer.id, kind: "GIFT", points: 10, ref: "gift:o" }));
    const results = await Promise.allSettled(customers.map((c) => redeemReward(agent, { customerId: c.customer.id, rewardId: reward.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "loyalty.outOfStock")).toBe(true);
    expect((await db.loyaltyReward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(0);
    expect(await db.rewardRedemption.count({ where: { rewardId: reward.id } })).toBe(3);
  });

  test("an unlimited reward: concurrent redemptions all go through, the stock stays unlimited; the panel names the reward", async () => {
    const agent = await actorFor("agent1");
    const reward = await createReward({ kind: "GIFT", pointsCost: 10, stock: null, nameZh: "无限礼品", nameEn: "Unlimited gift" });
    const customers = await Promise.all(Array.from({ length: 6 }, () => createCustomer({ lines: [] })));
    for (const c of customers) await db.$transaction((tx) => postPoints(tx, { customerId: c.customer.id, kind: "GIFT", points: 25, ref: "gift:u" }));
    const results = await Promise.all(customers.map((c) => redeemReward(agent, { customerId: c.customer.id, rewardId: reward.id })));
    expect(results.map((r) => r.balance)).toEqual(customers.map(() => 15));
    expect((await db.loyaltyReward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBeNull();
    const p = await getPointsPanel(agent, { customerId: customers[0].customer.id });
    expect(p.entries[0]).toMatchObject({
      kind: "REDEEM",
      points: -10,
      ref: `redemption:${results[0].redemptionId}`,
      reward: { zh: "无限礼品", en: "Unlimited gift" },
    });
    expect(p.entries[1]).toMatchObject({ kind: "GIFT", ref: "gift:u", reward: null });
  });

  test("who may not: a manager or an admin cannot redeem; an unknown customer is not found", async () => {
    const reward = await createReward();
    const { customer } = await createCustomer();
    for (const who of ["manager1", "admin1"]) {
      await expect(redeemReward(await actorFor(who), { customerId: customer.id, rewardId: reward.id })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(redeemReward(await actorFor("agent1"), { customerId: 2_000_000_000, rewardId: reward.id })).rejects.toMatchObject({ code: "notFound" });
    expect(await db.rewardRedemption.count({ where: { rewardId: reward.id } })).toBe(0);
  });
});

describe("adjustments", () => {
  test("within the supervisor's limit at once; above it a manager approves (not the requester); a version check", async () => {
    const sup = await actorFor("supervisor1");
    const m1 = await actorFor("manager1");
    const { customer } = await createCustomer();
    const small = await requestAdjustment(sup, { customerId: customer.id, points: 200, reason: "goodwill" });
    expect(small.status).toBe("APPROVED");
    expect(await sum(customer.id)).toEqual({ s: 200, b: 200 });
    const big = await requestAdjustment(sup, { customerId: customer.id, points: 900, reason: "ten years with us" });
    expect(big.status).toBe("PENDING_APPROVAL");
    expect(await sum(customer.id)).toEqual({ s: 200, b: 200 });
    expect(await db.notification.count({ where: { userId: m1.id, kind: "loyalty.adjustmentPending" } })).toBeGreaterThan(0);
    expect((await listPendingAdjustments(m1)).some((a) => a.id === big.id)).toBe(true);
    await expect(decideAdjustment(sup, { adjustmentId: big.id, version: 1, approve: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideAdjustment(m1, { adjustmentId: big.id, version: 2, approve: true })).rejects.toMatchObject({ code: "conflict" });
    await decideAdjustment(m1, { adjustmentId: big.id, version: 1, approve: true });
    expect(await sum(customer.id)).toEqual({ s: 1100, b: 1100 });
    const e = await db.pointsEntry.findFirstOrThrow({ where: { customerId: customer.id, ref: `adjustment:${big.id}` } });
    expect(e.kind).toBe("ADJUST");
    await expect(decideAdjustment(m1, { adjustmentId: big.id, version: 2, approve: true })).rejects.toMatchObject({ code: "loyalty.adjustmentDecided" });
    // A manager's own request above nobody's limit posts at once (unlimited); rejecting posts nothing.
    const own = await requestAdjustment(m1, { customerId: customer.id, points: -100, reason: "duplicate" });
    expect(own.status).toBe("APPROVED");
    const pending = await requestAdjustment(sup, { customerId: customer.id, points: -600, reason: "error" });
    await decideAdjustment(m1, { adjustmentId: pending.id, version: 1, approve: false });
    expect(await sum(customer.id)).toEqual({ s: 1000, b: 1000 });
  });

  test("a manager cannot approve their own request; agents and admins may not adjust", async () => {
    const m1 = await actorFor("manager1");
    const m2 = await actorFor("manager2");
    const { customer } = await createCustomer();
    const admin = await actorFor("admin1");
    await updateLoyaltySettings(admin, { version: (await getLoyaltySettings(admin)).version, expiryYears: 2, supervisorLimit: 500, managerLimit: 1000 });
    try {
      const r = await requestAdjustment(m1, { customerId: customer.id, points: 5000, reason: "big" });
      expect(r.status).toBe("PENDING_APPROVAL");
      await expect(decideAdjustment(m1, { adjustmentId: r.id, version: 1, approve: true })).rejects.toMatchObject({ code: "loyalty.ownAdjustment" });
      await expect(decideAdjustment(m2, { adjustmentId: r.id, version: 1, approve: true })).rejects.toMatchObject({ code: "loyalty.overApproverLimit" });
    } finally {
      await updateLoyaltySettings(admin, { version: (await getLoyaltySettings(admin)).version, expiryYears: 2, supervisorLimit: 500, managerLimit: "" });
    }
    for (const who of ["agent1", "admin1"]) {
      await expect(requestAdjustment(await actorFor(who), { customerId: customer.id, points: 1, reason: "x" })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await sum(customer.id)).toEqual({ s: 0, b: 0 });
  });
});

describe("complaint compensation posts on approval", () => {
  test("POINTS within the limit: on the points ledger at once, with an expiry", async () => {
    const agent = await actorFor("agent1");
    const c = await createComplaint({ actor: agent });
    await db.compensationLimit.update({ where: { role: "AGENT" }, data: { pointsLimit: 1000 } }).catch(() => null);
    const limit = await db.compensationLimit.findUnique({ where: { role: "AGENT" } });
    const r = await requestCompensation(agent, { complaintId: c.id, kind: "POINTS", amount: Math.min(300, limit?.pointsLimit ?? 300), reason: "outage" });
    expect(r.status).toBe("APPROVED");
    const e = await db.pointsEntry.findFirstOrThrow({ where: { customerId: c.customerId, kind: "COMPENSATION" } });
    expect(e.ref).toBe(`compensation:${r.id}`);
    expect(e.expiresOn).not.toBeNull();
  });

  test("CREDIT above the limit: posted to the line's account when the supervisor approves", async () => {
    const agent = await actorFor("agent1");
    const sup = await actorFor("supervisor1");
    const c = await createComplaint({ actor: agent });
    const r = await requestCompensation(agent, { complaintId: c.id, kind: "CREDIT", amount: 1_000, reason: "double charge" });
    expect(r.status).toBe("PENDING_APPROVAL");
    const accountId = c.lineId
      ? (await db.line.findUniqueOrThrow({ where: { id: c.lineId } })).accountId
      : (await db.account.findFirstOrThrow({ where: { customerId: c.customerId } })).id;
    expect(await db.accountEntry.count({ where: { accountId, kind: "COMPENSATION_CREDIT" } })).toBe(0);
    await db.compensationLimit.update({ where: { role: "SUPERVISOR" }, data: { creditLimit: 5_000 } });
    await decideCompensation(sup, { compensationId: r.id, version: 1, approve: true });
    const e = await db.accountEntry.findFirstOrThrow({ where: { accountId, kind: "COMPENSATION_CREDIT" } });
    expect([e.ref, Number(e.amount)]).toEqual([`compensation:${r.id}`, 1000]);
    const [ok] = await db.$queryRaw<
      Array<{ ok: boolean }>
    >`SELECT a.balance = (SELECT sum(amount) FROM account_entry WHERE account_id = a.id) AS ok FROM account a WHERE a.id = ${accountId}`;
    expect(ok.ok).toBe(true);
  });
});

describe("admin configuration", () => {
  test("settings, rules and rewards with version checks; agents may not", async () => {
    const admin = await actorFor("admin1");
    const s = await getLoyaltySettings(admin);
    await expect(updateLoyaltySettings(admin, { version: s.version + 5, expiryYears: 3, supervisorLimit: 1, managerLimit: "" })).rejects.toMatchObject({
      code: "conflict",
    });
    const rule = await createEarnRuleCmd(admin, {
      name: "t admin",
      kind: "RATE",
      planClass: "FIXED",
      grade: "",
      pointsPerYuan: 2,
      multiplier: 1,
      startsOn: "2040-01-01",
      endsOn: "2040-01-31",
      isActive: "on",
    });
    expect(rule.id).toBeGreaterThan(0);
    await expect(
      createEarnRuleCmd(admin, {
        name: "bad",
        kind: "RATE",
        planClass: "",
        grade: "",
        pointsPerYuan: 1,
        multiplier: 1,
        startsOn: "2040-02-01",
        endsOn: "2040-01-01",
        isActive: true,
      }),
    ).rejects.toMatchObject({ fields: { endsOn: "endsBeforeStarts" } });
    const code = `T${Date.now()}`;
    const rw = await createRewardCmd(admin, {
      code,
      nameZh: "测试",
      nameEn: "Test",
      kind: "DATA_PACK",
      pointsCost: 10,
      creditAmount: "",
      dataMb: 100,
      stock: 4,
      isActive: true,
    });
    await expect(
      createRewardCmd(admin, { code, nameZh: "测试", nameEn: "Test", kind: "GIFT", pointsCost: 10, creditAmount: "", dataMb: "", stock: "", isActive: true }),
    ).rejects.toMatchObject({
      fields: { code: "codeTaken" },
    });
    await updateReward(admin, {
      rewardId: rw.id,
      version: 1,
      code,
      nameZh: "测试",
      nameEn: "Test",
      kind: "DATA_PACK",
      pointsCost: 20,
      creditAmount: "",
      dataMb: 100,
      stock: 4,
      isActive: true,
    });
    await expect(
      updateReward(admin, {
        rewardId: rw.id,
        version: 1,
        code,
        nameZh: "测试",
        nameEn: "Test",
        kind: "DATA_PACK",
        pointsCost: 30,
        creditAmount: "",
        dataMb: 100,
        stock: 4,
        isActive: true,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    const agent = await actorFor("agent1");
    await expect(createRewardCmd(agent, { code: "X1", nameZh: "x", nameEn: "x", kind: "GIFT", pointsCost: 1, isActive: true })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(getLoyaltySettings(agent)).rejects.toMatchObject({ code: "forbidden" });
  });

  test("the points panel: balance, next expiry, entries with more", async () => {
    const agent = await actorFor("agent1");
    const { customer } = await createCustomer();
    for (let i = 0; i < 10; i++)
      await db.$transaction((tx) =>
        postPoints(tx, { customerId: customer.id, kind: "EARN", points: 10, ref: `bill:p${i}`, expiresOn: i < 5 ? "2027-12-31" : "2028-12-31" }),
      );
    await db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "REDEEM", points: -20, ref: "redemption:p" }));
    const p = await getPointsPanel(agent, { customerId: customer.id }, new Date("2026-12-07T02:00:00Z"));
    expect([p.balance, p.lifetimeEarned]).toEqual([80, 100]);
    expect(p.nextExpiry).toEqual({ on: "2027-12-31", points: 30 });
    expect(p.entries).toHaveLength(8);
    expect(p.entries[0]).toMatchObject({ kind: "REDEEM", points: -20, balanceAfter: 80 });
    const more = await getPointsPanel(agent, { customerId: customer.id, before: p.nextBefore! });
    expect(more.entries).toHaveLength(3);
    expect(more.nextBefore).toBeNull();
    await expect(getPointsPanel(agent, { customerId: 2_000_000_000 })).rejects.toMatchObject({ code: "notFound" });
  });
});
