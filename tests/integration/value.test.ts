import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { actorFor, auditCount } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { enqueueValueJob, getValueJob } from "@/lib/scoring/jobs";
import { updateOfferRule, updateValueSettings } from "@/lib/scoring/commands";
import { getCustomerValue, getTierMigration, getValueDashboard, getValueSettings, getValueTiers, listRetentionWorkList } from "@/lib/scoring/queries";
import { topChurnFactors } from "@/lib/churn/factors";
import { trainChurnModelNow } from "@/lib/churn/training";
import { assignTier, computeValueScore, creditScore, normalizeTenure, satisfactionScore, type TierThresholds } from "@/lib/scoring/value";
import { createComplaint } from "@/tests/factories/complaints";
import { createSurveyInvitation, createSurveyResponse } from "@/tests/factories/surveys";
import { createCustomer } from "@/tests/factories/customers";

// Hand-made customers (the factories) scored by the real pipeline; expectations come from the
// reference math in lib/scoring/value.ts. The seeded 600 customers of this file's database are
// scored alongside them.

let admin: Actor;
let manager: Actor;
let agent: Actor;
let supervisor: Actor;
const DAY = 86_400_000;
const now = new Date();
let loyalId: number;
let newId: number;

async function makeCustomer(opts: {
  name: string;
  joinedMonthsAgo: number;
  bills: Array<{ back: number; total: number; dataMb: number; paid: boolean; roaming?: number }>;
  /** Complaints opened in the last 90 days (the complaint table), resolved an hour later. */
  complaints90d: number;
  /** Complaints opened in the last 90 days and still open. */
  followUps90d: number;
  contractEndsInDays?: number;
  /** NPS answers of the last year. */
  nps?: number[];
}) {
  const { customer } = await createCustomer({
    name: opts.name,
    joinedAt: new Date(now.getTime() - opts.joinedMonthsAgo * 30.4 * DAY - 3 * DAY),
    lines: [{ planCode: "M5G-129", contractEndDate: opts.contractEndsInDays != null ? new Date(now.getTime() + opts.contractEndsInDays * DAY) : null }],
    bills: opts.bills.map((b) => ({ back: b.back, total: b.total, dataMb: b.dataMb, paid: b.paid, roamingDays: b.roaming })),
  });
  // The complaint signal is the complaint table (lib/churn/signals.ts); contacts no longer count.
  for (let i = 0; i < opts.complaints90d; i++) {
    const at = new Date(now.getTime() - (10 + i) * DAY);
    await createComplaint({
      customerId: customer.id,
      now: at,
      steps: [
        { action: "start", at: new Date(at.getTime() + 60_000) },
        { action: "resolve", at: new Date(at.getTime() + 3_600_000) },
      ],
    });
  }
  for (let i = 0; i < opts.followUps90d; i++) await createComplaint({ customerId: customer.id, now: new Date(now.getTime() - (20 + i) * DAY) });
  for (const [i, score] of (opts.nps ?? []).entries()) {
    const { invitation } = await createSurveyInvitation({
      customerId: customer.id,
      template: "NPS_RELATIONSHIP",
      sentAt: new Date(now.getTime() - (30 + i) * DAY),
    });
    await createSurveyResponse(invitation, { score, answeredAt: new Date(now.getTime() - (30 + i) * DAY + 3_600_000) });
  }
  return customer.id;
}

function resetSettings(expectedVersion: number) {
  return resetSettingsAs(admin, expectedVersion);
}

