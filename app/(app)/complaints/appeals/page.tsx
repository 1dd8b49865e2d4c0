import { forbidden } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getAppealReport } from "@/lib/complaints/queries";
import { PageHeader, Section } from "@/components/ui/card";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Stat } from "@/components/ui/stat";
import { LinkTabs } from "@/components/ui/tabs";
import { ComplaintTable } from "@/components/complaints/complaint-table";
import { SlaState } from "@/components/complaints/sla-state";
import { page } from "@/lib/shared/page";

const PERIODS = [7, 30, 90] as const;

export default page(async function AppealReportPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "complaint:assign")) forbidden();
  const [t, tc, locale, format, { days: raw }] = await Promise.all([getTranslations("complaints"), getTranslations("common"), getLocale(), getFormatter(), searchParams]);
  const days = PERIODS.find((d) => d === Number(raw)) ?? 30;
  const r = await getAppealReport(actor, days);
  const categoryColumns: DataColumn[] = [
    { id: "category", header: t("col.category") },
    { id: "n", header: t("appeal.total"), format: "integer" },
    { id: "breached", header: t("appeal.breached"), format: "integer" },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t("appeal.title")}>
        <LinkTabs label={t("appeal.period")} tabs={PERIODS.map((d) => ({ href: `/complaints/appeals?days=${d}`, label: t("appeal.days", { d }), current: d === days }))} />
      </PageHeader>
      <div className="grid gap-3 sm:grid-cols-4">
        <Stat label={t("appeal.total")} value={format.number(r.totals.total)} />
        <Stat label={t("appeal.open")} value={format.number(r.totals.open)} />
        <Stat label={t("appeal.within")} value={r.totals.total ? format.number(r.totals.within / r.totals.total, { style: "percent", maximumFractionDigits: 1 }) : tc("none")} />
        <Stat label={t("appeal.avgHours")} value={r.totals.avg_hours === null ? tc("none") : format.number(r.totals.avg_hours, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} />
      </div>
      <Section id="appeals-by-category" title={t("appeal.byCategory")} flush>
        <DataTable label={t("appeal.byCategory")} empty={t("appeal.empty")} columns={categoryColumns} rows={r.byCategory.map((c) => ({ id: c.name_en, category: locale === "en" ? c.name_en : c.name_zh, n: c.n, breached: c.breached }))} />
      </Section>
      <Section id="appeals-open" title={t("appeal.openList")} flush>
        <ComplaintTable
          label={t("appeal.openList")}
          empty={t("appeal.noneOpen")}
          columns={[
            { id: "due", header: t("col.due"), format: "datetime", nowrap: true },
            { id: "sla", header: t("col.sla"), nowrap: true },
          ]}
          rows={r.open.map((c) => ({ id: c.id, complaintNo: c.complaint_no, summary: c.summary, status: c.status, cells: { due: c.next_due_at, sla: c.breached_at ? <SlaState state="BREACHED" /> : null } }))}
        />
      </Section>
    </div>
  );
});
