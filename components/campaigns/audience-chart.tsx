"use client";

import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart, horizontalChartHeight } from "@/components/charts/options";

const REASONS = ["CHURNED", "DO_NOT_DISTURB", "NO_CONSENT", "FREQUENCY_CAP"] as const;

/** Audience, control and the exclusions by reason (launch order) as one horizontal bar chart, with its table. */
export function AudienceChart({
  treatment,
  control,
  exclusions,
}: {
  treatment: number;
  control: number;
  exclusions: Partial<Record<(typeof REASONS)[number], number>>;
}) {
  const t = useTranslations("campaigns.detail");
  const te = useTranslations("enums");
  const rows = useMemo(
    () =>
      [
        [t("treatment"), treatment],
        [t("controlGroup"), control],
        ...REASONS.map((r) => [t("excludedBecause", { reason: te(`exclusionReason.${r}`) }), exclusions[r] ?? 0] as [string, number]),
      ] as Array<[string, number]>,
    [t, te, treatment, control, exclusions],
  );
  const option = useMemo(
    () => categoryChart({ categories: rows.map((r) => r[0]), series: [{ name: t("customers"), data: rows.map((r) => r[1]) }], horizontal: true }),
    [rows, t],
  );
  return (
    <ChartCard title={t("audienceChart")} option={option} columns={[t("group"), t("customers")]} rows={rows} height={horizontalChartHeight(rows.length)} />
  );
}
