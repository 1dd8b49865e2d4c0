import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { activeAtMonthEnd, churnRate, tierMix, TIER_ORDER, type TierMixRow, type TierName } from "@/lib/dashboards/metrics";
import type { DashboardFilters } from "@/lib/dashboards/filters";
import { listCustomerName } from "@/lib/pii/mask";

// The Customers tab. Tiles and charts read customer_monthly_rollup only (lib/dashboards/rollups.ts,
// a few thousand rows: months × regions × tiers), never customer/line/customer_score, so their cost
// does not grow with the base. The drill-down lists read the base through indexes, a page at a time.

const TIERS = TIER_ORDER as readonly string[];

/** First day of the month of a YYYY-MM-DD day. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

function where(f: Pick<DashboardFilters, "region" | "tier">): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.region !== undefined) parts.push(Prisma.sql`r.region = ${f.region}`);
  if (f.tier !== undefined) parts.push(Prisma.sql`r.value_tier = ${f.tier}`);
  return Prisma.join(parts, " AND ");
}

export interface CustomerMonth {
  month: string;
  activeStart: number;
  joined: number;
  churned: number;
  activeEnd: number;
  churnRate: number | null;
}

export interface CustomersDashboard {
  /** Month the active tile describes: the range's last month (this month when the range reaches today). */
  month: string;
  activeSubscribers: number;
  /** Month the churn tile describes: the range's last complete month (the running one when it is the only one). */
  churnMonth: string | null;
  churnedInMonth: number;
  churnRateInMonth: number | null;
  atRisk: number;
  trend: CustomerMonth[];
  /** Latest month with a value snapshot at or before `month`, and its mix. */
  tierMonth: string | null;
  tiers: TierMixRow[];
}

