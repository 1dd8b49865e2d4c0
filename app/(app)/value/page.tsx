import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getTierMigration, getValueDashboard } from "@/lib/scoring/queries";
import { VALUE_TIERS } from "@/lib/scoring/value";
import { ChartCard } from "@/components/charts/chart-card";
import { TierBadge } from "@/components/value/tier-badge";

const params = z.object({ from: z.string().regex(/^(run|\d{4}-\d{2})$/).catch("run") });

export default async function ValuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "dashboard:read")) notFound();
  const t = await getTranslations("value");
  const format = await getFormatter();
  const { from } = params.parse(await searchParams);
  const [d, migration] = await Promise.all([getValueDashboard(actor), getTierMigration(actor, from)]);
  const tierName = (x: string) => t(`tier.${x}`);
  const cell = (f: string | null, to: string) => migration.find((m) => m.from === f && m.to === to)?.count ?? 0;
  const fromRows: Array<string | null> = [...VALUE_TIERS, null];
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">{t("dashboard.title")}</h1>
        <span className="text-sm text-slate-500">
          {d.lastRunAt ? t("dashboard.lastRun", { at: format.dateTime(d.lastRunAt, { dateStyle: "medium", timeStyle: "short" }), version: d.settingsVersion ?? 0 }) : t("dashboard.never")}
        </span>
        <Link href="/retention" className="ml-auto text-sm text-brand-700 hover:underline">
          {t("dashboard.toRetention")}
        </Link>
      </div>
      {!d.lastRunAt ? (
        <p className="card p-4 text-sm text-slate-600">{t("dashboard.empty")}</p>
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard
              title={t("dashboard.tierMix")}
              columns={[t("dashboard.tierCol"), t("dashboard.customers"), t("dashboard.avgScore"), t("dashboard.avgClv")]}
              rows={d.tierMix.map((r) => [tierName(r.tier), r.count, r.avgScore, r.avgClv])}
              option={{
                tooltip: { trigger: "axis" },
                grid: { left: 56, right: 16, top: 24, bottom: 24 },
                xAxis: { type: "category", data: d.tierMix.map((r) => tierName(r.tier)) },
                yAxis: { type: "value", name: t("dashboard.customers") },
                series: [{ type: "bar", name: t("dashboard.customers"), data: d.tierMix.map((r) => r.count) }],
              }}
            />
            <ChartCard
              title={t("dashboard.trend")}
              columns={[t("dashboard.month"), t("dashboard.avgScore"), ...VALUE_TIERS.map(tierName)]}
              rows={d.trend.map((r) => [r.month, r.avgScore, ...VALUE_TIERS.map((x) => r.counts[x])])}
              option={{
                tooltip: { trigger: "axis" },
                legend: { bottom: 0 },
                grid: { left: 56, right: 56, top: 24, bottom: 48 },
                xAxis: { type: "category", data: d.months },
                yAxis: [
                  { type: "value", name: t("dashboard.customers") },
                  { type: "value", name: t("dashboard.avgScore"), min: 0, max: 100 },
                ],
                series: [
                  ...VALUE_TIERS.map((x) => ({ type: "bar" as const, stack: "tiers", name: tierName(x), data: d.trend.map((r) => r.counts[x]) })),
                  { type: "line" as const, yAxisIndex: 1, name: t("dashboard.avgScore"), data: d.trend.map((r) => r.avgScore) },
                ],
              }}
            />
            <ChartCard
              title={t("dashboard.lifecycle")}
              columns={[t("dashboard.stage"), t("dashboard.customers")]}
              rows={d.lifecycle.map((r) => [t(`lifecycle.${r.stage}`), r.count])}
              option={{
                tooltip: { trigger: "item" },
                legend: { bottom: 0 },
                series: [{ type: "pie", radius: ["40%", "70%"], data: d.lifecycle.map((r) => ({ name: t(`lifecycle.${r.stage}`), value: r.count })) }],
              }}
            />
            <ChartCard
              title={t("dashboard.churnBands")}
              columns={[t("dashboard.band"), t("dashboard.customers")]}
              rows={d.churnBands.map((r) => [t(`band.${r.band}`), r.count])}
              option={{
                tooltip: { trigger: "axis" },
                grid: { left: 56, right: 16, top: 24, bottom: 24 },
                xAxis: { type: "category", data: d.churnBands.map((r) => t(`band.${r.band}`)) },
                yAxis: { type: "value" },
                series: [{ type: "bar", name: t("dashboard.customers"), data: d.churnBands.map((r) => r.count) }],
              }}
            />
          </div>
          <section className="card" aria-labelledby="migration-h">
            <div className="card-title flex flex-wrap items-center gap-3">
              <h2 id="migration-h">{t("dashboard.migration")}</h2>
              <form className="ml-auto flex items-center gap-2 font-normal">
                <label htmlFor="migration-from">{t("dashboard.compareWith")}</label>
                <select id="migration-from" name="from" defaultValue={from} className="rounded border border-slate-300 px-2 py-0.5">
                  <option value="run">{t("dashboard.previousRun")}</option>
                  {d.months.map((m) => (
                    <option key={m} value={m}>
                      {t("dashboard.snapshotOf", { month: m })}
                    </option>
                  ))}
                </select>
                <button className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100">{t("dashboard.show")}</button>
              </form>
            </div>
            <div className="overflow-x-auto p-2">
              <table className="data">
                <caption className="py-1 text-left text-xs text-slate-500">{t("dashboard.migrationHint")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.fromTo")}</th>
                    {VALUE_TIERS.map((x) => (
                      <th key={x} scope="col" className="num">
                        {tierName(x)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {fromRows.map((f) => (
                    <tr key={f ?? "none"}>
                      <th scope="row" className="text-left font-normal">
                        {f ? <TierBadge tier={f} label={tierName(f)} /> : t("dashboard.noPrevious")}
                      </th>
                      {VALUE_TIERS.map((to) => (
                        <td key={to} className={`num ${f === to ? "text-slate-400" : cell(f, to) > 0 ? "font-medium" : ""}`}>
                          {format.number(cell(f, to))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