beforeAll(async () => {
  [admin, manager, agent, supervisor] = await Promise.all([actorFor("admin1"), actorFor("manager1"), actorFor("agent1"), actorFor("supervisor1")]);
  // 40 months with us, 12 bills (3 late), 2 complaints and 1 follow-up in the last 90 days,
  // data falling 50 % in the last 3 months, heavy data (25 GB a month before), contract ending.
  loyalId = await makeCustomer({
    name: "价值测试甲",
    joinedMonthsAgo: 40,
    bills: Array.from({ length: 12 }, (_, i) => ({ back: 12 - i, total: 200, dataMb: i >= 9 ? 12_800 : 25_600, paid: i % 4 !== 0 })),
    complaints90d: 2,
    followUps90d: 1,
    contractEndsInDays: 30,
    nps: [3, 8],
  });
  newId = await makeCustomer({
    name: "价值测试乙",
    joinedMonthsAgo: 2,
    bills: [
      { back: 2, total: 50, dataMb: 1000, paid: true },
      { back: 1, total: 50, dataMb: 1000, paid: true },
    ],
    complaints90d: 0,
    followUps90d: 0,
  });
  const train = await enqueueValueJob(admin, "CHURN_TRAIN");
  await train.done;
  const run = await enqueueValueJob(admin, "RESCORE");
  await run.done;
  // Training and a whole-base rescoring, after complaints made through the app's own commands: more
  // than the default hook time when the whole suite shares two cores.
}, 180_000);

describe("churn model", () => {
  test("trained on the seeded history reaches a holdout AUC ≥ 0.75", async () => {
    const model = await db.churnModel.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(model.holdoutAuc).toBeGreaterThanOrEqual(0.75);
    expect(model.testChurners).toBeGreaterThan(0);
    expect(model.trainSize + model.testSize).toBeGreaterThan(500);
    expect(model.featureNames).toContain("contract_end_60d");
    // Contract ending and complaints push risk up.
    expect(model.weights[model.featureNames.indexOf("contract_end_60d")]).toBeGreaterThan(0);
    const job = await db.valueJob.findFirstOrThrow({ where: { kind: "CHURN_TRAIN" }, orderBy: { id: "desc" } });
    expect(job.status).toBe("SUCCEEDED");
    expect(job.progress).toBe(100);
  });

  test("a base with nothing to learn from yet (a new install) trains nothing and keeps the last model, without failing", async () => {
    const before = await db.churnModel.count();
    // Seen from 2000, no customer has three months of tenure: no training rows.
    expect(await trainChurnModelNow({ now: new Date("2000-01-01T00:00:00Z") })).toBeNull();
    expect(await db.churnModel.count()).toBe(before);
  });
});

