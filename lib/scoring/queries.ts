import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listCustomerName } from "@/lib/pii/mask";
import { NotFoundError } from "@/lib/shared/errors";
import { readCurrentSettings, type ValueSettingsView } from "@/lib/scoring/settings";
import { nextBestOfferLateral } from "@/lib/scoring/offers";
import { VALUE_TIERS, type ValueTier } from "@/lib/scoring/value";
import { topChurnFactors, type ChurnFactorView } from "@/lib/churn/factors";

export async function getValueSettings(actor: Actor): Promise<ValueSettingsView> {
  assertCan(actor, "value:read");
  return readCurrentSettings(db);
}


export interface CustomerValue {
  score: number;
  tier: ValueTier;
  dimensions: { profitability: number; loyalty: number; potential: number; satisfaction: number; credit: number };
  rfmCode: string;
  clv: number;
  arpu: number;
  churnProbability: number | null;
  churnBand: "LOW" | "MEDIUM" | "HIGH" | null;
  churnFactors: ChurnFactorView[];
  lifecycleStage: string;
  computedAt: Date;
  offer: { code: string; nameZh: string; nameEn: string } | null;
}

type ScoreRow = {
  score: number; tier: ValueTier; profitability: number; loyalty: number; potential: number; satisfaction: number; credit: number;
  rfm_code: string; clv: number; arpu: number; churn_probability: number | null; churn_band: CustomerValue["churnBand"];
  churn_factors: unknown; lifecycle_stage: string; computed_at: Date;
  offer_code: string | null; offer_name_zh: string | null; offer_name_en: string | null;
};

/** The 360 panel: score, tier, churn band with its reasons and the next-best offer; null before the first scoring run. */
export async function getCustomerValue(actor: Actor, customerId: number, now = new Date()): Promise<CustomerValue | null> {
  assertCan(actor, "value:read");
  assertCan(actor, "customer:read");
  // On every 360 page: one prepared statement (lib/db.ts sqlRows); no row = no such customer.
  const rows = await sqlRows<ScoreRow & { scored: boolean }>(
    Prisma.sql`
      SELECT s.customer_id IS NOT NULL AS scored, s.score, s.tier::text AS tier, s.profitability, s.loyalty, s.potential, s.satisfaction, s.credit, s.rfm_code, s.clv, s.arpu,
        s.churn_probability, s.churn_band::text AS churn_band, json_build_object('x', s.churn_x, 'c', s.churn_c) AS churn_factors, s.lifecycle_stage::text AS lifecycle_stage, s.computed_at,
        nbo.offer_code, nbo.offer_name_zh, nbo.offer_name_en
      FROM customer c LEFT JOIN customer_score s ON s.customer_id = c.id
      ${nextBestOfferLateral(now)}
      WHERE c.id = ${customerId}`,
    { prepared: true },
  );
  if (rows.length === 0) throw new NotFoundError("customer");
  if (!rows[0].scored) return null;
  const r = rows[0];
  return {
    score: r.score,
    tier: r.tier,
    dimensions: { profitability: r.profitability, loyalty: r.loyalty, potential: r.potential, satisfaction: r.satisfaction, credit: r.credit },
    rfmCode: r.rfm_code,
    clv: r.clv,
    arpu: r.arpu,
    churnProbability: r.churn_probability,
    churnBand: r.churn_band,
    churnFactors: topChurnFactors(r.churn_factors),
    lifecycleStage: r.lifecycle_stage,
    computedAt: r.computed_at,
    offer: r.offer_code ? { code: r.offer_code, nameZh: r.offer_name_zh!, nameEn: r.offer_name_en! } : null,
  };
}

/** Tier per customer id for badges in lists; empty for roles without value:read. */
export async function getValueTiers(actor: Actor, customerIds: number[]): Promise<Record<number, ValueTier>> {
  if (!can(actor, "value:read") || customerIds.length === 0) return {};
  const rows = await db.customerScore.findMany({ where: { customerId: { in: customerIds.slice(0, 200) } }, select: { customerId: true, tier: true } });
  return Object.fromEntries(rows.map((r) => [r.customerId, r.tier as ValueTier]));
}

