import { getLocale, getTranslations } from "next-intl/server";
import type { RetentionRates, RetentionRateRow } from "@/lib/retention/winback-queries";
import { Button } from "@/components/ui/button";
import { EmptyState, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart } from "@/components/charts/options";

/**
 * The value page's win-back retention rates (issue 23): a period filter (days in the URL), the
 * rates per owner and per offer as tables, and the per-owner chart (counts stacked by outcome, the
 * rate as a line) with its table view.
 */
export async function RetentionRatesSection({ rates }: { rates: RetentionRates }) {
  const [t, locale] = await Promise.all([getTranslations("winback.rates"), getLocale()]);
  const name = (r: RetentionRateRow, fallback: string) => (locale === "en" ? r.nameEn : r.nameZh) || fallback;
  const columns = (first: string) => [
    { id: "name", header: first },
    { id: "done", header: t("done"), format: "integer" as const },
    { id: "retained", header: t("retained"), format: "integer" as const },
    { id: "lost", header: t("lost"), format: "integer" as const },
    { id: "notReachable", header: t("notReachable"), format: "integer" as const },
    { id: "rate", header: t("rate"), format: "percent" as const },
  ];
  const rows = (list: RetentionRateRow[], fallback: string, prefix: string) =>
    [...list, { ...rates.total, nameZh: t("total"), nameEn: t("total") }].map((r, i) => ({
      id: i < list.length ? `${prefix}${r.key ?? "none"}` : `${prefix}total`,
      name: i < list.length ? <span>{name(r, fallback)}</span> : <span className="font-medium">{t("total")}</span>,
      done: r.done,
      retained: r.retained,
      lost: r.lost,
      notReachable: r.notReachable,
      rate: r.rate ?? "—",
    }));
  const owners = rates.byOwner.map((r) => name(r, t("owner")));
  const pct = (r: RetentionRateRow) => (r.rate == null ? 0 : Math.round(r.rate * 1000) / 10);
  return (
    <Section
      id="retention-rates"
      title={t("title")}
      description={t("hint")}
      actions={
        <form className="flex flex-wrap items-end gap-2" aria-label={t("title")}>
          <Field id="rates-from" label={t("from")} className="flex items-center gap-2 [&>label]:mb-0">
            <TextInput type="date" name="ratesFrom" defaultValue={rates.period.from} />
          </Field>
          <Field id="rates-to" label={t("to")} className="flex items-center gap-2 [&>label]:mb-0">
            <TextInput type="date" name="ratesTo" defaultValue={rates.period.to} />
          </Field>
          <Button type="submit" size="sm">
            {t("show")}
          </Button>
        </form>
      }
    >
      {rates.total.done === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <div className="space-y-4">
          <ChartCard
            title={t("chartTitle")}
            columns={[t("owner"), t("retained"), t("lost"), t("notReachable"), t("ratePct")]}
            rows={rates.byOwner.map((r, i) => [owners[i], r.retained, r.lost, r.notReachable, pct(r)])}
            option={categoryChart({
              categories: owners,
              axes: [{ name: t("tasks") }, { name: t("ratePct"), min: 0, max: 100 }],
              series: [
                { stack: "outcome", name: t("retained"), data: rates.byOwner.map((r) => r.retained) },
                { stack: "outcome", name: t("lost"), data: rates.byOwner.map((r) => r.lost) },
                { stack: "outcome", name: t("notReachable"), data: rates.byOwner.map((r) => r.notReachable) },
                { type: "line", axis: 1, name: t("ratePct"), data: rates.byOwner.map(pct) },
              ],
            })}
          />
          <div className="grid gap-4 lg:grid-cols-2">
            <div>
              <h3 className="mb-1 text-sm font-medium text-slate-700">{t("byOwner")}</h3>
              <DataTable label={t("byOwner")} columns={columns(t("owner"))} rows={rows(rates.byOwner, t("owner"), "o")} />
            </div>
            <div>
              <h3 className="mb-1 text-sm font-medium text-slate-700">{t("byOffer")}</h3>
              <DataTable label={t("byOffer")} columns={columns(t("offer"))} rows={rows(rates.byOffer, t("noOffer"), "f")} />
            </div>
          </div>
        </div>
      )}
    </Section>
  );
}
