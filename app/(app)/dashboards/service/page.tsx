import Link from "next/link";
import { filtersToSearch } from "@/lib/dashboards/filters";
import { getFilterOptions, getMetricTargets, getServiceDashboard } from "@/lib/dashboards/queries";
import { num, pct } from "@/lib/dashboards/number-format";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart, horizontalChartHeight } from "@/components/charts/options";
import { Tile } from "@/components/dashboards/tile";
import { DashboardFrame } from "@/components/dashboards/dashboard-frame";
import { TableSection } from "@/components/dashboards/table-section";
import type { DataColumn } from "@/components/ui/data-table";
import { openDashboard, type DashboardSearchParams } from "@/app/(app)/dashboards/dashboard-page";
import { page } from "@/lib/shared/page";

const BREACH = "#b91c1c";

export default page(async function ServiceDashboardPage({ searchParams }: { searchParams: DashboardSearchParams }) {
  const { actor, filters: f, search, t, zh } = await openDashboard(searchParams);
  const [d, options, targets] = await Promise.all([getServiceDashboard(actor, f), getFilterOptions(actor), getMetricTargets()]);
  const k = d.kpis;
  const drill = (kind: string) => `/dashboards/complaints?${filtersToSearch(f, { drill: kind })}`;
  const ahtBad = k.averageHandlingHours !== null && k.averageHandlingHours > targets.averageHandlingHoursMax;
  const teamColumns: DataColumn[] = [
    { id: "team", header: t("team") },
    { id: "opened", header: t("service.opened"), format: "integer" },
    { id: "breached", header: t("service.breached"), format: "integer" },
    { id: "sla", header: t("service.slaResolution"), format: "percent" },
  ];
  const teamRows = d.breachesByTeam.map((r) => ({
    id: r.teamId,
    team: (
      <Link className="underline" href={`/dashboards/complaints?${filtersToSearch({ ...f, team: r.teamId || undefined }, { drill: "breached" })}`}>
        {zh ? r.nameZh : r.nameEn}
      </Link>
    ),
    opened: r.opened,
    breached: r.breached,
    sla: r.slaResolution,
  }));
  return (
    <DashboardFrame tab="service" title={t("service.title")} search={search} filters={f} options={options}>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
        <Tile label={t("service.opened")} value={String(k.opened)} href={drill("opened")} />
        <Tile label={t("service.ratePer10k")} value={num(k.ratePer10k, 2)} hint={t("service.activeSubscribers", { n: k.activeSubscribers })} />
        <Tile label={t("service.slaFirstResponse")} value={pct(k.sla.FIRST_RESPONSE)} href={drill("breached")} />
        <Tile label={t("service.slaFeedback")} value={pct(k.sla.FEEDBACK)} href={drill("breached")} />
        <Tile label={t("service.slaResolution")} value={pct(k.sla.RESOLUTION)} href={drill("breached")} />
        <Tile label={t("service.slaCycle")} value={pct(k.sla.CYCLE)} href={drill("breached")} />
        <Tile label={t("service.aht")} value={k.averageHandlingHours === null ? "—" : `${num(k.averageHandlingHours)} h`} href={drill("resolved")} hint={t("service.ahtTarget", { h: targets.averageHandlingHoursMax })} tone={k.averageHandlingHours === null ? undefined : ahtBad ? "bad" : "ok"} />
        <Tile label={t("service.fcr")} value={pct(k.fcr)} href={drill("resolved")} hint={t("service.fcrHint")} />
        <Tile label={t("service.reopenRate")} value={pct(k.reopenRate)} href={drill("reopened")} />
        <Tile label={t("service.escalationRate")} value={pct(k.escalationRate)} href={drill("escalated")} />
        <Tile label={t("service.breached")} value={String(k.breached)} href={drill("breached")} tone={k.breached > 0 ? "bad" : undefined} />
        <Tile label={t("service.appeals")} value={String(k.appeals)} href={drill("appeals")} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          title={t("service.volumeTrend")}
          columns={[t("day"), t("service.opened"), t("service.breached")]}
          rows={d.volumeByDay.map((r) => [r.day, r.opened, r.breached])}
          option={categoryChart({
            type: "line",
            categories: d.volumeByDay.map((r) => r.day),
            axes: [{ name: t("count") }],
            series: [
              { name: t("service.opened"), data: d.volumeByDay.map((r) => r.opened) },
              { name: t("service.breached"), data: d.volumeByDay.map((r) => r.breached), color: BREACH },
            ],
          })}
        />
        <ChartCard
          title={t("service.backlog")}
          columns={[t("service.age"), t("count")]}
          rows={d.backlog.map((b) => [t(`bucket.${b.bucket}`), b.open])}
          option={categoryChart({ categories: d.backlog.map((b) => t(`bucket.${b.bucket}`)), axes: [{ name: t("count") }], series: [{ name: t("count"), data: d.backlog.map((b) => b.open) }] })}
        />
        <ChartCard
          title={t("service.breachesByCategory")}
          columns={[t("category"), t("service.breached"), t("service.opened")]}
          rows={d.breachesByCategory.map((r) => [zh ? r.nameZh : r.nameEn, r.breached, r.opened])}
          height={horizontalChartHeight(d.breachesByCategory.length, true)}
          option={categoryChart({
            horizontal: true,
            categories: d.breachesByCategory.map((r) => (zh ? r.nameZh : r.nameEn)),
            series: [
              { name: t("service.opened"), data: d.breachesByCategory.map((r) => r.opened) },
              { name: t("service.breached"), data: d.breachesByCategory.map((r) => r.breached), color: BREACH },
            ],
          })}
        />
        <TableSection id="by-team" title={t("service.breachesByTeam")} csv={{ table: "breachesByTeam", search }} empty={t("empty")} columns={teamColumns} rows={teamRows} />
      </div>
      <p className="text-xs text-slate-500">{t("service.cohortNote")}</p>
    </DashboardFrame>
  );
});
