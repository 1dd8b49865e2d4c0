import Link from "next/link";
import { z } from "zod";
import { filtersToSearch } from "@/lib/dashboards/filters";
import { DRILLS, listDrillComplaints } from "@/lib/dashboards/queries";
import { listRootCauseBreakdown } from "@/lib/dashboards/root-cause-queries";
import { Card, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DrillHeader } from "@/components/dashboards/drill-header";
import { openDashboard, type DashboardSearchParams } from "@/app/(app)/dashboards/dashboard-page";
import { page } from "@/lib/shared/page";

const drillParams = z.object({ drill: z.enum(DRILLS).catch("opened"), cursor: z.string().max(200).optional().catch(undefined) });

/** The complaints behind a dashboard tile, with the dashboard's filters. */
export default page(async function DrillComplaintsPage({ searchParams }: { searchParams: DashboardSearchParams }) {
  const { actor, sp, filters: f, t, format, zh } = await openDashboard(searchParams);
  const { drill, cursor } = drillParams.parse(sp);
  // The resolved complaints' drill also says why they happened (root causes named at resolution).
  const [page, rootCauses] = await Promise.all([listDrillComplaints(actor, f, drill, cursor ?? null), drill === "resolved" ? listRootCauseBreakdown(actor, f) : null]);
  const search = filtersToSearch(f, { drill });
  const title = t("drill.title", { what: t(`drill.${drill}`) });
  return (
    <div className="space-y-4">
      <DrillHeader title={title} hint={t("drill.range", { from: f.from, to: f.to })} back={`/dashboards/service?${filtersToSearch(f)}`} exportTable="drill" search={search} />
      {rootCauses && (
        <Section id="root-causes" title={t("rootCauses.title")} description={t("rootCauses.description")} flush>
          <DataTable
            label={t("rootCauses.title")}
            empty={t("rootCauses.empty")}
            columns={[
              { id: "category", header: t("rootCauses.category") },
              { id: "rootCause", header: t("rootCauses.rootCause") },
              { id: "resolved", header: t("rootCauses.resolved"), format: "integer" },
              { id: "share", header: t("rootCauses.share"), format: "percent" },
            ]}
            rows={rootCauses.map((r) => ({
              id: `${r.categoryId}-${r.rootCauseId ?? "none"}`,
              category: zh ? r.categoryZh : r.categoryEn,
              rootCause: r.rootCauseId === null ? t("rootCauses.unnamed") : (zh ? r.rootCauseZh : r.rootCauseEn) ?? "",
              resolved: r.resolved,
              share: r.share,
            }))}
          />
        </Section>
      )}
      <Card>
        <DataTable
          label={title}
          empty={t("drill.empty")}
          pager={{ next: page.nextCursor ? `/dashboards/complaints?${filtersToSearch(f, { drill, cursor: page.nextCursor })}` : undefined, first: cursor ? `/dashboards/complaints?${search}` : undefined }}
          columns={[
            { id: "no", header: t("drill.no"), nowrap: true },
            { id: "category", header: t("category") },
            { id: "channel", header: t("channel"), format: { enum: "channel" } },
            { id: "status", header: t("drill.status") },
            { id: "openedAt", header: t("drill.openedAt"), format: "datetime", nowrap: true },
            { id: "breachedAt", header: t("drill.breachedAt"), nowrap: true },
            { id: "summary", header: t("drill.summary") },
          ]}
          rows={page.rows.map((r) => ({
            id: r.id,
            no: <Link href={`/complaints/${r.id}`} className="underline">{r.complaintNo}</Link>,
            category: zh ? r.categoryZh : r.categoryEn,
            channel: r.channel,
            status: t.has(`drill.statuses.${r.status}`) ? t(`drill.statuses.${r.status}`) : r.status,
            openedAt: r.createdAt,
            breachedAt: r.breachedAt && <span className="text-bad">{format.dateTime(r.breachedAt, { dateStyle: "short", timeStyle: "short" })}</span>,
            summary: r.summary,
          }))}
        />
      </Card>
    </div>
  );
});
