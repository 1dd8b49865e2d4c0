import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/current-actor";
import { customersRange, dashboardFilters, filtersToSearch } from "@/lib/dashboards/filters";
import { getFilterOptions } from "@/lib/dashboards/queries";
import { getCustomersDashboard } from "@/lib/dashboards/customers";
import { pct, round } from "@/lib/dashboards/number-format";
import { ChartCard } from "@/components/charts/chart-card";
import { FilterBar } from "@/components/dashboards/filter-bar";
import { Tile } from "@/components/dashboards/tile";
import { DashboardTabs } from "@/components/dashboards/dashboard-tabs";
import { ExportLink } from "@/components/dashboards/export-link";

const TIER_COLOURS: Record<string, string> = { DIAMOND: "#0072B2", GOLD: "#E69F00", SILVER: "#56B4E9", STANDARD: "#94a3b8" };

export default async function CustomersDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "dashboard:read")) notFound();
  const sp = await searchParams;
  // Trends are monthly: without dates in the URL the tab shows the last 12 months.
  const f = customersRange(dashboardFilters().parse(sp), typeof sp.from === "string" && sp.from !== "");
  const search = filtersToSearch(f);
  const t = await getTranslations("dashboards");
  const tTier = await getTranslations("value.tier");
  const [d, options] = await Promise.all([getCustomersDashboard(actor, f), getFilterOptions(actor)]);
  const month = (m: string) => m.slice(0, 7);
  const list = (kind: "churned" | "atRisk", m?: string | null) =>
    `/dashboards/customers/list?${filtersToSearch(f, { list: kind, month: m ? month(m) : undefined })}`;
  const signed = (n: number | null, fmt: (v: number) => string) => (n === null ? "—" : `${n > 0 ? "+" : n < 0 ? "−" : "±"}${fmt(Math.abs(n))}`);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("cust.title")}</h1>
      <DashboardTabs current="customers" search={search} />
      <FilterBar action="/dashboards/customers" filters={f} options={options} fields={["region", "tier"]} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Tile
          label={t("cust.active")}
          value={d.activeSubscribers.toLocaleString()}
          hint={t("cust.activeHint", { month: month(d.month) })}
          href={`/dashboards/customers?${search}#by-month`}
        />
        <Tile
          label={t("cust.churnRate")}
          value={pct(d.churnRateInMonth, 2)}
          hint={d.churnMonth ? t("cust.churnRateHint", { month: month(d.churnMonth) }) : undefined}
          href={d.churnMonth ? list("churned", d.churnMonth) : undefined}
        />
        <Tile
          label={t("cust.churned")}
          value={d.churnedInMonth.toLocaleString()}
          hint={d.churnMonth ? month(d.churnMonth) : undefined}
          href={d.churnMonth ? list("churned", d.churnMonth) : undefined}
        />
        <Tile
          label={t("cust.atRisk")}
          value={d.atRisk.toLocaleString()}
          hint={t("cust.atRiskHint")}
          href={list("atRisk")}
          tone={d.atRisk > 0 ? "bad" : undefined}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          title={t("cust.churnTrend")}
          columns={[t("cust.month"), t("cust.activeStart"), t("cust.churned"), t("cust.churnRate")]}
          rows={d.trend.map((m) => [month(m.month), m.activeStart, m.churned, pct(m.churnRate, 2)])}
          option={{
            tooltip: { trigger: "axis" },
            legend: { bottom: 0 },
            grid: { left: 16, right: 16, top: 28, bottom: 28, containLabel: true },
            xAxis: { type: "category", data: d.trend.map((m) => month(m.month)) },
            yAxis: [
              { type: "value", name: t("cust.churnRatePct") },
              { type: "value", name: t("count"), splitLine: { show: false } },
            ],
            series: [
              { type: "bar", name: t("cust.churned"), yAxisIndex: 1, data: d.trend.map((m) => m.churned), color: "#94a3b8" },
              {
                type: "line",
                name: t("cust.churnRate"),
                data: d.trend.map((m) => round(m.churnRate === null ? null : m.churnRate * 100, 2)),
                color: "#D55E00",
              },
            ],
          }}
        />
        <ChartCard
          title={d.tierMonth ? t("cust.tierMixOf", { month: month(d.tierMonth) }) : t("cust.tierMix")}
          columns={[t("tier"), t("cust.customers"), t("cust.share"), t("cust.change")]}
          rows={d.tiers.map((x) => [tTier(x.tier), x.customers, pct(x.share), signed(x.change, (v) => v.toLocaleString())])}
          option={{
            tooltip: { trigger: "item" },
            legend: { bottom: 0 },
            series: [
              {
                type: "pie",
                name: t("cust.tierMix"),
                radius: ["38%", "64%"],
                center: ["50%", "44%"],
                data: d.tiers.map((x) => ({ name: tTier(x.tier), value: x.customers, itemStyle: { color: TIER_COLOURS[x.tier] } })),
              },
            ],
          }}
        />
      </div>
      <section id="by-month" className="card" aria-labelledby="by-month-h">
        <div className="card-title flex items-center justify-between">
          <h2 id="by-month-h">{t("cust.byMonth")}</h2>
          <ExportLink table="customers-trend" search={search} label={t("cust.byMonth")} />
        </div>
        {d.trend.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("cust.empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("cust.month")}</th>
                <th className="num">{t("cust.activeStart")}</th>
                <th className="num">{t("cust.joined")}</th>
                <th className="num">{t("cust.churned")}</th>
                <th className="num">{t("cust.activeEnd")}</th>
                <th className="num">{t("cust.churnRate")}</th>
              </tr>
            </thead>
            <tbody>
              {d.trend.map((m) => (
                <tr key={m.month}>
                  <td>{month(m.month)}</td>
                  <td className="num">{m.activeStart.toLocaleString()}</td>
                  <td className="num">{m.joined.toLocaleString()}</td>
                  <td className="num">
                    {m.churned > 0 ? (
                      <Link className="underline" href={list("churned", m.month)} aria-label={t("cust.churnedIn", { month: month(m.month), n: m.churned })}>
                        {m.churned.toLocaleString()}
                      </Link>
                    ) : (
                      0
                    )}
                  </td>
                  <td className="num">{m.activeEnd.toLocaleString()}</td>
                  <td className="num">{pct(m.churnRate, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="tiers-h">
        <div className="card-title flex items-center justify-between">
          <h2 id="tiers-h">{d.tierMonth ? t("cust.tierMixOf", { month: month(d.tierMonth) }) : t("cust.tierMix")}</h2>
          <ExportLink table="customers-tiers" search={search} label={t("cust.tierMix")} />
        </div>
        {d.tiers.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("cust.noTiers")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("tier")}</th>
                <th className="num">{t("cust.customers")}</th>
                <th className="num">{t("cust.share")}</th>
                <th className="num">{t("cust.previous")}</th>
                <th className="num">{t("cust.change")}</th>
                <th className="num">{t("cust.shareChange")}</th>
              </tr>
            </thead>
            <tbody>
              {d.tiers.map((x) => (
                <tr key={x.tier}>
                  <td>
                    <Link className="underline" href={`/dashboards/customers?${filtersToSearch({ ...f, tier: x.tier })}`}>
                      {tTier(x.tier)}
                    </Link>
                  </td>
                  <td className="num">{x.customers.toLocaleString()}</td>
                  <td className="num">{pct(x.share)}</td>
                  <td className="num">{x.previous === null ? "—" : x.previous.toLocaleString()}</td>
                  <td className="num">{signed(x.change, (v) => v.toLocaleString())}</td>
                  <td className="num">{signed(x.shareChange === null ? null : x.shareChange * 100, (v) => `${v.toFixed(1)} pt`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="text-xs text-slate-500">{t("cust.note")}</p>
    </div>
  );
}