export interface ValueDashboard {
  lastRunAt: Date | null;
  settingsVersion: number | null;
  tierMix: Array<{ tier: ValueTier; count: number; avgScore: number; avgClv: number }>;
  lifecycle: Array<{ stage: string; count: number }>;
  churnBands: Array<{ band: string; count: number }>;
  trend: Array<{ month: string; avgScore: number; counts: Record<ValueTier, number> }>;
  months: string[];
}

export async function getValueDashboard(actor: Actor): Promise<ValueDashboard> {
  assertCan(actor, "dashboard:read");
  // Everything here reads value_rollup (written by each rescoring run) and closed months'
  // snapshots' rollup rows — never the per-customer tables.
  const [meta] = await db.$queryRaw<Array<{ at: Date | null; v: number | null }>>`
    SELECT computed_at AS at, settings_version AS v FROM customer_score ORDER BY customer_id LIMIT 1`;
  const rows = await db.$queryRaw<Array<{ month: Date; kind: string; key: string; customers: number; sum_score: number; sum_clv: number }>>`
    SELECT month, kind, key, customers, sum_score, sum_clv FROM value_rollup WHERE kind IN ('TIER', 'LIFECYCLE', 'BAND') ORDER BY month, kind, key`;
  const latest = rows.length ? rows[rows.length - 1].month.getTime() : null;
  const current = rows.filter((r) => r.month.getTime() === latest);
  const byMonth = new Map<string, { sum: number; n: number; counts: Record<ValueTier, number> }>();
  for (const r of rows) {
    if (r.kind !== "TIER") continue;
    const m = r.month.toISOString().slice(0, 7);
    const e = byMonth.get(m) ?? { sum: 0, n: 0, counts: { DIAMOND: 0, GOLD: 0, SILVER: 0, STANDARD: 0 } };
    e.sum += r.sum_score;
    e.n += r.customers;
    e.counts[r.key as ValueTier] = r.customers;
    byMonth.set(m, e);
  }
  const trend = [...byMonth.entries()].map(([month, e]) => ({ month, avgScore: e.n ? Math.round((e.sum / e.n) * 10) / 10 : 0, counts: e.counts }));
  return {
    lastRunAt: meta?.at ?? null,
    settingsVersion: meta?.v ?? null,
    tierMix: VALUE_TIERS.map((tier) => {
      const r = current.find((x) => x.kind === "TIER" && x.key === tier);
      return {
        tier,
        count: r?.customers ?? 0,
        avgScore: r && r.customers ? Math.round((r.sum_score / r.customers) * 10) / 10 : 0,
        avgClv: r && r.customers ? Math.round((r.sum_clv / r.customers) * 100) / 100 : 0,
      };
    }),
    lifecycle: current.filter((r) => r.kind === "LIFECYCLE").map((r) => ({ stage: r.key, count: r.customers })),
    churnBands: ["LOW", "MEDIUM", "HIGH"].flatMap((band) => current.filter((r) => r.kind === "BAND" && r.key === band).map((r) => ({ band, count: r.customers }))),
    trend,
    months: trend.map((t) => t.month),
  };
}

/**
 * Tier migration from → to. `from` = "run": each customer's tier before the latest run (what
 * an admin's recalculation moved); `from` = "YYYY-MM": that month's snapshot against the latest.
 */
