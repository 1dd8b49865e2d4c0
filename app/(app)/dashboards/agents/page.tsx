import Link from "next/link";
import { filtersToSearch } from "@/lib/dashboards/filters";
import { getAgentScorecards, getFilterOptions, getMetricTargets } from "@/lib/dashboards/queries";
import { DashboardFrame } from "@/components/dashboards/dashboard-frame";
import { TableSection } from "@/components/dashboards/table-section";
import { openDashboard, type DashboardSearchParams } from "@/app/(app)/dashboards/dashboard-page";

export default async function AgentDashboardPage({ searchParams }: { searchParams: DashboardSearchParams }) {
  const { actor, filters: f, search, t, format, zh } = await openDashboard(searchParams);
  const [rows, options, targets] = await Promise.all([getAgentScorecards(actor, f), getFilterOptions(actor), getMetricTargets()]);
  const teams = new Map<number, { name: string; opened: number; handled: number }>();
  for (const r of rows) {
    const x = teams.get(r.teamId) ?? { name: zh ? r.teamZh : r.teamEn, opened: 0, handled: 0 };
    x.opened += r.opened;
    x.handled += r.handled;
    teams.set(r.teamId, x);
  }
  const opened = { id: "opened", header: t("service.opened"), format: "integer" } as const;
  const handled = { id: "handled", header: t("agents.handled"), format: "integer" } as const;
  return (
    <DashboardFrame tab="agents" title={t("agents.title")} search={search} filters={f} options={options}>
      <TableSection
        id="agents"
        title={t("agents.scorecards")}
        exportTable="agents"
        search={search}
        empty={t("empty")}
        columns={[
          { id: "agent", header: t("agent") },
          { id: "team", header: t("team") },
          opened,
          handled,
          { id: "aht", header: t("service.aht"), format: "number" },
          { id: "sla", header: t("service.slaResolution"), format: "percent" },
          { id: "fcr", header: t("service.fcr"), format: "percent" },
          { id: "csat", header: t("sat.csat"), align: "right", nowrap: true },
        ]}
        rows={rows.map((r) => ({
          id: r.agentId,
          agent: r.name,
          team: (
            <Link className="underline" href={`/dashboards/agents?${filtersToSearch({ ...f, team: r.teamId || undefined })}`}>
              {zh ? r.teamZh : r.teamEn}
            </Link>
          ),
          opened: r.opened,
          handled: r.handled,
          aht: r.averageHandlingHours !== null && r.averageHandlingHours > targets.averageHandlingHoursMax ? <span className="text-bad">{format.number(r.averageHandlingHours, { maximumFractionDigits: 2 })}</span> : r.averageHandlingHours,
          sla: r.slaResolution,
          fcr: r.fcr,
          csat: (
            <>
              {r.csat === null ? "—" : format.number(r.csat, { style: "percent", maximumFractionDigits: 1 })} <span className="text-xs text-slate-500">({r.csatN})</span>
            </>
          ),
        }))}
      />
      <TableSection
        id="teams"
        title={t("agents.teams")}
        columns={[{ id: "team", header: t("team") }, opened, handled]}
        rows={[...teams.entries()].map(([id, x]) => ({ id, team: x.name, opened: x.opened, handled: x.handled }))}
      />
    </DashboardFrame>
  );
}
