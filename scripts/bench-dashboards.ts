// Measures the dashboard tiles' query time on the database in DATABASE_URL (after one rollup run):
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-dashboards.ts [runs]
import { db } from "@/lib/db";
import { refreshRollups } from "@/lib/dashboards/rollups";
import { getAgentScorecards, getSatisfactionDashboard, getServiceDashboard } from "@/lib/dashboards/queries";
import { customersRange, dashboardFilters } from "@/lib/dashboards/filters";
import { getCustomersDashboard, listDashboardCustomers } from "@/lib/dashboards/customers";
import type { Actor } from "@/lib/auth/actor";

const runs = Number(process.argv[2] ?? 30);
const manager = await db.user.findFirstOrThrow({ where: { role: "MANAGER" } });
const actor: Actor = { id: manager.id, username: manager.username, name: manager.displayName, role: "MANAGER", teamId: null };
let t = performance.now();
const r = await refreshRollups(new Date());
console.log(`rollup run: ${(performance.now() - t).toFixed(0)} ms`, r);
t = performance.now();
await refreshRollups(new Date());
console.log(`rollup run, nothing new: ${(performance.now() - t).toFixed(0)} ms`);
const team = await db.team.findFirstOrThrow({ orderBy: { id: "asc" } });
const year = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const cases = {
  "service (30 days)": () => getServiceDashboard(actor, dashboardFilters().parse({})),
  "service (team, 30 days)": () => getServiceDashboard(actor, dashboardFilters().parse({ team: String(team.id) })),
  "satisfaction (30 days)": () => getSatisfactionDashboard(actor, dashboardFilters().parse({})),
  "agents (30 days)": () => getAgentScorecards(actor, dashboardFilters().parse({})),
  "service (365 days)": () =>
    getServiceDashboard(actor, dashboardFilters().parse({ from: new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10) })),
  "satisfaction (365 days)": () => getSatisfactionDashboard(actor, dashboardFilters().parse({ from: year })),
  "satisfaction (region, 365 days)": () => getSatisfactionDashboard(actor, dashboardFilters().parse({ from: year, region: "杭州市" })),
  "agents (365 days)": () => getAgentScorecards(actor, dashboardFilters().parse({ from: year })),
  "service (team, 365 days)": () => getServiceDashboard(actor, dashboardFilters().parse({ from: year, team: String(team.id) })),
  "service (team + channel, 365 days: detail)": () =>
    getServiceDashboard(actor, dashboardFilters().parse({ from: year, team: String(team.id), channel: "HOTLINE" })),
  "customers (12 months)": () => getCustomersDashboard(actor, customersRange(dashboardFilters().parse({}), false)),
  "customers (region+tier)": async () => {
    const [r] = await db.$queryRaw<{ region: string }[]>`SELECT region FROM customer_monthly_rollup ORDER BY region LIMIT 1`;
    return getCustomersDashboard(actor, customersRange(dashboardFilters().parse({ region: r?.region, tier: "GOLD" }), false));
  },
  "customers list: at risk": () => listDashboardCustomers(actor, {}, "atRisk", "2026-01-01", null),
  "customers list: churned": async () => {
    const [m] = await db.$queryRaw<{ m: string }[]>`SELECT month::text AS m FROM customer_monthly_rollup WHERE churned > 0 ORDER BY month DESC LIMIT 1`;
    return listDashboardCustomers(actor, {}, "churned", m?.m ?? "2026-01-01", null);
  },
};
for (const [name, fn] of Object.entries(cases)) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(26)} median ${times[Math.floor(runs / 2)].toFixed(1)} ms  p95 ${times[Math.floor(runs * 0.95)].toFixed(1)} ms  (all tiles of the page, queries in parallel)`,
  );
}
const counts = await db.$queryRaw<{ t: string; n: number }[]>`
  SELECT 'complaint_daily_rollup' AS t, count(*)::int AS n FROM complaint_daily_rollup UNION ALL SELECT 'survey_daily_rollup', count(*)::int FROM survey_daily_rollup
  UNION ALL SELECT 'customer_monthly_rollup', count(*)::int FROM customer_monthly_rollup UNION ALL SELECT 'complaint', count(*)::int FROM complaint UNION ALL SELECT 'survey_response', count(*)::int FROM survey_response UNION ALL SELECT 'customer', count(*)::int FROM customer`;
console.log(counts.map((c) => `${c.t}=${c.n}`).join(" "));
await db.$disconnect();
