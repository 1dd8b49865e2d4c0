import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CampaignEvaluation } from "@/lib/campaigns/evaluation-queries";
import type { EvaluationFigures, UpliftResult } from "@/lib/campaigns/stats";
import { ChartCard } from "@/components/charts/chart-card";
import { Tile } from "@/components/dashboards/tile";
import { Badge, EmptyState, PageHeader, Section, type BadgeTone } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { funnelOption, groupsOption, upliftOption } from "@/components/campaigns/evaluation-charts";

type Format = Awaited<ReturnType<typeof getFormatter>>;

const STATUS_TONE: Record<string, BadgeTone> = { RUNNING: "ok", PAUSED: "paused", COMPLETED: "brand", CANCELLED: "bad" };

/** A share as "12.3 %", "—" when unknown. */
export function percentText(format: Format, v: number | null): string {
  return v === null ? "—" : format.number(v, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
/** A difference of shares in percentage points, signed: "+3.2 pp". */
export function pointsText(v: number | null): string {
  if (v === null) return "—";
  const p = v * 100;
  return `${p > 0 ? "+" : p < 0 ? "−" : ""}${Math.abs(p).toFixed(1)} pp`;
}
export function moneyText(format: Format, v: number | null): string {
  return v === null ? "—" : format.number(v, { style: "currency", currency: "CNY", minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
const pp = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
/** An interval in percentage points, compact for a table cell: "−6.2 … +17.3" (the header says pp). */
export function intervalText(i: { low: number; high: number } | null): string {
  return i ? `${pointsText(i.low).replace(" pp", "")} … ${pointsText(i.high).replace(" pp", "")}` : "—";
}

/** The uplift tile's hint: its interval, or why there is none. */
export async function upliftHint(u: UpliftResult): Promise<string> {
  const t = await getTranslations("campaignEvaluation");
  if (u.state !== "ok" || !u.interval) return t("tiles.upliftNoData", { reason: t(`noData.${u.state === "ok" ? "noData" : u.state}`) });
  return t(u.significant ? "tiles.upliftInterval" : "tiles.upliftNotSignificant", { low: pointsText(u.interval.low), high: pointsText(u.interval.high) });
}

/** The campaign's name, status, window and "refreshed at", with the export and compare links. */
export async function EvaluationHeader({ e }: { e: CampaignEvaluation }) {
  const [t, te, format] = await Promise.all([getTranslations("campaignEvaluation"), getTranslations("enums.campaignStatus"), getFormatter()]);
  const c = e.campaign;
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  return (
    <PageHeader
      title={t("title", { name: c.name })}
      description={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Badge tone={STATUS_TONE[c.status] ?? "neutral"}>{te(c.status)}</Badge>
          <span>{t("window", { from: day(c.startsAt), to: day(c.endsAt) })}</span>
          {e.refreshedAt && (
            <span>{t("refreshedAt", { at: format.dateTime(e.refreshedAt, { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" }) })}</span>
          )}
        </span>
      }
      actions={
        <>
          <Link href={`/campaigns/compare?ids=${c.id}`} className={buttonClass({ variant: "secondary", size: "sm" })}>
            {t("compareLink")}
          </Link>
          {e.evaluated && (
            // A plain link, not next/link: a prefetch of the route would be an (audited) export.
            <a href={`/campaigns/${c.id}/evaluation/export`} download className={buttonClass({ variant: "secondary", size: "sm" })}>
              {t("export")}
              <span className="sr-only"> {t("exportOf", { name: c.name })}</span>
            </a>
          )}
        </>
      }
    />
  );
}

/** The eight tiles of one campaign's evaluation. */
export async function EvaluationTiles({ f }: { f: EvaluationFigures }) {
  const [t, format] = await Promise.all([getTranslations("campaignEvaluation"), getFormatter()]);
  const n = (v: number) => format.number(v);
  const u = f.uplift;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
      <Tile label={t("tiles.audience")} value={n(f.audience)} hint={t("tiles.audienceHint", { treatment: n(f.treatment), control: n(f.control) })} />
      <Tile
        label={t("tiles.coverage")}
        value={percentText(format, f.coverage)}
        hint={t("tiles.coverageHint", { contacted: n(f.contacted), treatment: n(f.treatment) })}
      />
      <Tile
        label={t("tiles.participation")}
        value={percentText(format, f.participation)}
        hint={t("tiles.participationHint", { reached: n(f.reached), contacted: n(f.contacted) })}
      />
      <Tile label={t("tiles.conversion")} value={percentText(format, f.conversion)} hint={t("tiles.conversionHint", { converted: n(f.converted) })} />
      <Tile
        label={t("tiles.uplift")}
        value={pointsText(u.uplift)}
        hint={await upliftHint(u)}
        tone={u.significant ? (u.uplift! > 0 ? "ok" : "bad") : undefined}
      />
      <Tile
        label={t("tiles.costPerConversion")}
        value={moneyText(format, f.costPerConversion)}
        hint={t("tiles.costHint", { cost: moneyText(format, f.cost) })}
      />
      <Tile label={t("tiles.roi")} value={percentText(format, f.roi)} hint={t("tiles.roiHint", { revenue: moneyText(format, f.revenue) })} />
      <Tile label={t("tiles.satisfaction")} value={percentText(format, f.satisfaction)} hint={t("tiles.satisfactionHint", { n: n(f.surveyed) })} />
    </div>
  );
}

/** The whole evaluation of one campaign: header, tiles, funnel, treatment vs control, by tier and by channel. */
export async function EvaluationView({ e }: { e: CampaignEvaluation }) {
  const [t, tt, tc, format] = await Promise.all([
    getTranslations("campaignEvaluation"),
    getTranslations("enums.valueTier"),
    getTranslations("enums.campaignChannel"),
    getFormatter(),
  ]);
  if (!e.campaign.launchedAt || !e.evaluated) {
    return (
      <div className="space-y-4">
        <EvaluationHeader e={e} />
        <EmptyState>{t(e.campaign.launchedAt ? "notEvaluated" : "notLaunched")}</EmptyState>
      </div>
    );
  }
  const f = e.figures;
  const steps = (["audience", "contacted", "reached", "accepted", "converted"] as const).map((k) => ({
    key: k,
    name: t(`funnel.${k}`),
    value: k === "audience" ? f.treatment : f[k],
  }));
  const groups = [{ name: t("groups.overall"), figures: f }, ...e.byTier.map((r) => ({ name: tt(r.tier), figures: r.figures }))];
  const intervals = groups.map((g) =>
    g.figures.uplift.interval
      ? { uplift: pp(g.figures.uplift.uplift)!, low: pp(g.figures.uplift.interval.low)!, high: pp(g.figures.uplift.interval.high)! }
      : null,
  );
  return (
    <div className="space-y-4">
      <EvaluationHeader e={e} />
      <p className="text-xs text-slate-500">{t("refreshHint")}</p>
      <EvaluationTiles f={f} />
      <div className="grid gap-4 lg:grid-cols-3">
        <ChartCard
          title={t("funnel.title")}
          columns={[t("funnel.step"), t("funnel.customers"), t("funnel.share")]}
          rows={steps.map((s) => [s.name, s.value, percentText(format, f.treatment ? s.value / f.treatment : null)])}
          option={funnelOption(steps.map((s) => ({ name: s.name, value: s.value })))}
          height={260}
        />
        <ChartCard
          title={t("groups.title")}
          columns={[t("groups.segment"), `${t("groups.treatment")} %`, `${t("groups.control")} %`]}
          rows={groups.map((g) => [g.name, pp(g.figures.uplift.treatmentRate) ?? "—", pp(g.figures.uplift.controlRate) ?? "—"])}
          option={groupsOption(
            groups.map((g) => g.name),
            { name: t("groups.treatment"), data: groups.map((g) => pp(g.figures.uplift.treatmentRate)) },
            { name: t("groups.control"), data: groups.map((g) => pp(g.figures.uplift.controlRate)) },
          )}
          height={260}
        />
        <ChartCard
          title={t("groups.upliftTitle")}
          columns={[t("groups.segment"), t("groups.uplift"), t("groups.low"), t("groups.high")]}
          rows={groups.map((g, i) => [g.name, intervals[i]?.uplift ?? "—", intervals[i]?.low ?? "—", intervals[i]?.high ?? "—"])}
          option={upliftOption(
            groups.map((g) => g.name),
            t("groups.uplift"),
            intervals,
            "0",
          )}
          height={260}
        />
      </div>
      <Section title={t("byTier.title")} flush>
        <DataTable
          label={t("byTier.title")}
          empty={t("byTier.empty")}
          columns={[
            { id: "tier", header: t("byTier.tier") },
            { id: "treatment", header: t("byTier.treatment"), format: "integer" },
            { id: "control", header: t("byTier.control"), format: "integer" },
            { id: "contacted", header: t("byTier.contacted"), format: "integer" },
            { id: "converted", header: t("byTier.converted"), format: "integer" },
            { id: "treatmentRate", header: t("byTier.treatmentRate"), format: "percent" },
            { id: "controlRate", header: t("byTier.controlRate"), format: "percent" },
            { id: "uplift", header: t("byTier.uplift"), align: "right" },
            { id: "interval", header: t("byTier.interval"), align: "right" },
            { id: "cost", header: t("byTier.cost"), format: "money" },
            { id: "revenue", header: t("byTier.revenue"), format: "money" },
          ]}
          rows={e.byTier.map((r) => ({
            id: r.tier,
            tier: tt(r.tier),
            treatment: r.treatment.audience,
            control: r.control.audience,
            contacted: r.treatment.contacted,
            converted: r.treatment.converted,
            treatmentRate: r.figures.uplift.treatmentRate,
            controlRate: r.figures.uplift.controlRate,
            uplift: pointsText(r.figures.uplift.uplift),
            interval: intervalText(r.figures.uplift.interval),
            cost: r.treatment.cost,
            revenue: r.treatment.revenue,
          }))}
        />
      </Section>
      <Section title={t("byChannel.title")} flush>
        <DataTable
          label={t("byChannel.title")}
          empty={t("byChannel.empty")}
          columns={[
            { id: "channel", header: t("byChannel.channel") },
            { id: "attempted", header: t("byChannel.attempted"), format: "integer" },
            { id: "delivered", header: t("byChannel.delivered"), format: "integer" },
            { id: "reached", header: t("byChannel.reached"), format: "integer" },
            { id: "accepted", header: t("byChannel.accepted"), format: "integer" },
            { id: "converted", header: t("byChannel.converted"), format: "integer" },
            { id: "cost", header: t("byChannel.cost"), format: "money" },
            { id: "costPerConversion", header: t("byChannel.costPerConversion"), format: "money" },
          ]}
          rows={e.byChannel.map((c) => ({
            id: c.channel,
            channel: tc(c.channel),
            attempted: c.attempted,
            delivered: c.delivered,
            reached: c.reached,
            accepted: c.accepted,
            converted: c.converted,
            cost: c.cost,
            costPerConversion: c.converted > 0 ? c.cost / c.converted : null,
          }))}
        />
      </Section>
    </div>
  );
}
