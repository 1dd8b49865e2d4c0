"use client";

import { useTranslations } from "next-intl";
import { EChart } from "@/components/charts/echart";

type BillPoint = { month: string; voice: number; data: number; vas: number; other: number; dataMb: number; voiceMinutes: number };

/** 12-month spend split voice / data / value-added, stacked. */
export function BillingCharts({ bills }: { bills: BillPoint[] }) {
  const t = useTranslations("customer");
  const months = bills.map((b) => b.month);
  const series = (name: string, key: "voice" | "data" | "vas" | "other") => ({
    name,
    type: "bar" as const,
    stack: "spend",
    data: bills.map((b) => b[key]),
  });
  return (
    <EChart
      label={t("bills")}
      height={240}
      option={{
        tooltip: { trigger: "axis" },
        legend: { top: 0, itemGap: 14, itemWidth: 14 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: months },
        yAxis: { type: "value", name: "¥" },
        series: [series(t("voice"), "voice"), series(t("data"), "data"), series(t("vas"), "vas"), series(t("other"), "other")],
      }}
    />
  );
}
