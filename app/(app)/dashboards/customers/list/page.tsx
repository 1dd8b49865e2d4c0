import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/current-actor";
import { dashboardFilters, filtersToSearch } from "@/lib/dashboards/filters";
import { CUSTOMER_LISTS, listDashboardCustomers, monthOf } from "@/lib/dashboards/customers";
import { pct } from "@/lib/dashboards/number-format";
import { ExportLink } from "@/components/dashboards/export-link";
import { TierBadge } from "@/components/value/tier-badge";

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
export default async function DashboardCustomerListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "dashboard:read")) notFound();
  const sp = await searchParams;
  const f = dashboardFilters().parse(sp);
  const { list, month: monthIn, cursor } = listParams.parse(sp);
  const month = monthIn ?? monthOf(f.to).slice(0, 7);
  const t = await getTranslations("dashboards");
  const tv = await getTranslations("value");
  const format = await getFormatter();
  const page = await listDashboardCustomers(actor, f, list, `${month}-01`, cursor ?? null);
  const extra = { list, month: list === "churned" ? month : undefined };
  const search = filtersToSearch(f, extra);
  const title = list === "churned" ? t("cust.listChurned", { month }) : t("cust.listAtRisk");
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">{title}</h1>
        <Link href={`/dashboards/customers?${filtersToSearch(f)}`} className="text-sm text-brand-700 underline">
          {t("drill.back")}
        </Link>
        <span className="ml-auto">
          <ExportLink table="customers-list" search={search} label={title} />
        </span>
      </div>
      <p className="text-sm text-slate-600">{t("cust.listHint")}</p>
      <section className="card">
        {page.rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{list === "atRisk" ? t("cust.listEmptyRisk") : t("cust.listEmpty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("cust.customerNo")}</th>
                <th>{t("cust.name")}</th>
                <th>{t("region")}</th>
                <th>{t("tier")}</th>
                {list === "churned" ? <th>{t("cust.churnedAt")}</th> : <th className="num">{t("cust.probability")}</th>}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/customers/${r.id}`} className="underline tabular-nums">
                      {r.customerNo}
                    </Link>
                  </td>
                  <td>{r.name}</td>
                  <td>{r.city}</td>
                  <td>
                    <TierBadge tier={r.tier as "DIAMOND" | "GOLD" | "SILVER" | "STANDARD"} label={tv(`tier.${r.tier}`)} />
                  </td>
                  {list === "churned" ? (
                    <td>{r.churnedAt ? format.dateTime(r.churnedAt, { dateStyle: "medium", timeZone: "UTC" }) : "—"}</td>
                  ) : (
                    <td className="num">{pct(r.churnProbability)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {page.nextCursor && (
        <Link href={`/dashboards/customers/list?${filtersToSearch(f, { ...extra, cursor: page.nextCursor })}`} className="text-sm text-brand-700 underline">
          {t("drill.more")}
        </Link>
      )}
    </div>
  );
}
