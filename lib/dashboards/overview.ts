import "server-only";
import { allowLongStatements, db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { logger } from "@/lib/shared/logger";

export interface Overview {
  activeCustomers: number;
  activeLines: number;
  billedLastMonth: number;
  contacts30d: number;
  linesByNetwork: Array<{ network: string; count: number }>;
  contactsByChannel: Array<{ channel: string; count: number }>;
  revenueByMonth: Array<{ month: string; amount: number }>;
  /** When the figures were computed (the rollup's last refresh). */
  asOf: Date;
}

/** How old the rollup may be before a view triggers a refresh in the background. */
export const OVERVIEW_MAX_AGE_MS = 5 * 60_000;
const REFRESHED_KEY = "overview.refreshedAt";
const REFRESH_LOCK = 7_070_001;

/**
 * Recomputes the overview rollup (one pass over the big tables; CONCURRENTLY, so readers keep
 * reading the previous figures). Only one refresh runs at a time across processes; returns false
 * when another one holds the lock.
 */
export async function refreshOverviewRollup(): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ ok: boolean }>>`SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK}) AS ok`;
      if (!lock?.ok) return false;
      await allowLongStatements(tx, "job");
      // Only the view's owner may refresh it: the owner's crm_refresh_overview_rollup() does
      // (migration 20261207020000000).
      // Stamped with the time the refresh starts, which its figures are as of (not when it ends).
      const at = new Date().toISOString();
      await tx.$executeRaw`SELECT crm_refresh_overview_rollup()`;
      await tx.appSetting.upsert({ where: { key: REFRESHED_KEY }, create: { key: REFRESHED_KEY, value: at }, update: { value: at } });
      return true;
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}

let background: Promise<unknown> | null = null;

/**
 * The manager's first look at the base, read from the `overview_rollup` materialized view (a few
 * hundred rows) instead of counting millions of rows per view. The first view ever builds it;
 * afterwards a view older than OVERVIEW_MAX_AGE_MS is served as is and refreshed behind it.
 */
export async function getOverview(actor: Actor, now = new Date()): Promise<Overview> {
  assertCan(actor, "dashboard:read");
  const state = await db.appSetting.findUnique({ where: { key: REFRESHED_KEY } });
  let asOf = state ? new Date(state.value as string) : null;
  if (!asOf) {
    await refreshOverviewRollup();
    asOf = new Date();
  } else if (now.getTime() - asOf.getTime() > OVERVIEW_MAX_AGE_MS && !background) {
    background = refreshOverviewRollup()
      .catch((e) => logger.error("overview.refresh_failed", { message: e instanceof Error ? e.message : String(e) }))
      .finally(() => (background = null));
  }
  const rows = await db.$queryRaw<Array<{ metric: string; k1: string; k2: string; day: Date; n: number; amount: number }>>`
    SELECT metric, k1, k2, day, n::int AS n, amount::float8 AS amount FROM overview_rollup
    WHERE metric IN ('customers', 'lines')
       OR (metric = 'contacts' AND day >= ((${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - 30))
       OR (metric = 'revenue' AND day >= date_trunc('month', ${now}::timestamptz - interval '12 months')::date)`;
  const activeLines = rows.filter((r) => r.metric === "lines" && r.k1 === "ACTIVE");
  const byChannel = new Map<string, number>();
  for (const r of rows) if (r.metric === "contacts") byChannel.set(r.k1, (byChannel.get(r.k1) ?? 0) + r.n);
  const revenueByMonth = rows
    .filter((r) => r.metric === "revenue")
    .sort((a, b) => a.day.getTime() - b.day.getTime())
    .map((r) => ({ month: r.day.toISOString().slice(0, 7), amount: Math.round(r.amount * 100) / 100 }));
  const contactsByChannel = [...byChannel]
    .map(([channel, count]) => ({ channel, count }))
    .sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel));
  return {
    activeCustomers: rows.find((r) => r.metric === "customers" && r.k1 === "ACTIVE")?.n ?? 0,
    activeLines: activeLines.reduce((s, r) => s + r.n, 0),
    billedLastMonth: revenueByMonth.at(-1)?.amount ?? 0,
    contacts30d: contactsByChannel.reduce((s, r) => s + r.count, 0),
    linesByNetwork: activeLines.map((r) => ({ network: r.k2, count: r.n })).sort((a, b) => a.network.localeCompare(b.network)),
    contactsByChannel,
    revenueByMonth,
    asOf,
  };
}
