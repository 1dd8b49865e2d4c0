"use client";

import { useTranslations } from "next-intl";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart, horizontalChartHeight } from "@/components/charts/options";

/** The team's ratings for the month, best first (a horizontal bar per agent). */
export function TeamRatingsChart({ rows }: { rows: Array<{ name: string; rating: number }> }) {
  const t = useTranslations("assessment");
  const names = rows.map((r) => r.name);
  return (
    <ChartCard
      title={t("teamChart")}
      columns={[t("col.agent"), t("col.rating")]}
      rows={rows.map((r) => [r.name, r.rating])}
      height={horizontalChartHeight(names.length)}
      option={categoryChart({ horizontal: true, categories: [...names].reverse(), axes: [{ min: 0, max: 100 }], series: [{ name: t("col.rating"), data: [...rows].reverse().map((r) => r.rating) }] })}
    />
  );
}

/** An agent's rating and QA average over the months (oldest first), with the rank in the team. */
export function AgentTrendChart({ name, rows }: { name: string; rows: Array<{ month: string; rating: number; qaAverage: number | null; rankInTeam: number; teamSize: number }> }) {
  const t = useTranslations("assessment");
  return (
    <ChartCard
      title={t("trendOf", { name })}
      columns={[t("col.month"), t("col.rating"), t("col.qa"), t("col.rank")]}
      rows={rows.map((r) => [r.month, r.rating, r.qaAverage ?? "—", `${r.rankInTeam} / ${r.teamSize}`])}
      option={categoryChart({
        type: "line",
        categories: rows.map((r) => r.month),
        axes: [{ min: 0, max: 100 }],
        series: [
          { name: t("col.rating"), data: rows.map((r) => r.rating) },
          { name: t("col.qa"), data: rows.map((r) => r.qaAverage) },
        ],
      })}
    />
  );
}
