// The loyalty programme for tests and the demo (issue 23, docs/loyalty.md). seedDemoLoyalty runs
// inside the seed's transaction after the bills and complaints exist: the settings, a few earn
// rules and rewards, the earning job for the last three bill months (the same statements as the
// job: lib/loyalty/jobs-commands.ts), one complaint with an approved POINTS compensation and one
// with an approved CREDIT (posted through the ledgers), and one adjustment waiting for manager1.
import type pg from "pg";
import type { LoyaltyReward, LoyaltyEarnRule, Prisma } from "@/lib/generated/prisma/client";
import { clientOr, given, uniqueNumber, type FactoryDb } from "@/tests/factories/db";
import { pgTx } from "@/tests/factories/pg-tx";

export async function createReward(overrides: Partial<Prisma.LoyaltyRewardUncheckedCreateInput> = {}, db?: FactoryDb): Promise<LoyaltyReward> {
  const client = await clientOr(db);
  const n = uniqueNumber();
  return client.loyaltyReward.create({
    data: { code: `R${n}`, nameZh: `话费券 ${n}`, nameEn: `Voucher ${n}`, kind: "GIFT", pointsCost: 100, stock: null, ...given(overrides) },
  });
}

export async function createEarnRule(overrides: Partial<Prisma.LoyaltyEarnRuleUncheckedCreateInput> = {}, db?: FactoryDb): Promise<LoyaltyEarnRule> {
  const client = await clientOr(db);
  return client.loyaltyEarnRule.create({ data: { name: `规则 ${uniqueNumber()}`, kind: "RATE", pointsPerYuan: 1, ...given(overrides) } });
}

const DEMO_REWARDS = [
  { code: "BILL10", nameZh: "10元话费", nameEn: "¥10 bill credit", kind: "BILL_CREDIT", pointsCost: 1000, creditAmount: "10.00", dataMb: null, stock: null },
  { code: "BILL50", nameZh: "50元话费", nameEn: "¥50 bill credit", kind: "BILL_CREDIT", pointsCost: 4500, creditAmount: "50.00", dataMb: null, stock: null },
  { code: "DATA1G", nameZh: "1GB 国内流量包", nameEn: "1 GB data pack", kind: "DATA_PACK", pointsCost: 800, creditAmount: null, dataMb: 1024, stock: null },
  { code: "MUG", nameZh: "定制保温杯", nameEn: "Insulated mug", kind: "GIFT", pointsCost: 3000, creditAmount: null, dataMb: null, stock: 20 },
  { code: "EARBUDS", nameZh: "蓝牙耳机", nameEn: "Wireless earbuds", kind: "GIFT", pointsCost: 12000, creditAmount: null, dataMb: null, stock: 5 },
] as const;

/**
 * `months`: how many of the latest bill months to earn (3); `skipLatest`: leave the newest one
 * unearned (the generator: the bench measures the earning job on it); `extras`: the demo's
 * compensations and pending adjustment (true).
 */
