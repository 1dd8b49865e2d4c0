import { forbidden } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getTierMigration, getValueDashboard } from "@/lib/scoring/queries";
import { VALUE_TIERS } from "@/lib/scoring/value";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field, Select } from "@/components/ui/field";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart, pieChart } from "@/components/charts/options";
import { TierBadge } from "@/components/value/tier-badge";
import { page } from "@/lib/shared/page";
import { getRetentionRates } from "@/lib/retention/winback-queries";
import { RetentionRatesSection } from "@/components/retention/retention-rates";

const params = z.object({ from: z.string().regex(/^(run|\d{4}-\d{2})$/).catch("run") });
// Win-back retention rates (issue 23): a period of days, by default the 90 days to today (Asia/Shanghai).
const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const ratesParams = z.object({
  ratesFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  ratesTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
});

export default page(async function ValuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "dashboard:read")) forbidden();
  const t = await getTranslations("value");
  const te = await getTranslations("enums");
  const format = await getFormatter();
  const sp = await searchParams;
  const { from } = params.parse(sp);
  const period = ratesParams.parse(sp);
  const now = new Date();
  const ratesTo = period.ratesTo ?? day(now);
  const ratesFrom = period.ratesFrom && period.ratesFrom <= ratesTo ? period.ratesFrom : day(new Date(now.getTime() - 89 * 86_400_000));
  const [d, migration, rates] = await Promise.all([getValueDashboard(actor), getTierMigration(actor, from), getRetentionRates(actor, { from: ratesFrom, to: ratesTo })]);
  const tierName = (x: string) => te(`valueTier.${x}`);
  const cell = (f: string | null, to: string) => migration.find((m) => m.from === f && m.to === to)?.count ?? 0;
  const fromRows: Array<string | null> = [...VALUE_TIERS, null];
  const customers = { name: t("dashboard.customers") };
  const lifecycle = d.lifecycle.map((r) => ({ name: t(`lifecycle.${r.stage}`), value: r.count }));
  const bands = d.churnBands.map((r) => ({ name: t(`band.${r.band}`), value: r.count }));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("dashboard.title")}
        description={d.lastRunAt ? t("dashboard.lastRun", { at: format.dateTime(d.lastRunAt, { dateStyle: "medium", timeStyle: "short" }), version: d.settingsVersion ?? 0 }) : t("dashboard.never")}
        actions={
          <ButtonLink href="/retention" variant="link">
            {t("dashboard.toRetention")}
          </ButtonLink>
        }
      />
      {!d.lastRunAt ? (
        <Card>
          <EmptyState>{t("dashboard.empty")}</EmptyState>
        </Card>
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard
              title={t("dashboard.tierMix")}
              columns={[t("dashboard.tierCol"), t("dashboard.customers"), t("dashboard.avgScore"), t("dashboard.avgClv")]}
              rows={d.tierMix.map((r) => [tierName(r.tier), r.count, r.avgScore, r.avgClv])}
              option={categoryChart({ categories: d.tierMix.map((r) => tierName(r.tier)), axes: [customers], series: [{ name: customers.name, data: d.tierMix.map((r) => r.count) }] })}
            />
            <ChartCard
              title={t("dashboard.trend")}
              columns={[t("dashboard.month"), t("dashboard.avgScore"), ...VALUE_TIERS.map(tierName)]}
              rows={d.trend.map((r) => [r.month, r.avgScore, ...VALUE_TIERS.map((x) => r.counts[x])])}
              option={categoryChart({
                categories: d.months,
                axes: [customers, { name: t("dashboard.avgScore"), min: 0, max: 100 }],
                series: [
                  ...VALUE_TIERS.map((x) => ({ stack: "tiers", name: tierName(x), data: d.trend.map((r) => r.counts[x]) })),
                  { type: "line", axis: 1, name: t("dashboard.avgScore"), data: d.trend.map((r) => r.avgScore) },
                ],
              })}
            />
            <ChartCard
              title={t("dashboard.lifecycle")}
              columns={[t("dashboard.stage"), customers.name]}
              rows={lifecycle.map((r) => [r.name, r.value])}
              option={pieChart({ slices: lifecycle })}
            />
            <ChartCard
              title={t("dashboard.churnBands")}
              columns={[t("dashboard.band"), customers.name]}
              rows={bands.map((r) => [r.name, r.value])}
              option={categoryChart({ categories: bands.map((r) => r.name), series: [{ name: customers.name, data: bands.map((r) => r.value) }] })}
            />
          </div>
          <Section
            id="migration"
            title={t("dashboard.migration")}
            description={t("dashboard.migrationHint")}
            flush
            actions={
              <form className="flex items-end gap-2">
                <Field id="migration-from" label={t("dashboard.compareWith")} className="flex items-center gap-2 [&>label]:mb-0">
                  <Select name="from" defaultValue={from} options={[{ value: "run", label: t("dashboard.previousRun") }, ...d.months.map((m) => ({ value: m, label: t("dashboard.snapshotOf", { month: m }) }))]} />
                </Field>
                <Button type="submit" size="sm">
                  {t("dashboard.show")}
                </Button>
              </form>
            }
          >
            <DataTable
              label={t("dashboard.migration")}
              columns={[{ id: "from", header: t("dashboard.fromTo") }, ...VALUE_TIERS.map((x) => ({ id: x, header: tierName(x), align: "right" as const }))]}
              rows={fromRows.map((f) => ({
                id: f ?? "none",
                from: f ? <TierBadge tier={f} label={tierName(f)} /> : t("dashboard.noPrevious"),
                ...Object.fromEntries(VALUE_TIERS.map((to) => [to, <span key={to} className={f === to ? "text-slate-500" : cell(f, to) > 0 ? "font-medium" : undefined}>{format.number(cell(f, to))}</span>])),
              }))}
            />
          </Section>
        </>
      )}
      <RetentionRatesSection rates={rates} />
    </div>
  );
});
