import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CampaignEvaluation } from "@/lib/campaigns/evaluation-queries";
import { ChartCard } from "@/components/charts/chart-card";
import { Section } from "@/components/ui/card";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { groupsOption, upliftOption } from "@/components/campaigns/evaluation-charts";
import { intervalText, moneyText, percentText, pointsText } from "@/components/campaigns/evaluation-view";

const pp = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** Campaigns side by side: one column per campaign, one row per figure of the evaluation page, and the uplift chart. */
export async function CompareTable({ evaluations }: { evaluations: CampaignEvaluation[] }) {
  const [t, ts, format] = await Promise.all([getTranslations("campaignEvaluation"), getTranslations("enums.campaignStatus"), getFormatter()]);
  const n = (v: number) => format.number(v);
  const figures: Array<[string, (e: CampaignEvaluation) => string]> = [
    [t("status"), (e) => ts(e.campaign.status)],
    [t("tiles.audience"), (e) => n(e.figures.audience)],
    [t("groups.treatment"), (e) => n(e.figures.treatment)],
    [t("groups.control"), (e) => n(e.figures.control)],
    [t("tiles.coverage"), (e) => percentText(format, e.figures.coverage)],
    [t("tiles.participation"), (e) => percentText(format, e.figures.participation)],
    [t("tiles.conversion"), (e) => percentText(format, e.figures.conversion)],
    [t("byTier.controlRate"), (e) => percentText(format, e.figures.uplift.controlRate)],
    [t("tiles.uplift"), (e) => pointsText(e.figures.uplift.uplift)],
    [
      t("byTier.interval"),
      (e) =>
        e.figures.uplift.interval
          ? intervalText(e.figures.uplift.interval)
          : t(`noData.${e.figures.uplift.state === "ok" ? "noData" : e.figures.uplift.state}`),
    ],
    [t("byTier.cost"), (e) => moneyText(format, e.figures.cost)],
    [t("tiles.costPerConversion"), (e) => moneyText(format, e.figures.costPerConversion)],
    [t("byTier.revenue"), (e) => moneyText(format, e.figures.revenue)],
    [t("tiles.roi"), (e) => percentText(format, e.figures.roi)],
    [t("tiles.satisfaction"), (e) => percentText(format, e.figures.satisfaction)],
  ];
  const rows: DataRow[] = figures.map(([label, get], i) => ({
    id: i,
    metric: label,
    ...Object.fromEntries(evaluations.map((e) => [`c${e.campaign.id}`, get(e)])),
  }));
  const names = evaluations.map((e) => e.campaign.name);
  const intervals = evaluations.map((e) =>
    e.figures.uplift.interval
      ? { uplift: pp(e.figures.uplift.uplift)!, low: pp(e.figures.uplift.interval.low)!, high: pp(e.figures.uplift.interval.high)! }
      : null,
  );
  return (
    <div className="space-y-4">
      <Section title={t("compare.table")} flush>
        <DataTable
          label={t("compare.table")}
          columns={[
            { id: "metric", header: t("compare.metric") },
            ...evaluations.map((e) => ({ id: `c${e.campaign.id}`, header: e.campaign.name, align: "right" as const })),
          ]}
          rows={rows}
        />
      </Section>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {evaluations.map((e) => (
          <li key={e.campaign.id}>
            <Link href={`/campaigns/${e.campaign.id}/evaluation`} className="text-brand-700 underline">
              {t("compare.open", { name: e.campaign.name })}
            </Link>
          </li>
        ))}
      </ul>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          title={t("groups.title")}
          columns={[t("groups.segment"), `${t("groups.treatment")} %`, `${t("groups.control")} %`]}
          rows={evaluations.map((e, i) => [names[i]!, pp(e.figures.uplift.treatmentRate) ?? "—", pp(e.figures.uplift.controlRate) ?? "—"])}
          option={groupsOption(
            names,
            { name: t("groups.treatment"), data: evaluations.map((e) => pp(e.figures.uplift.treatmentRate)) },
            { name: t("groups.control"), data: evaluations.map((e) => pp(e.figures.uplift.controlRate)) },
          )}
          height={260}
        />
        <ChartCard
          title={t("groups.upliftTitle")}
          columns={[t("groups.segment"), t("groups.uplift"), t("groups.low"), t("groups.high")]}
          rows={evaluations.map((e, i) => [names[i]!, intervals[i]?.uplift ?? "—", intervals[i]?.low ?? "—", intervals[i]?.high ?? "—"])}
          option={upliftOption(names, t("groups.uplift"), intervals, "0")}
          height={260}
        />
      </div>
    </div>
  );
}
