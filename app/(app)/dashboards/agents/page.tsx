import Link from "next/link";
import { filtersToSearch } from "@/lib/dashboards/filters";
import { getAgentScorecards, getFilterOptions, getMetricTargets } from "@/lib/dashboards/queries";
import { num, round } from "@/lib/dashboards/number-format";
import type { DataColumn } from "@/components/ui/data-table";
import { DashboardFrame } from "@/components/dashboards/dashboard-frame";
import { TableSection } from "@/components/dashboards/table-section";
import { openDashboard, type DashboardSearchParams } from "@/app/(app)/dashboards/dashboard-page";
import { page } from "@/lib/shared/page";

export default page(async function AgentDashboardPage({ searchParams }: { searchParams: DashboardSearchParams }) {
  const { actor, filters: f, search, t, format, zh } = await openDashboard(searchParams);
  const [rows, options, targets] = await Promise.all([getAgentScorecards(actor, f), getFilterOptions(actor), getMetricTargets()]);
  const teams = new Map<number, { name: string; opened: number; handled: number }>();
  for (const r of rows) {
    const x = teams.get(r.teamId) ?? { name: zh ? r.teamZh : r.teamEn, opened: 0, handled: 0 };
    x.opened += r.opened;
    x.handled += r.handled;
    teams.set(r.teamId, x);
  }
  const percent = (v: number | null) => (v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 1 }));
  const counts: DataColumn[] = [
    { id: "opened", header: t("service.opened"), format: "integer" },
    { id: "handled", header: t("agents.handled"), format: "integer" },
  ];
  const scorecardColumns: DataColumn[] = [
    { id: "agent", header: t("agent") },
    { id: "team", header: t("team") },
    ...counts,
    { id: "aht", header: t("service.aht"), format: "number" },
    { id: "sla", header: t("service.slaResolution"), format: "percent" },
    { id: "fcr", header: t("service.fcr"), format: "percent" },
    { id: "csat", header: t("sat.csat"), align: "right", nowrap: true },
  ];
  const scorecards = rows.map((r) => ({
    id: r.agentId,
    agent: r.name,
    team: (
      <Link className="underline" href={`/dashboards/agents?${filtersToSearch({ ...f, team: r.teamId || undefined })}`}>
        {zh ? r.teamZh : r.teamEn}
      </Link>
    ),
    opened: r.opened,
    handled: r.handled,
    // Over the handling-time target: the figure in red.
    aht: r.averageHandlingHours !== null && r.averageHandlingHours > targets.averageHandlingHoursMax ? <span className="text-bad">{num(r.averageHandlingHours)}</span> : round(r.averageHandlingHours),
    sla: r.slaResolution,
    fcr: r.fcr,
    csat: (
      <>
        {percent(r.csat)} <span className="text-xs text-slate-500">({r.csatN})</span>
      </>
    ),
  }));
  const teamRows = [...teams.entries()].map(([id, x]) => ({ id, team: x.name, opened: x.opened, handled: x.handled }));
  return (
    <DashboardFrame tab="agents" title={t("agents.title")} search={search} filters={f} options={options}>
      <TableSection id="agents" title={t("agents.scorecards")} csv={{ table: "agents", search }} empty={t("empty")} columns={scorecardColumns} rows={scorecards} />
      <TableSection id="teams" title={t("agents.teams")} columns={[{ id: "team", header: t("team") }, ...counts]} rows={teamRows} />
    </DashboardFrame>
  );
});
