import Link from "next/link";
import { z } from "zod";
import { filtersToSearch } from "@/lib/dashboards/filters";
import { DRILLS, listDrillComplaints } from "@/lib/dashboards/queries";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DrillHeader } from "@/components/dashboards/drill-header";
import { openDashboard, type DashboardSearchParams } from "@/app/(app)/dashboards/dashboard-page";
import { page } from "@/lib/shared/page";

const drillParams = z.object({ drill: z.enum(DRILLS).catch("opened"), cursor: z.string().max(200).optional().catch(undefined) });

/** The complaints behind a dashboard tile, with the dashboard's filters. */
export default page(async function DrillComplaintsPage({ searchParams }: { searchParams: DashboardSearchParams }) {
  const { actor, sp, filters: f, t, format, zh } = await openDashboard(searchParams);
  const { drill, cursor } = drillParams.parse(sp);
  const page = await listDrillComplaints(actor, f, drill, cursor ?? null);
  const search = filtersToSearch(f, { drill });
  const title = t("drill.title", { what: t(`drill.${drill}`) });
  return (
    <div className="space-y-4">
      <DrillHeader title={title} hint={t("drill.range", { from: f.from, to: f.to })} back={`/dashboards/service?${filtersToSearch(f)}`} exportTable="drill" search={search} />
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
