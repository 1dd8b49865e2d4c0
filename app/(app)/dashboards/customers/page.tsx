import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { customersRange, filtersToSearch } from "@/lib/dashboards/filters";
import { getFilterOptions } from "@/lib/dashboards/queries";
import { getCustomersDashboard } from "@/lib/dashboards/customers";
import { pct, round } from "@/lib/dashboards/number-format";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart, pieChart } from "@/components/charts/options";
import { Tile } from "@/components/dashboards/tile";
import { DashboardFrame } from "@/components/dashboards/dashboard-frame";
import { TableSection } from "@/components/dashboards/table-section";
import type { ColumnFormat, DataColumn } from "@/components/ui/data-table";
import { openDashboard, type DashboardSearchParams } from "@/app/(app)/dashboards/dashboard-page";
import { page } from "@/lib/shared/page";
import { csvDate } from "@/lib/shared/csv";

const TIER_COLOURS: Record<string, string> = { DIAMOND: "#0072B2", GOLD: "#E69F00", SILVER: "#56B4E9", STANDARD: "#94a3b8" };

export default page(async function CustomersDashboardPage({ searchParams }: { searchParams: DashboardSearchParams }) {
  const { actor, sp, filters, t, format } = await openDashboard(searchParams);
  // Trends are monthly: without dates in the URL the tab shows the last 12 months.
  const f = customersRange(filters, typeof sp.from === "string" && sp.from !== "");
  const search = filtersToSearch(f);
  const tTier = await getTranslations("enums.valueTier");
  const [d, options] = await Promise.all([getCustomersDashboard(actor, f), getFilterOptions(actor)]);
  const month = (m: string) => m.slice(0, 7);
  // A month that has not ended (the range ends inside it, or it is this month) reads "as of" its
  // last day counted, never "at the end of".
  const today = csvDate(new Date());
  const lastDay = new Date(Date.UTC(Number(d.month.slice(0, 4)), Number(d.month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const asOf = [f.to, today].sort()[0];
  const activeHint = asOf < lastDay ? t("cust.activeHintAsOf", { date: asOf }) : t("cust.activeHint", { month: month(d.month) });
  const list = (kind: "churned" | "atRisk", m?: string | null) =>
    `/dashboards/customers/list?${filtersToSearch(f, { list: kind, month: m ? month(m) : undefined })}`;
  const signed = (n: number | null, fmt: (v: number) => string) => (n === null ? "—" : `${n > 0 ? "+" : n < 0 ? "−" : "±"}${fmt(Math.abs(n))}`);
  const tierTitle = d.tierMonth ? t("cust.tierMixOf", { month: month(d.tierMonth) }) : t("cust.tierMix");
  const cust = (id: string, format?: ColumnFormat, align?: "right"): DataColumn => ({ id, header: t(`cust.${id}`), format, align });
  const monthColumns = [cust("month"), ...["activeStart", "joined", "churned", "activeEnd"].map((id) => cust(id, "integer")), cust("churnRate", undefined, "right")];
  const months = d.trend.map((m) => ({
    id: m.month,
    month: month(m.month),
    activeStart: m.activeStart,
    joined: m.joined,
    churned:
      m.churned > 0 ? (
        <Link className="underline" href={list("churned", m.month)}>
          {format.number(m.churned)}
          <span className="sr-only">{t("cust.churnedIn", { month: month(m.month) })}</span>
        </Link>
      ) : (
        0
      ),
    activeEnd: m.activeEnd,
    churnRate: pct(m.churnRate, 2),
  }));
  const tierColumns = [{ id: "tier", header: t("tier") }, cust("customers", "integer"), cust("share", "percent"), cust("previous", "integer"), cust("change", undefined, "right"), cust("shareChange", undefined, "right")];
  const tiers = d.tiers.map((x) => ({
    id: x.tier,
    tier: (
      <Link className="underline" href={`/dashboards/customers?${filtersToSearch({ ...f, tier: x.tier })}`}>
        {tTier(x.tier)}
      </Link>
    ),
    customers: x.customers,
    share: x.share,
    previous: x.previous,
    change: signed(x.change, (v) => format.number(v)),
    shareChange: signed(x.shareChange === null ? null : x.shareChange * 100, (v) => `${v.toFixed(1)} pt`),
  }));
  return (
    <DashboardFrame tab="customers" title={t("cust.title")} search={search} filters={f} options={options} fields={["region", "tier"]}>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Tile
          label={t("cust.active")}
          value={format.number(d.activeSubscribers)}
          hint={activeHint}
          href={`/dashboards/customers?${search}#by-month`}
        />
        <Tile
          label={t("cust.churnRate")}
          value={pct(d.churnRateInMonth, 2)}
          hint={d.churnMonth ? t("cust.churnRateHint", { month: month(d.churnMonth) }) : undefined}
          href={d.churnMonth ? list("churned", d.churnMonth) : undefined}
        />
        <Tile
          label={t("cust.churned")}
          value={format.number(d.churnedInMonth)}
          hint={d.churnMonth ? month(d.churnMonth) : undefined}
          href={d.churnMonth ? list("churned", d.churnMonth) : undefined}
        />
        <Tile
          label={t("cust.atRisk")}
          value={format.number(d.atRisk)}
          hint={t("cust.atRiskHint")}
          href={list("atRisk")}
          tone={d.atRisk > 0 ? "bad" : undefined}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          title={t("cust.churnTrend")}
          columns={[t("cust.month"), t("cust.activeStart"), t("cust.churned"), t("cust.churnRate")]}
          rows={d.trend.map((m) => [month(m.month), m.activeStart, m.churned, pct(m.churnRate, 2)])}
          option={categoryChart({
            categories: d.trend.map((m) => month(m.month)),
            axes: [{ name: t("cust.churnRatePct") }, { name: t("count") }],
            series: [
              { name: t("cust.churned"), axis: 1, data: d.trend.map((m) => m.churned), color: "#94a3b8" },
              { type: "line", name: t("cust.churnRate"), data: d.trend.map((m) => round(m.churnRate === null ? null : m.churnRate * 100, 2)), color: "#D55E00" },
            ],
          })}
        />
        <ChartCard
          title={tierTitle}
          columns={[t("tier"), t("cust.customers"), t("cust.share"), t("cust.change")]}
          rows={d.tiers.map((x) => [tTier(x.tier), x.customers, pct(x.share), signed(x.change, (v) => format.number(v))])}
          option={pieChart({ name: t("cust.tierMix"), compact: true, slices: d.tiers.map((x) => ({ name: tTier(x.tier), value: x.customers, color: TIER_COLOURS[x.tier] })) })}
        />
      </div>
      <TableSection id="by-month" title={t("cust.byMonth")} csv={{ table: "customers-trend", search }} empty={t("cust.empty")} columns={monthColumns} rows={months} />
      <TableSection id="tiers" title={tierTitle} csv={{ table: "customers-tiers", search }} empty={t("cust.noTiers")} columns={tierColumns} rows={tiers} />
      <p className="text-xs text-slate-500">{t("cust.note")}</p>
    </DashboardFrame>
  );
});
