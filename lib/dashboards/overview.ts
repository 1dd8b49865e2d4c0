import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";

export interface Overview {
  activeCustomers: number;
  activeLines: number;
  billedLastMonth: number;
  contacts30d: number;
  linesByNetwork: Array<{ network: string; count: number }>;
  contactsByChannel: Array<{ channel: string; count: number }>;
  revenueByMonth: Array<{ month: string; amount: number }>;
}

/**
 * The manager's first look at the base. Small aggregate queries; the satisfaction and service
 * dashboards (rollup tables) replace these counts as the base grows.
 */
export async function getOverview(actor: Actor, now = new Date()): Promise<Overview> {
  assertCan(actor, "dashboard:read");
  const [counts] = await db.$queryRaw<Array<{ customers: number; lines: number }>>`
    SELECT (SELECT count(*) FROM customer WHERE status = 'ACTIVE')::int AS customers,
           (SELECT count(*) FROM line WHERE status = 'ACTIVE')::int AS lines`;
  const linesByNetwork = await db.$queryRaw<Array<{ network: string; count: number }>>`
    SELECT network::text AS network, count(*)::int AS count FROM line WHERE status = 'ACTIVE' GROUP BY network ORDER BY network`;
  const contactsByChannel = await db.$queryRaw<Array<{ channel: string; count: number }>>`
    SELECT channel::text AS channel, count(*)::int AS count FROM interaction
    WHERE occurred_at >= ${now}::timestamptz - interval '30 days' GROUP BY channel ORDER BY count DESC`;
  const revenue = await db.$queryRaw<Array<{ month: Date; amount: number }>>`
    SELECT month, sum(total_charge)::float8 AS amount FROM bill
    WHERE month >= date_trunc('month', ${now}::timestamptz - interval '12 months')::date
    GROUP BY month ORDER BY month`;
  const revenueByMonth = revenue.map((r) => ({ month: r.month.toISOString().slice(0, 7), amount: Math.round(r.amount * 100) / 100 }));
  return {
    activeCustomers: counts?.customers ?? 0,
    activeLines: counts?.lines ?? 0,
    billedLastMonth: revenueByMonth.at(-1)?.amount ?? 0,
    contacts30d: contactsByChannel.reduce((s, r) => s + r.count, 0),
    linesByNetwork,
    contactsByChannel,
    revenueByMonth,
  };
}