export async function getTierMigration(actor: Actor, from: string): Promise<Array<{ from: ValueTier | null; to: ValueTier; count: number }>> {
  assertCan(actor, "dashboard:read");
  if (/^\d{4}-\d{2}$/.test(from)) {
    return db.$queryRaw`
      SELECT a.tier::text AS "from", s.tier::text AS "to", count(*)::int AS count
      FROM customer_score s LEFT JOIN value_snapshot a ON a.customer_id = s.customer_id AND a.month = ${from + "-01"}::date
      WHERE s.lifecycle_stage <> 'CHURNED' GROUP BY 1, 2`;
  }
  // The latest run against the one before it: value_rollup's MIGRATION rows ("FROM>TO", NEW = not scored before).
  const rows = await db.$queryRaw<Array<{ key: string; customers: number }>>`
    SELECT key, customers FROM value_rollup WHERE kind = 'MIGRATION' AND month = (SELECT max(month) FROM value_rollup WHERE kind = 'MIGRATION')`;
  return rows.map((r) => {
    const [from, to] = r.key.split(">");
    return { from: from === "NEW" ? null : (from as ValueTier), to: to as ValueTier, count: r.customers };
  });
}

export interface RetentionItem {
  customerId: number;
  customerNo: string;
  name: string;
  city: string;
  tier: ValueTier;
  score: number;
  clv: number;
  churnProbability: number;
  churnBand: string;
  topFactor: string | null;
  offer: { code: string; nameZh: string; nameEn: string } | null;
}

/**
 * Retention work list: customers at MEDIUM/HIGH churn risk, highest expected loss first
 * (churn probability × CLV, i.e. high risk × high value). Keyset on (priority, id).
 */
export async function listRetentionWorkList(actor: Actor, input: { cursor?: string; limit?: number } = {}, now = new Date()) {
  assertCan(actor, "retention:read");
  const limit = Math.min(100, Math.max(1, input.limit ?? 25));
  let afterP = Number.POSITIVE_INFINITY;
  let afterId = 0;
  if (input.cursor && /^[\d.e+-]+_\d+$/.test(input.cursor)) {
    const [p, id] = input.cursor.split("_");
    afterP = Number(p);
    afterId = Number(id);
  }
  const hasCursor = Number.isFinite(afterP);
  const rows = await db.$queryRaw<Array<{
    id: number; customer_no: string; name: string; type: string; city: string; tier: ValueTier; score: number; clv: number; p: number; band: string;
    factors: unknown; priority: number; offer_code: string | null; offer_name_zh: string | null; offer_name_en: string | null;
  }>>`
    SELECT c.id, c.customer_no, c.name, c.type::text AS type, c.city, s.tier::text AS tier, s.score, s.clv, s.churn_probability AS p, s.churn_band::text AS band,
      json_build_object('x', s.churn_x, 'c', s.churn_c) AS factors, (s.churn_probability * s.clv)::float8 AS priority, nbo.offer_code, nbo.offer_name_zh, nbo.offer_name_en
    FROM customer_score s JOIN customer c ON c.id = s.customer_id
    ${nextBestOfferLateral(now)}
    WHERE s.churn_band IN ('MEDIUM', 'HIGH') AND c.status <> 'CHURNED'
      AND (NOT ${hasCursor} OR ((s.churn_probability * s.clv)::float8, s.customer_id) < (${hasCursor ? afterP : 0}::float8, ${afterId}))
    ORDER BY (s.churn_probability * s.clv)::float8 DESC, s.customer_id DESC
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(
      (r): RetentionItem => ({
        customerId: r.id,
        customerNo: r.customer_no,
        name: listCustomerName(actor, r.name, r.type),
        city: r.city,
        tier: r.tier,
        score: r.score,
        clv: r.clv,
        churnProbability: r.p,
        churnBand: r.band,
        topFactor: topChurnFactors(r.factors, 1)[0]?.feature ?? null,
        offer: r.offer_code ? { code: r.offer_code, nameZh: r.offer_name_zh!, nameEn: r.offer_name_en! } : null,
      }),
    ),
    nextCursor: rows.length > limit && last ? `${last.priority}_${last.id}` : null,
  };
}

export async function getChurnModelSummary(actor: Actor) {
  assertCan(actor, "value:read");
  return db.churnModel.findFirst({ orderBy: { id: "desc" } });
}

export async function listOfferRules(actor: Actor) {
  assertCan(actor, "value:read");
  return db.offerRule.findMany({ orderBy: [{ priority: "asc" }, { id: "asc" }] });
}
