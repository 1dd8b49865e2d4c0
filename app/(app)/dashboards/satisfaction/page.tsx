import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { cityLabel } from "@/lib/i18n/cities";
import { getFilterOptions, getMetricTargets, getSatisfactionDashboard } from "@/lib/dashboards/queries";
import { CSI_BASELINE_2024 } from "@/lib/dashboards/metrics";
import { num, pct, round } from "@/lib/dashboards/number-format";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart } from "@/components/charts/options";
import { Tile } from "@/components/dashboards/tile";
import { DashboardFrame } from "@/components/dashboards/dashboard-frame";
import { TableSection } from "@/components/dashboards/table-section";
import type { DataColumn } from "@/components/ui/data-table";
import { EmptyState, Section } from "@/components/ui/card";
import { canFollowUp } from "@/lib/surveys/follow-up-policy";
import { openDashboard, type DashboardSearchParams } from "@/app/(app)/dashboards/dashboard-page";
import { page } from "@/lib/shared/page";

const BREAKDOWNS = ["team", "agent", "channel", "category", "region"] as const;
const baseline = (code: string): number | null => (CSI_BASELINE_2024.dimensions as Record<string, number>)[code] ?? null;

export default page(async function SatisfactionDashboardPage({ searchParams }: { searchParams: DashboardSearchParams }) {
  const { actor, filters: f, search, t, format, zh } = await openDashboard(searchParams);
  const [tc, locale] = await Promise.all([getTranslations("enums.channel"), getLocale()]);
  const [d, options, targets] = await Promise.all([getSatisfactionDashboard(actor, f), getFilterOptions(actor), getMetricTargets()]);
  const csatTarget = targets.complaintSatisfactionMin * 100;
  const label = (kind: (typeof BREAKDOWNS)[number], r: { label: string; labelEn: string; key: string }) =>
    kind === "channel" ? (r.key ? tc(r.key) : t("sat.noChannel")) : kind === "region" ? cityLabel(r.label, locale) : zh ? r.label : r.labelEn;
  // Team, agent, channel and category come from complaints: CSAT only. Region has NPS answers too.
  const scoreColumns = (kind: (typeof BREAKDOWNS)[number]): DataColumn[] => [
    { id: "csat", header: t("sat.csat"), format: "percent" },
    ...(kind === "region" ? [{ id: "nps", header: t("sat.nps"), format: "number" } as DataColumn] : []),
    { id: "answered", header: t("sat.answered"), format: "integer" },
  ];
  return (
    <DashboardFrame tab="satisfaction" title={t("sat.title")} search={search} filters={f} options={options}>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-5">
        <Tile label={t("sat.csi")} value={num(d.csi)} hint={t("sat.csiBaseline", { v: CSI_BASELINE_2024.csi })} />
        <Tile
          label={t("sat.csat")}
          value={pct(d.csat)}
          hint={t("sat.csatTarget", { v: csatTarget.toFixed(0), n: d.sums.csatN })}
          tone={d.csat === null ? undefined : d.csat < targets.complaintSatisfactionMin ? "bad" : "ok"}
          href={`/dashboards/satisfaction?${search}#verbatims`}
        />
        <Tile label={t("sat.nps")} value={num(d.nps)} hint={t("sat.npsHint", { n: d.sums.npsN })} />
        <Tile label={t("sat.responseRate")} value={pct(d.responseRate)} hint={t("sat.sentAnswered", { sent: d.sums.sent, answered: d.sums.answered })} href="/surveys/messages" />
        <Tile
          label={t("sat.detractors")}
          value={String(d.sums.npsDetractors)}
          hint={canFollowUp(actor, "followUp:read") ? t("sat.followUpsHint") : undefined}
          href={canFollowUp(actor, "followUp:read") ? "/follow-ups" : `/dashboards/satisfaction?${search}#verbatims`}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          title={t("sat.trend")}
          columns={[t("day"), t("sat.csat"), t("sat.nps"), t("sat.answered")]}
          rows={d.trend.map((r) => [r.day, pct(r.csat), num(r.nps), r.answered])}
          option={categoryChart({
            type: "line",
            categories: d.trend.map((r) => r.day),
            axes: [{ min: -100, max: 100 }],
            series: [
              { name: `${t("sat.csat")} %`, data: d.trend.map((r) => round(r.csat === null ? null : r.csat * 100)), target: { value: csatTarget, label: t("sat.target") } },
              { name: t("sat.nps"), data: d.trend.map((r) => round(r.nps)) },
            ],
          })}
        />
        <ChartCard
          title={t("sat.byDimension")}
          columns={[t("sat.dimension"), t("sat.score"), t("sat.weight"), t("sat.baseline")]}
          rows={d.dimensions.map((x) => [zh ? x.labelZh : x.labelEn, num(x.score), x.weight, baseline(x.code) ?? "—"])}
          option={categoryChart({
            categories: d.dimensions.map((x) => (zh ? x.labelZh : x.labelEn)),
            axes: [{ min: 0, max: 100 }],
            series: [
              { name: t("sat.score"), data: d.dimensions.map((x) => round(x.score)) },
              { name: t("sat.baseline"), data: d.dimensions.map((x) => baseline(x.code)), color: "#94a3b8" },
            ],
          })}
        />
        {BREAKDOWNS.map((kind) => (
          <TableSection
            key={kind}
            id={`by-${kind}`}
            title={t(`sat.by.${kind}`)}
            csv={{ table: `sat-${kind}`, search }}
            empty={t("sat.empty")}
            columns={[{ id: "label", header: t(kind === "agent" ? "agent" : kind) }, ...scoreColumns(kind)]}
            rows={d.by[kind].map((r) => ({ id: r.key, label: label(kind, r), csat: r.csat, nps: r.nps === null ? null : round(r.nps), answered: r.answered }))}
          />
        ))}
      </div>
      <Section id="verbatims" title={t("sat.verbatims")} flush>
        {d.verbatims.length === 0 ? (
          <EmptyState>{t("sat.noVerbatims")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {d.verbatims.map((v) => (
              <li key={v.id} className="flex gap-3 px-3 py-2 text-sm">
                <span className="w-24 shrink-0 text-xs text-slate-500">{format.dateTime(v.answeredAt, { dateStyle: "short", timeStyle: "short" })}</span>
                <span className="w-20 shrink-0 tabular-nums">
                  {t(`sat.kind.${v.kind}`)} {v.score ?? num(v.csiScore, 0)}
                </span>
                <span className="flex-1">{v.comment}</span>
                {v.complaintId && (
                  <Link href={`/complaints/${v.complaintId}`} className="text-xs text-brand-700 underline">
                    {t("sat.openComplaint")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </DashboardFrame>
  );
});
