import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { cityLabel } from "@/lib/i18n/cities";
import { z } from "zod";
import { filtersToSearch } from "@/lib/dashboards/filters";
import { CUSTOMER_LISTS, listDashboardCustomers, monthOf } from "@/lib/dashboards/customers";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DrillHeader } from "@/components/dashboards/drill-header";
import { TierBadge } from "@/components/value/tier-badge";
import { openDashboard, type DashboardSearchParams } from "@/app/(app)/dashboards/dashboard-page";
import { page } from "@/lib/shared/page";

const listParams = z.object({
  list: z.enum(CUSTOMER_LISTS).catch("atRisk"),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

/** The customers behind a Customers-tab tile (masked, keyset-paginated). */
export default page(async function DashboardCustomerListPage({ searchParams }: { searchParams: DashboardSearchParams }) {
  const { actor, sp, filters: f, t } = await openDashboard(searchParams);
  const { list, month: monthIn, cursor } = listParams.parse(sp);
  const month = monthIn ?? monthOf(f.to).slice(0, 7);
  const tTier = await getTranslations("enums.valueTier");
  const locale = await getLocale();
  const page = await listDashboardCustomers(actor, f, list, `${month}-01`, cursor ?? null);
  const extra = { list, month: list === "churned" ? month : undefined };
  const search = filtersToSearch(f, extra);
  const title = list === "churned" ? t("cust.listChurned", { month }) : t("cust.listAtRisk");
  // Keyset pages: the next one from the cursor, and back to the first.
  const pager = { next: page.nextCursor ? `/dashboards/customers/list?${filtersToSearch(f, { ...extra, cursor: page.nextCursor })}` : undefined, first: cursor ? `/dashboards/customers/list?${search}` : undefined };
  return (
    <div className="space-y-4">
      <DrillHeader title={title} hint={t("cust.listHint")} back={`/dashboards/customers?${filtersToSearch(f)}`} exportTable="customers-list" search={search} />
      <Card>
        <DataTable
          label={title}
          pager={pager}
          empty={list === "atRisk" ? t("cust.listEmptyRisk") : t("cust.listEmpty")}
          columns={[
            { id: "no", header: t("cust.customerNo"), nowrap: true },
            { id: "name", header: t("cust.name") },
            { id: "city", header: t("region") },
            { id: "tier", header: t("tier") },
            list === "churned" ? { id: "churnedAt", header: t("cust.churnedAt"), format: "date" } : { id: "probability", header: t("cust.probability"), format: "percent" },
          ]}
          rows={page.rows.map((r) => ({
            id: r.id,
            no: <Link href={`/customers/${r.id}`} className="underline tabular-nums">{r.customerNo}</Link>,
            name: r.name,
            city: cityLabel(r.city, locale),
            tier: <TierBadge tier={r.tier} label={tTier(r.tier)} />,
            churnedAt: r.churnedAt,
            probability: r.churnProbability,
          }))}
        />
      </Card>
    </div>
  );
});
