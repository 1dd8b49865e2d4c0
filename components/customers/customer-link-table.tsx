import { getLocale, getTranslations } from "next-intl/server";
import { cityLabel } from "@/lib/i18n/cities";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";

/** Customers one click away (pinned, recently viewed): name → the 360 view, number, city, and when viewed. */
export async function CustomerLinkTable({ label, rows, empty, viewedAtHeader }: { label: string; rows: Array<{ id: number; name: string; customerNo: string; city: string; viewedAt?: Date }>; empty: string; viewedAtHeader?: string }) {
  const t = await getTranslations("search.columns");
  const locale = await getLocale();
  return (
    <DataTable
      label={label}
      empty={empty}
      dense
      columns={[
        { id: "name", header: t("name") },
        { id: "customerNo", header: t("customerNo"), nowrap: true, className: "tabular-nums" },
        { id: "city", header: t("city") },
        ...(viewedAtHeader ? [{ id: "viewedAt", header: viewedAtHeader, format: "datetime" as const, align: "right" as const, nowrap: true, className: "tabular-nums text-slate-500" }] : []),
      ]}
      rows={rows.map((r) => ({
        id: r.id,
        name: (
          <ButtonLink href={`/customers/${r.id}`} variant="link">
            {r.name}
          </ButtonLink>
        ),
        customerNo: r.customerNo,
        city: cityLabel(r.city, locale),
        viewedAt: r.viewedAt,
      }))}
    />
  );
}
