import { describe, test, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { refreshCustomerMonthlyRollup } from "@/lib/dashboards/rollups";
import { getCustomersDashboard, listDashboardCustomers } from "@/lib/dashboards/customers";
import { exportDashboardTable } from "@/lib/dashboards/export";
import { tEn, tZh } from "@/tests/translator";
import { customersRange, dashboardFilters } from "@/lib/dashboards/filters";
import { activeAtMonthEnd, churnRate } from "@/lib/dashboards/metrics";
import { ForbiddenError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";

// Hand-built fixture (the factories) in a region of its own, so the seeded base never mixes in. Months are
// relative to now (M0 = this month, Beijing time); by hand:
//   A joined 2020, active, GOLD, churn band HIGH            → at risk
//   B joined 2020, churned M-1 day 10, GOLD, HIGH          → churned, not at risk
//   C joined 2020, active, STANDARD, LOW
//   D joined M-1 day 3, active, STANDARD, MEDIUM
//   E joined 2020, churned M-2 day 20, never scored        → STANDARD
//   F joined M-2 day 1, churned M-1 day 25, SILVER
//   M-2: start A B C E = 4, joined F = 1, churned E = 1 → 25 %, end 4
//   M-1: start A B C F = 4, joined D = 1, churned B F = 2 → 50 %, end 3
//   M0 : start A C D = 3, nothing else → end 3; at risk 1 (A)
//   value snapshots: M-1 A GOLD, B GOLD, C STANDARD, F SILVER; M0 A GOLD, C SILVER, D STANDARD
const now = new Date();
const local = new Date(now.getTime() + 8 * 3_600_000);
const month = (back: number) => new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1));
const day = (back: number, d: number) => new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, d));
const iso = (d: Date) => d.toISOString().slice(0, 10);

let manager1: Actor, agent1: Actor;
let REGION: string;
let ids: Record<string, number>;

/** The six customers above in a new region of their own, their scores and snapshots, and the rollup. */
async function buildRegion(): Promise<{ region: string; ids: Record<string, number> }> {
  const region = `QA-${randomUUID().slice(0, 8)}`;
  const ids: Record<string, number> = {};
  const customer = async (
    key: string,
    joined: Date,
    churned: Date | null,
    score: { tier: "GOLD" | "SILVER" | "STANDARD"; band: "LOW" | "MEDIUM" | "HIGH" } | null,
  ) => {
    const c = await createCustomer({
      name: `测试客户${key}`,
      city: region,
      joinedAt: joined,
      status: churned ? "CHURNED" : "ACTIVE",
      churnedAt: churned,
      lines: [],
      score: score ? { tier: score.tier, churnProbability: score.band === "HIGH" ? 0.8 : 0.1, churnBand: score.band, tenureMonths: 24 } : undefined,
    });
    ids[key] = c.customer.id;
  };
  const old = new Date(Date.UTC(2020, 0, 5));
  await customer("A", old, null, { tier: "GOLD", band: "HIGH" });
  await customer("B", old, day(1, 10), { tier: "GOLD", band: "HIGH" });
  await customer("C", old, null, { tier: "STANDARD", band: "LOW" });
  await customer("D", day(1, 3), null, { tier: "STANDARD", band: "MEDIUM" });
  await customer("E", old, day(2, 20), null);
  await customer("F", day(2, 1), day(1, 25), { tier: "SILVER", band: "LOW" });
  const snap = (m: Date, key: string, tier: "GOLD" | "SILVER" | "STANDARD") => ({ month: m, customerId: ids[key], score: 50, tier });
  await db.valueSnapshot.createMany({
    data: [
      snap(month(1), "A", "GOLD"),
      snap(month(1), "B", "GOLD"),
      snap(month(1), "C", "STANDARD"),
      snap(month(1), "F", "SILVER"),
      snap(month(0), "A", "GOLD"),
      snap(month(0), "C", "SILVER"),
      snap(month(0), "D", "STANDARD"),
    ],
  });
  await db.$transaction((tx) => refreshCustomerMonthlyRollup(tx, now, true), { timeout: 60_000 });
  return { region, ids };
}

const filters = (extra: Record<string, string> = {}, region = REGION) =>
  customersRange(dashboardFilters().parse({ from: iso(month(2)), to: iso(local), region, ...extra }), true);

beforeAll(async () => {
  [manager1, agent1] = await Promise.all(["manager1", "agent1"].map(actorFor));
  ({ region: REGION, ids } = await buildRegion());
});