describe("rescoring", () => {
  test("dimensions, score and tier of a hand-made customer follow the reference math", async () => {
    const s = await db.customerScore.findUniqueOrThrow({ where: { customerId: loyalId } });
    const settings = await getValueSettings(admin);
    expect(s.tenureMonths).toBe(40);
    expect(s.loyalty).toBeCloseTo(normalizeTenure(40), 6);
    expect(s.credit).toBeCloseTo(creditScore(9 / 12), 6);
    // Survey mean (NPS 3 and 8 → 30 and 80: 55) − three GENERAL complaints (10 each) − the open one (10).
    const open = { grade: "GENERAL" as const, reopened: false, breached: false, unresolved: true };
    const resolved = { ...open, unresolved: false };
    expect(s.satisfaction).toBeCloseTo(
      satisfactionScore(
        [
          { kind: "NPS", score: 3 },
          { kind: "NPS", score: 8 },
        ],
        [resolved, resolved, open],
      ),
      6,
    );
    expect(s.satisfaction).toBeCloseTo(55 - 40, 6);
    expect(s.complaints90d).toBe(3);
    expect(s.dataChangePct).toBeCloseTo(-50, 1);
    expect(s.arpu).toBeCloseTo(200, 6);
    const score = computeValueScore(
      { profitability: s.profitability, loyalty: s.loyalty, potential: s.potential, satisfaction: s.satisfaction, credit: s.credit },
      settings.weights,
    );
    expect(s.score).toBeCloseTo(score, 6);
    expect(s.tier).toBe(assignTier(s.score, settings.tiers));
    expect(s.rfmCode).toMatch(/^[1-5]{3}$/);
    expect(s.churnProbability).not.toBeNull();
    expect(s.clv).toBeGreaterThan(0);
    // The contract ending in 30 days pushes the risk up (whether it is among the top three depends
    // on the trained coefficients of the other signals this customer has).
    const pushing = topChurnFactors({ x: s.churnX, c: s.churnC }, 9);
    expect(pushing.map((f) => f.feature)).toContain("contract_end_60d");
    const top = topChurnFactors({ x: s.churnX, c: s.churnC });
    expect(top.length).toBeGreaterThanOrEqual(1);
    expect(top.length).toBeLessThanOrEqual(3);
    expect(top.every((f) => f.contribution > 0)).toBe(true);
  });

  test("a customer two months in is NEW (or AT_RISK) and every churned customer is CHURNED", async () => {
    const s = await db.customerScore.findUniqueOrThrow({ where: { customerId: newId } });
    expect(["NEW", "AT_RISK"]).toContain(s.lifecycleStage);
    const [{ wrong }] = await db.$queryRaw<Array<{ wrong: number }>>`
      SELECT count(*)::int AS wrong FROM customer c JOIN customer_score s ON s.customer_id = c.id
      WHERE (c.status = 'CHURNED') <> (s.lifecycle_stage = 'CHURNED')`;
    expect(wrong).toBe(0);
  });

  test("every customer is scored; the run's rollup counts the active ones", async () => {
    const [c] = await db.$queryRaw<Array<{ customers: number; scores: number; tiers: number; active: number }>>`
      SELECT (SELECT count(*) FROM customer)::int AS customers, (SELECT count(*) FROM customer_score)::int AS scores,
             (SELECT sum(customers) FROM value_rollup WHERE kind = 'TIER' AND month = (SELECT max(month) FROM value_rollup))::int AS tiers,
             (SELECT count(*) FROM customer_score WHERE lifecycle_stage <> 'CHURNED')::int AS active`;
    expect(c.scores).toBe(c.customers);
    expect(c.tiers).toBe(c.active);
  });

  test("the first run in a new month keeps the last month's scores as its snapshot; bills are summarised once", async () => {
    const { runRescoring } = await import("@/lib/scoring/pipeline");
    const before = await db.$queryRaw<Array<{ month: Date; n: number }>>`SELECT month, count(*)::int AS n FROM value_snapshot GROUP BY month`;
    const [{ active, month }] = await db.$queryRaw<Array<{ active: number; month: string }>>`
      SELECT count(*) FILTER (WHERE lifecycle_stage <> 'CHURNED')::int AS active,
             to_char(max(computed_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month FROM customer_score`;
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15));
    const job = await db.valueJob.create({ data: { kind: "RESCORE", status: "SUCCEEDED", trigger: "test" } });
    try {
      await runRescoring({ runId: job.id, now: nextMonth });
      const [snap] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM value_snapshot WHERE to_char(month, 'YYYY-MM') = ${month}`;
      expect(snap.n).toBe(before.find((b) => b.month.toISOString().slice(0, 7) === month)?.n ?? active);
      // The month rolled over: every active customer's bill summary moved to the new reference month.
      const [{ stale }] = await db.$queryRaw<Array<{ stale: number }>>`
        SELECT count(*)::int AS stale FROM customer_bill_summary b JOIN customer c ON c.id = b.customer_id
        WHERE c.status <> 'CHURNED' AND b.ref_mi <> ${nextMonth.getUTCFullYear() * 12 + nextMonth.getUTCMonth()}`;
      expect(stale).toBe(0);
    } finally {
      // Back to this month's figures for the tests after this one.
      await runRescoring({ runId: job.id, now: new Date() });
      await db.$executeRaw`DELETE FROM value_rollup WHERE month > date_trunc('month', now())::date`;
      await db.valueJob.delete({ where: { id: job.id } });
    }
  });

  test("a bill load marks the summary stale: the next run rebuilds it from the bills", async () => {
    const { ensureBillSummary } = await import("@/lib/scoring/bill-summary");
    const again = await db.$transaction((tx) => ensureBillSummary(tx, new Date()));
    expect(again.rebuilt).toBe(false);
    expect(again.recomputed).toBe(0);
    const [{ id }] = await db.$queryRaw<Array<{ id: number }>>`SELECT id FROM bill ORDER BY id LIMIT 1`;
    await db.$executeRaw`UPDATE bill SET paid_on_time = paid_on_time WHERE id = ${id}`;
    const after = await db.$transaction((tx) => ensureBillSummary(tx, new Date()), { timeout: 60_000 });
    expect(after.rebuilt).toBe(true);
    expect(after.recomputed).toBe(await db.customer.count());
  });

  test("percentile tiers: the admin switches mode, recalculation follows percent_rank", async () => {
    const before = await getValueSettings(admin);
    const { version } = await updateValueSettings(admin, {
      expectedVersion: before.version,
      weightProfitability: 20,
      weightLoyalty: 20,
      weightPotential: 20,
      weightSatisfaction: 20,
      weightCredit: 20,
      tierMode: "PERCENTILE",
      tierDiamond: 90,
      tierGold: 70,
      tierSilver: 40,
      churnMedium: 30,
      churnHigh: 60,
    });
    expect(version).toBe(before.version + 1);
    try {
      await (
        await enqueueValueJob(admin, "RESCORE")
      ).done;
      const rows = await db.customerScore.findMany({
        where: { lifecycleStage: { not: "CHURNED" } },
        select: { score: true, tier: true, percentile: true, previousTier: true, settingsVersion: true },
      });
      const thresholds: TierThresholds = { mode: "PERCENTILE", diamond: 0.9, gold: 0.7, silver: 0.4 };
      for (const r of rows) expect(r.tier).toBe(assignTier(r.score, thresholds, r.percentile));
      expect(rows.every((r) => r.settingsVersion === version && r.previousTier != null)).toBe(true);
      const diamonds = rows.filter((r) => r.tier === "DIAMOND").length / rows.length;
      expect(diamonds).toBeGreaterThan(0.07);
      expect(diamonds).toBeLessThan(0.13);
      const matrix = await getTierMigration(manager, "run");
      expect(matrix.reduce((s, m) => s + m.count, 0)).toBe(rows.length);
      expect(matrix.some((m) => m.from !== m.to && m.count > 0)).toBe(true);
    } finally {
      // The default settings and their scores again, for the other tests of this file.
      await resetSettings((await getValueSettings(admin)).version);
      await (
        await enqueueValueJob(admin, "RESCORE")
      ).done;
    }
  });

  test("stale settings version is a conflict and writes nothing", async () => {
    const s = await getValueSettings(admin);
    await resetSettings(s.version); // someone else saves first (the same figures): s.version is stale
    const audits = await auditCount({ action: "valueSettings.updated" });
    await expect(resetSettings(s.version)).rejects.toBeInstanceOf(ConflictError);
    expect((await getValueSettings(admin)).version).toBe(s.version + 1);
    expect(await auditCount({ action: "valueSettings.updated" })).toBe(audits);
  });

  test("weights that do not add up to 100 are refused", async () => {
    const s = await getValueSettings(admin);
    await expect(
      updateValueSettings(admin, {
        ...DEFAULT_SETTINGS,
        expectedVersion: s.version,
        weightProfitability: 50,
        weightLoyalty: 50,
        weightPotential: 50,
        weightSatisfaction: 0,
        weightCredit: 0,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("reads", () => {
  test("360 panel: tier, churn band with reasons and a next-best offer", async () => {
    const v = await getCustomerValue(agent, loyalId);
    expect(v).not.toBeNull();
    expect(v!.churnBand).not.toBeNull();
    expect(v!.churnFactors.length).toBeGreaterThan(0);
    // Heavy data (25 GB before, 12.5 GB lately ≈ 12.5 GB mean) is below the 20 GB rule; contract
    // ending applies only to Diamond/Gold; no broadband at home → fibre bundle at least.
    expect(v!.offer).not.toBeNull();
    await expect(getCustomerValue(agent, 999_999_999)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a churned customer gets no next-best offer", async () => {
    const [gone] = await db.$queryRaw<Array<{ id: number }>>`
      SELECT c.id FROM customer c JOIN customer_score s ON s.customer_id = c.id WHERE c.status = 'CHURNED' ORDER BY c.id LIMIT 1`;
    const v = await getCustomerValue(agent, gone.id);
    expect(v).not.toBeNull();
    expect(v!.offer).toBeNull();
  });

  test("offer rules are admin-editable and change the offer", async () => {
    const rule = await db.offerRule.findUniqueOrThrow({ where: { code: "DATA_PACK" } });
    await updateOfferRule(admin, {
      id: rule.id,
      expectedVersion: rule.version,
      nameZh: rule.nameZh,
      nameEn: rule.nameEn,
      threshold: 5,
      priority: 1,
      isActive: true,
    });
    try {
      expect((await getCustomerValue(agent, loyalId))!.offer?.code).toBe("DATA_PACK");
      await expect(
        updateOfferRule(admin, { id: rule.id, expectedVersion: rule.version, nameZh: "x", nameEn: "x", threshold: 5, priority: 1, isActive: true }),
      ).rejects.toBeInstanceOf(ConflictError);
    } finally {
      // The seeded rule again, for the other offers of this file.
      await updateOfferRule(admin, {
        id: rule.id,
        expectedVersion: rule.version + 1,
        nameZh: rule.nameZh,
        nameEn: rule.nameEn,
        threshold: rule.threshold,
        priority: rule.priority,
        isActive: rule.isActive,
      });
    }
  });

  test("retention work list: medium/high risk, highest risk × value first, keyset pages", async () => {
    const first = await listRetentionWorkList(supervisor, { limit: 5 });
    expect(first.items.length).toBeGreaterThan(0);
    const loss = first.items.map((i) => i.churnProbability * i.clv);
    expect([...loss].sort((a, b) => b - a)).toEqual(loss);
    expect(first.items.every((i) => i.churnBand === "MEDIUM" || i.churnBand === "HIGH")).toBe(true);
    if (first.nextCursor) {
      const second = await listRetentionWorkList(supervisor, { limit: 5, cursor: first.nextCursor });
      expect(second.items.map((i) => i.customerId)).not.toContain(first.items[0].customerId);
      expect(second.items[0].churnProbability * second.items[0].clv).toBeLessThanOrEqual(loss[loss.length - 1] + 1e-9);
    }
  });

  test("dashboard and tier badges", async () => {
    const d = await getValueDashboard(manager);
    expect(d.tierMix.reduce((s, t) => s + t.count, 0)).toBeGreaterThan(500);
    expect(d.trend.length).toBeGreaterThan(0);
    const tiers = await getValueTiers(agent, [loyalId, newId]);
    expect(Object.keys(tiers)).toHaveLength(2);
  });
});

describe("who may not", () => {
  test("an agent cannot start a recalculation: forbidden, no job, no audit", async () => {
    const jobs = await db.valueJob.count();
    const audits = await auditCount({ actorId: agent.id });
    await expect(enqueueValueJob(agent, "RESCORE")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(enqueueValueJob(manager, "CHURN_TRAIN")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.valueJob.count()).toBe(jobs);
    expect(await auditCount({ actorId: agent.id })).toBe(audits);
  });

  test("a manager cannot change the weights; agents cannot read dashboards or the retention list", async () => {
    const s = await getValueSettings(manager);
    await expect(resetSettingsAs(manager, s.version)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getValueSettings(admin)).version).toBe(s.version);
    await expect(getValueDashboard(agent)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listRetentionWorkList(agent)).rejects.toBeInstanceOf(ForbiddenError);
    const rule = await db.offerRule.findFirstOrThrow();
    await expect(
      updateOfferRule(manager, { id: rule.id, expectedVersion: rule.version, nameZh: "x", nameEn: "x", threshold: 1, priority: 1, isActive: false }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.offerRule.findUniqueOrThrow({ where: { id: rule.id } })).version).toBe(rule.version);
  });

  test("a job is visible only to who may run it", async () => {
    const job = await db.valueJob.findFirstOrThrow({ where: { kind: "RESCORE" } });
    await expect(getValueJob(agent, job.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getValueJob(admin, 999_999)).rejects.toBeInstanceOf(NotFoundError);
  });
});

/** The seeded value settings (what resetSettings puts back). */
const DEFAULT_SETTINGS = {
  weightProfitability: 35,
  weightLoyalty: 20,
  weightPotential: 15,
  weightSatisfaction: 15,
  weightCredit: 15,
  tierMode: "ABSOLUTE",
  tierDiamond: 85,
  tierGold: 70,
  tierSilver: 50,
  churnMedium: 30,
  churnHigh: 60,
} as const;

function resetSettingsAs(actor: Actor, expectedVersion: number) {
  return updateValueSettings(actor, { ...DEFAULT_SETTINGS, expectedVersion });
}