export async function seedDemoLoyalty(
  client: pg.ClientBase,
  now = new Date(),
  opts: { months?: number; skipLatest?: boolean; extras?: boolean } = {},
): Promise<{ months: string[]; earned: number }> {
  const { earnPointsForMonth } = await import("@/lib/loyalty/jobs-commands");
  const { postPoints } = await import("@/lib/loyalty/ledger");
  const { postAccountEntry } = await import("@/lib/accounts/ledger");
  const { DEFAULT_LOYALTY_SETTINGS, pointsExpiryFor } = await import("@/lib/loyalty/settings");
  const tx = pgTx(client);
  const rows = async <T>(q: string, params: unknown[] = []) => (await client.query(q, params)).rows as T[];
  await client.query(`INSERT INTO app_setting (key, value, updated_at) VALUES ('loyalty', $1, now()) ON CONFLICT (key) DO NOTHING`, [
    JSON.stringify(DEFAULT_LOYALTY_SETTINGS),
  ]);
  if ((await rows(`SELECT 1 FROM loyalty_earn_rule LIMIT 1`)).length === 0) {
    await client.query(`
      INSERT INTO loyalty_earn_rule (name, kind, plan_class, grade, points_per_yuan, multiplier, starts_on, ends_on) VALUES
        ('基础积分：每元 1 分', 'RATE', NULL, NULL, 1, 1, NULL, NULL),
        ('宽带：每元 1.5 分', 'RATE', 'BROADBAND', NULL, 1.5, 1, NULL, NULL),
        ('钻石会员：每元 2 分', 'RATE', NULL, 'DIAMOND', 2, 1, NULL, NULL),
        ('双十一双倍积分', 'BONUS', NULL, NULL, 0, 2, '2026-11-01', '2026-11-30'),
        ('春节三倍积分（未开始）', 'BONUS', NULL, NULL, 0, 3, '2027-01-25', '2027-02-15')`);
  }
  for (const r of DEMO_REWARDS) {
    await client.query(
      `INSERT INTO loyalty_reward (code, name_zh, name_en, kind, points_cost, credit_amount, data_mb, stock)
       VALUES ($1, $2, $3, $4::"RewardKind", $5, $6::numeric, $7, $8) ON CONFLICT (code) DO NOTHING`,
      [r.code, r.nameZh, r.nameEn, r.kind, r.pointsCost, r.creditAmount, r.dataMb, r.stock],
    );
  }
  // The earning job for the last three bill months, with its job rows (as the admin page shows them).
  const skip = opts.skipLatest ? 1 : 0;
  const months = (
    await rows<{ m: string }>(`SELECT to_char(month, 'YYYY-MM') AS m FROM (SELECT DISTINCT month FROM bill) x ORDER BY month DESC LIMIT $1 OFFSET $2`, [
      opts.months ?? 3,
      skip,
    ])
  )
    .map((r) => r.m)
    .reverse();
  let earned = 0;
  for (const month of months) {
    const t0 = Date.now();
    const stats = await earnPointsForMonth(tx, month, now);
    earned += stats.points + stats.bonusPoints;
    await client.query(
      `INSERT INTO loyalty_job (kind, period, status, stats, created_at, started_at, finished_at) VALUES ('EARN', $1, 'SUCCEEDED', $2, now(), now(), now())
       ON CONFLICT (kind, period) DO NOTHING`,
      [month, JSON.stringify({ ...stats, ms: Date.now() - t0 })],
    );
  }
  if (opts.extras === false) return { months, earned };
  // Two resolved complaints with an approved compensation each, posted as the app posts them.
  const complaints = await rows<{ id: number; customer_id: number; line_id: number | null; assignee_id: number | null }>(
    `SELECT id, customer_id, line_id, assignee_id FROM complaint WHERE status IN ('RESOLVED', 'CLOSED') AND assignee_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM complaint_compensation cc WHERE cc.complaint_id = complaint.id) ORDER BY id LIMIT 2`,
  );
  const [sup] = await rows<{ id: number }>(`SELECT id FROM app_user WHERE username = 'supervisor1'`);
  const settings = DEFAULT_LOYALTY_SETTINGS;
  const comps = [
    { kind: "POINTS", amount: 500, reason: "网络故障影响使用，补偿积分" },
    { kind: "CREDIT", amount: 20, reason: "重复扣费，补偿话费" },
  ] as const;
  for (const [i, c] of complaints.entries()) {
    const comp = comps[i];
    const [row] = await rows<{ id: number }>(
      `INSERT INTO complaint_compensation (complaint_id, kind, amount, reason, status, requested_by, decided_by, decided_at, created_at)
       VALUES ($1, $2::"CompensationKind", $3, $4, 'APPROVED', $5, $5, now(), now()) RETURNING id`,
      [c.id, comp.kind, comp.amount, comp.reason, c.assignee_id ?? sup.id],
    );
    const ref = `compensation:${row.id}`;
    if (comp.kind === "POINTS") {
      await postPoints(
        tx,
        {
          customerId: c.customer_id,
          kind: "COMPENSATION",
          points: comp.amount,
          ref,
          reason: comp.reason,
          expiresOn: pointsExpiryFor(now, settings),
          createdById: c.assignee_id,
        },
        now,
      );
    } else {
      const [acc] = await rows<{ id: number }>(
        `SELECT COALESCE((SELECT account_id FROM line WHERE id = $1), (SELECT id FROM account WHERE customer_id = $2 ORDER BY id LIMIT 1)) AS id`,
        [c.line_id, c.customer_id],
      );
      await postAccountEntry(
        tx,
        { accountId: acc.id, kind: "COMPENSATION_CREDIT", amount: comp.amount.toFixed(2), ref, reason: comp.reason, createdById: c.assignee_id },
        now,
      );
    }
  }
  // One adjustment above supervisor1's limit, waiting for manager1 (on the first compensated customer).
  const target = complaints[0]?.customer_id ?? (await rows<{ id: number }>(`SELECT id FROM customer ORDER BY id LIMIT 1`))[0]?.id;
  if (target && sup && !(await rows(`SELECT 1 FROM points_adjustment WHERE status = 'PENDING_APPROVAL' LIMIT 1`)).length) {
    await client.query(
      `INSERT INTO points_adjustment (customer_id, points, reason, status, requested_by, created_at) VALUES ($1, 800, $2, 'PENDING_APPROVAL', $3, now())`,
      [target, "老客户十周年关怀，超出主管额度，请经理审批", sup.id],
    );
  }
  return { months, earned };
}