describe("Customers dashboard (rollup) equals the hand-computed figures", () => {
  test("monthly trend, active, churn rate, at-risk", async () => {
    const d = await getCustomersDashboard(manager1, filters(), now);
    expect(d.trend.map((m) => [m.month, m.activeStart, m.joined, m.churned, m.activeEnd])).toEqual([
      [iso(month(2)), 4, 1, 1, 4],
      [iso(month(1)), 4, 1, 2, 3],
      [iso(month(0)), 3, 0, 0, 3],
    ]);
    expect(d.trend[0].churnRate).toBeCloseTo(churnRate(1, 4)!, 12);
    expect(d.trend[1].churnRate).toBeCloseTo(0.5, 12);
    expect(d.activeSubscribers).toBe(activeAtMonthEnd(3, 0, 0));
    // The churn tile shows the last complete month.
    expect(d.churnMonth).toBe(iso(month(1)));
    expect(d.churnedInMonth).toBe(2);
    expect(d.churnRateInMonth).toBeCloseTo(0.5, 12);
    expect(d.atRisk).toBe(1);
  });

  test("value-tier mix with month-on-month change", async () => {
    const d = await getCustomersDashboard(manager1, filters(), now);
    expect(d.tierMonth).toBe(iso(month(0)));
    expect(d.tiers.map((t) => [t.tier, t.customers, t.previous, t.change])).toEqual([
      ["DIAMOND", 0, 0, 0],
      ["GOLD", 1, 2, -1],
      ["SILVER", 1, 1, 0],
      ["STANDARD", 1, 1, 0],
    ]);
    expect(d.tiers[1].share).toBeCloseTo(1 / 3, 12);
    expect(d.tiers[1].shareChange).toBeCloseTo(1 / 3 - 2 / 4, 12);
  });

  test("the tier filter uses the current tier: Gold churn in M-1 is 1 of 2", async () => {
    const d = await getCustomersDashboard(manager1, filters({ tier: "GOLD" }), now);
    const m1 = d.trend.find((m) => m.month === iso(month(1)))!;
    expect([m1.activeStart, m1.churned]).toEqual([2, 1]);
    expect(d.atRisk).toBe(1);
  });

  test("drill-down lists are masked and keyset-paginated", async () => {
    const churned = await listDashboardCustomers(manager1, { region: REGION }, "churned", iso(month(1)), null, 1);
    expect(churned.rows.map((r) => r.id)).toEqual([ids.F]);
    expect(churned.rows[0].name).toBe("测****");
    const next = await listDashboardCustomers(manager1, { region: REGION }, "churned", iso(month(1)), churned.nextCursor, 1);
    expect(next.rows.map((r) => r.id)).toEqual([ids.B]);
    expect(next.nextCursor).toBeNull();
    const risk = await listDashboardCustomers(manager1, { region: REGION }, "atRisk", iso(month(0)), null);
    expect(risk.rows.map((r) => r.id)).toEqual([ids.A]);
  });

  test("CSV export of the trend, and agents may not read the tab", async () => {
    const { csv } = await exportDashboardTable(manager1, "customers-trend", filters(), null, {}, tEn, "en");
    expect(csv).toContain(`${iso(month(1)).slice(0, 7)},4,1,2,3,0.5`);
    // Headers as the reader's language writes them.
    expect(csv.split("\r\n")[0]).toBe("\uFEFFMonth,Active at start,Joined,Churned,Active at end,Churn rate (share)");
    const zh = await exportDashboardTable(manager1, "customers-trend", filters(), null, {}, tZh, "zh-CN");
    expect(zh.csv.split("\r\n")[0]).toBe("\uFEFF月份,月初在网,新增,流失,月末在网,流失率（比例）");
    await expect(getCustomersDashboard(agent1, filters(), now)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listDashboardCustomers(agent1, {}, "atRisk", iso(month(0)), null)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("without a snapshot the month before, the mix has no change (not a change from zero)", async () => {
    // A region of this test's own: the others read the snapshots it removes.
    const own = await buildRegion();
    await db.valueSnapshot.deleteMany({ where: { customerId: { in: Object.values(own.ids) }, month: month(1) } });
    await db.$transaction((tx) => refreshCustomerMonthlyRollup(tx, now, true), { timeout: 60_000 });
    const d = await getCustomersDashboard(manager1, filters({}, own.region), now);
    expect(d.tiers.map((t) => [t.tier, t.customers, t.previous, t.change])).toEqual([
      ["DIAMOND", 0, null, null],
      ["GOLD", 1, null, null],
      ["SILVER", 1, null, null],
      ["STANDARD", 1, null, null],
    ]);
  });
});
