import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { dashboardFilters, filtersToSearch } from "@/lib/dashboards/filters";
import { getAgentScorecards, getFilterOptions, getMetricTargets } from "@/lib/dashboards/queries";
import { num, pct } from "@/lib/dashboards/number-format";
import { FilterBar } from "@/components/dashboards/filter-bar";
import { DashboardTabs } from "@/components/dashboards/dashboard-tabs";
import { ExportLink } from "@/components/dashboards/export-link";

export default async function AgentDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "dashboard:read")) notFound();
  const f = dashboardFilters().parse(await searchParams);
  const search = filtersToSearch(f);
  const t = await getTranslations("dashboards");
  const zh = (await getLocale()) === "zh-CN";
  const [rows, options, targets] = await Promise.all([getAgentScorecards(actor, f), getFilterOptions(actor), getMetricTargets()]);
  const teams = new Map<number, { name: string; opened: number; handled: number }>();
  for (const r of rows) {
    const x = teams.get(r.teamId) ?? { name: zh ? r.teamZh : r.teamEn, opened: 0, handled: 0 };
    x.opened += r.opened;
    x.handled += r.handled;
    teams.set(r.teamId, x);
  }
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("agents.title")}</h1>
      <DashboardTabs current="agents" search={search} />
      <FilterBar action="/dashboards/agents" filters={f} options={options} />
      <section className="card" aria-labelledby="agents-h">
        <div className="card-title flex items-center justify-between">
          <h2 id="agents-h">{t("agents.scorecards")}</h2>
          <ExportLink table="agents" search={search} label={t("agents.scorecards")} />
        </div>
        {rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("agent")}</th>
                <th>{t("team")}</th>
                <th className="num">{t("service.opened")}</th>
                <th className="num">{t("agents.handled")}</th>
                <th className="num">{t("service.aht")}</th>
                <th className="num">{t("service.slaResolution")}</th>
                <th className="num">{t("service.fcr")}</th>
                <th className="num">{t("sat.csat")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.agentId}>
                  <td>{r.name}</td>
                  <td>
                    <a className="underline" href={`/dashboards/agents?${filtersToSearch({ ...f, team: r.teamId || undefined })}`}>
                      {zh ? r.teamZh : r.teamEn}
                    </a>
                  </td>
                  <td className="num">{r.opened}</td>
                  <td className="num">{r.handled}</td>
                  <td className={`num ${r.averageHandlingHours !== null && r.averageHandlingHours > targets.averageHandlingHoursMax ? "text-red-700" : ""}`}>{num(r.averageHandlingHours)}</td>
                  <td className="num">{pct(r.slaResolution)}</td>
                  <td className="num">{pct(r.fcr)}</td>
                  <td className="num">
                    {pct(r.csat)} <span className="text-xs text-slate-500">({r.csatN})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="teams-h">
        <h2 id="teams-h" className="card-title">
          {t("agents.teams")}
        </h2>
        <table className="data">
          <thead>
            <tr>
              <th>{t("team")}</th>
              <th className="num">{t("service.opened")}</th>
              <th className="num">{t("agents.handled")}</th>
            </tr>
          </thead>
          <tbody>
            {[...teams.entries()].map(([id, x]) => (
              <tr key={id}>
                <td>{x.name}</td>
                <td className="num">{x.opened}</td>
                <td className="num">{x.handled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
