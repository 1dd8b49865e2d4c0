"use client";

import { useTranslations } from "next-intl";
import { ChartCard } from "@/components/charts/chart-card";

type BillPoint = { month: string; voice: number; data: number; vas: number; other: number; total: number; dataMb: number; voiceMinutes: number };

/** 12-month trends: spend split voice/data/VAS (ARPU of this customer), data MB and minutes. Each with a table view. */
export function TrendCharts({ bills }: { bills: BillPoint[] }) {
  const t = useTranslations("c360");
  const months = bills.map((b) => b.month);
  const grid = { left: 52, right: 12, top: 30, bottom: 24 };
  const spendSeries = (["voice", "data", "vas", "other"] as const).map((k) => ({
    name: t(`spend.${k}`),
    type: "bar" as const,
    stack: "spend",
    data: bills.map((b) => b[k]),
  }));
  const money = (n: number) => n.toFixed(2);
  return (
    <div className="grid gap-3 lg:grid-cols-3">
      <ChartCard
        title={t("trendSpend")}
        height={200}
        option={{
          tooltip: { trigger: "axis" },
          legend: { top: 0, itemWidth: 12 },
          grid,
          xAxis: { type: "category", data: months },
          yAxis: { type: "value", name: "¥" },
          series: spendSeries,
        }}
        columns={[t("month"), t("spend.voice"), t("spend.data"), t("spend.vas"), t("spend.other"), t("spend.total")]}
        rows={bills.map((b) => [b.month, money(b.voice), money(b.data), money(b.vas), money(b.other), money(b.total)])}
      />
      <ChartCard
        title={t("trendData")}
        height={200}
        option={{
          tooltip: { trigger: "axis" },
          grid,
          xAxis: { type: "category", data: months },
          yAxis: { type: "value", name: "MB" },
          series: [{ name: t("dataMb"), type: "line", data: bills.map((b) => b.dataMb), areaStyle: { opacity: 0.15 }, color: "#009E73" }],
        }}
        columns={[t("month"), t("dataMb")]}
        rows={bills.map((b) => [b.month, b.dataMb])}
      />
      <ChartCard
        title={t("trendMinutes")}
        height={200}
        option={{
          tooltip: { trigger: "axis" },
          grid,
          xAxis: { type: "category", data: months },
          yAxis: { type: "value", name: t("minutesUnit") },
          series: [{ name: t("minutes"), type: "line", data: bills.map((b) => b.voiceMinutes), color: "#0072B2" }],
        }}
        columns={[t("month"), t("minutes")]}
        rows={bills.map((b) => [b.month, b.voiceMinutes])}
      />
    </div>
  );
}
