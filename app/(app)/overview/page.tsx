import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getOverview } from "@/lib/dashboards/overview";
import { PageHeader } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart, horizontalChartHeight, pieChart } from "@/components/charts/options";
import { page } from "@/lib/shared/page";

export default page(async function OverviewPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const format = await getFormatter();
  const o = await getOverview(actor);
  const channels = o.contactsByChannel.map((r) => t(`enums.channel.${r.channel}`));
  const money = (n: number) => format.number(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <div className="space-y-4">
      <PageHeader title={t("overview.title")} description={t("overview.asOf", { time: format.dateTime(o.asOf, { dateStyle: "medium", timeStyle: "short" }) })} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("overview.activeCustomers")} value={format.number(o.activeCustomers)} />
        <Stat label={t("overview.activeLines")} value={format.number(o.activeLines)} />
        <Stat label={t("overview.revenueLastMonth")} value={money(o.billedLastMonth)} />
        <Stat label={t("overview.contacts30d")} value={format.number(o.contacts30d)} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          title={t("overview.revenueTrend")}
          columns={[t("customer.month"), t("overview.amount")]}
          rows={o.revenueByMonth.map((r) => [r.month, r.amount])}
          option={categoryChart({ type: "line", categories: o.revenueByMonth.map((r) => r.month), axes: [{ name: "¥" }], series: [{ name: t("overview.amount"), data: o.revenueByMonth.map((r) => r.amount) }] })}
        />
        <ChartCard
          title={t("overview.contactsByChannel")}
          columns={[t("dashboards.channel"), t("overview.count")]}
          rows={o.contactsByChannel.map((r, i) => [channels[i], r.count])}
          height={horizontalChartHeight(channels.length)}
          option={categoryChart({ horizontal: true, categories: channels, series: [{ name: t("overview.count"), data: o.contactsByChannel.map((r) => r.count) }] })}
        />
        <ChartCard
          title={t("overview.linesByNetwork")}
          columns={[t("customer.network"), t("overview.count")]}
          rows={o.linesByNetwork.map((r) => [t(`enums.network.${r.network}`), r.count])}
          option={pieChart({ slices: o.linesByNetwork.map((r) => ({ name: t(`enums.network.${r.network}`), value: r.count })) })}
        />
      </div>
    </div>
  );
});