export async function getCustomersDashboard(actor: Actor, f: DashboardFilters, now: Date = new Date()): Promise<CustomersDashboard> {
  assertCan(actor, "dashboard:read");
  const w = where(f);
  const from = monthOf(f.from);
  const to = monthOf(f.to);
  const [trendRows, [risk], tierRows] = await Promise.all([
    db.$queryRaw<{ month: string; active_start: number; joined: number; churned: number }[]>`
      SELECT r.month::text AS month, sum(active_start)::int AS active_start, sum(joined)::int AS joined, sum(churned)::int AS churned
      FROM customer_monthly_rollup r WHERE ${w} AND r.month >= ${from}::date AND r.month <= ${to}::date
      GROUP BY r.month ORDER BY r.month`,
    // At-risk is a current figure: it lives on the latest month's rows.
    db.$queryRaw<[{ n: number | null }]>`
      SELECT sum(at_risk)::int AS n FROM customer_monthly_rollup r WHERE ${w} AND r.month = (SELECT max(month) FROM customer_monthly_rollup)`,
    db.$queryRaw<{ month: string; value_tier: string; n: number }[]>`
      WITH m AS (SELECT max(month) AS m FROM customer_monthly_rollup WHERE tier_customers > 0 AND month <= ${to}::date)
      SELECT r.month::text AS month, r.value_tier, sum(tier_customers)::int AS n
      FROM customer_monthly_rollup r, m WHERE ${w} AND r.tier_customers > 0 AND (r.month = m.m OR r.month = (m.m - interval '1 month')::date)
      GROUP BY 1, 2`,
  ]);
  const trend = trendRows.map((r) => ({
    month: r.month,
    activeStart: r.active_start,
    joined: r.joined,
    churned: r.churned,
    activeEnd: activeAtMonthEnd(r.active_start, r.joined, r.churned),
    churnRate: churnRate(r.churned, r.active_start),
  }));
  const last = trend[trend.length - 1];
  const thisMonth = monthOf(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
  const complete = trend.filter((m) => m.month < thisMonth);
  const churnM = complete[complete.length - 1] ?? last;
  const months = [...new Set(tierRows.map((r) => r.month))].sort();
  const tierMonth = months.length ? months[months.length - 1] : null;
  // The month before, only when it has a snapshot (no scoring run that month → no comparison).
  const prevMonth = months.length === 2 ? months[0] : null;
  const mixOf = (m: string | null) =>
    m === null
      ? null
      : (Object.fromEntries(tierRows.filter((r) => r.month === m && TIERS.includes(r.value_tier)).map((r) => [r.value_tier, r.n])) as Partial<
          Record<TierName, number>
        >);
  return {
    month: to,
    activeSubscribers: last?.activeEnd ?? 0,
    churnMonth: churnM?.month ?? null,
    churnedInMonth: churnM?.churned ?? 0,
    churnRateInMonth: churnM?.churnRate ?? null,
    atRisk: risk?.n ?? 0,
    trend,
    tierMonth,
    tiers: tierMonth ? tierMix(mixOf(tierMonth) ?? {}, mixOf(prevMonth)) : [],
  };
}

// ───────────────────────────── drill-down lists ─────────────────────────────

export const CUSTOMER_LISTS = ["churned", "atRisk"] as const;
export type CustomerList = (typeof CUSTOMER_LISTS)[number];

export interface CustomerListRow {
  id: number;
  customerNo: string;
  /** Masked like segment members (张*; organisations in full): a manager reads the list, not the people in it. */
  name: string;
  city: string;
  tier: string;
  churnedAt: Date | null;
  churnProbability: number | null;
}

/**
 * The customers behind a tile, masked, keyset-paginated: `churned` in a month (newest first, on
 * (churned_at, id)) or `atRisk` now (churn band HIGH, active; on customer id). Region and tier
 * filters as on the tab; the tier is the current scored tier (unscored = STANDARD).
 */
export async function listDashboardCustomers(
  actor: Actor,
  f: Pick<DashboardFilters, "region" | "tier">,
  list: CustomerList,
  month: string,
  cursor: string | null,
  pageSize = 50,
): Promise<{ rows: CustomerListRow[]; nextCursor: string | null }> {
  assertCan(actor, "dashboard:read");
  const parts: Prisma.Sql[] = [];
  if (f.region !== undefined) parts.push(Prisma.sql`cu.city = ${f.region}`);
  if (f.tier !== undefined)
    parts.push(f.tier === "STANDARD" ? Prisma.sql`(s.tier IS NULL OR s.tier::text = 'STANDARD')` : Prisma.sql`s.tier::text = ${f.tier}`);
  type Row = {
    id: number;
    customer_no: string;
    name: string;
    type: string;
    city: string;
    tier: string | null;
    churned_at: Date | null;
    churn_probability: number | null;
  };
  let rows: Row[];
  if (list === "churned") {
    parts.push(Prisma.sql`cu.churned_at >= ${month}::date AND cu.churned_at < (${month}::date + interval '1 month')`);
    const after = decode(cursor);
    if (after && typeof after[0] === "string") parts.push(Prisma.sql`(cu.churned_at, cu.id) < (${after[0]}::date, ${after[1]})`);
    rows = await db.$queryRaw<Row[]>`
      SELECT cu.id, cu.customer_no, cu.name, cu.type::text AS type, cu.city, s.tier::text AS tier, cu.churned_at, s.churn_probability
      FROM customer cu LEFT JOIN customer_score s ON s.customer_id = cu.id
      WHERE cu.churned_at IS NOT NULL AND ${Prisma.join(parts, " AND ")}
      ORDER BY cu.churned_at DESC, cu.id DESC LIMIT ${pageSize + 1}`;
  } else {
    parts.push(Prisma.sql`s.churn_band = 'HIGH' AND cu.status <> 'CHURNED'`);
    const after = decode(cursor);
    if (after) parts.push(Prisma.sql`s.customer_id > ${after[1]}`);
    rows = await db.$queryRaw<Row[]>`
      SELECT cu.id, cu.customer_no, cu.name, cu.type::text AS type, cu.city, s.tier::text AS tier, cu.churned_at, s.churn_probability
      FROM customer_score s JOIN customer cu ON cu.id = s.customer_id
      WHERE ${Prisma.join(parts, " AND ")}
      ORDER BY s.customer_id LIMIT ${pageSize + 1}`;
  }
  const page = rows.slice(0, pageSize);
  const lastRow = page[page.length - 1];
  const next =
    rows.length > pageSize && lastRow
      ? Buffer.from(JSON.stringify([list === "churned" ? lastRow.churned_at!.toISOString().slice(0, 10) : null, lastRow.id])).toString("base64url")
      : null;
  return {
    rows: page.map((r) => ({
      id: r.id,
      customerNo: r.customer_no,
      name: listCustomerName(actor, r.name, r.type),
      city: r.city,
      tier: r.tier ?? "STANDARD",
      churnedAt: r.churned_at,
      churnProbability: r.churn_probability,
    })),
    nextCursor: next,
  };
}

function decode(c: string | null): [string | null, number] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
    if (Array.isArray(v) && (v[0] === null || (typeof v[0] === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v[0]))) && Number.isInteger(v[1])) return [v[0], v[1]];
  } catch {}
  return null;
}
