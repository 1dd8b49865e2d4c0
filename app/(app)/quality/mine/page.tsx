import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { listMyEvaluations } from "@/lib/quality/queries";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Stat } from "@/components/ui/stat";
import { page } from "@/lib/shared/page";

const params = z.object({ after: z.string().max(80).optional().catch(undefined) });

/** "My QA" (issue 24): the agent's own evaluations, new ones marked; open one to read the items and comments, and to dispute it. */
export default page(async function MyQaPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { after } = params.parse(await searchParams);
  const [t, te, locale, format, list] = await Promise.all([getTranslations("quality"), getTranslations("enums"), getLocale(), getFormatter(), listMyEvaluations(actor, { after })]);
  const scored = list.rows.filter((r) => !r.calibration);
  const average = scored.length ? scored.reduce((a, r) => a + r.finalScore, 0) / scored.length : null;
  return (
    <div className="space-y-4">
      <PageHeader title={t("mine.title")} description={t("mine.hint", { days: list.windowDays })} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <Stat label={t("mine.unseen")} value={format.number(list.unseen)} />
        <Stat label={t("mine.average")} value={average === null ? "—" : format.number(average, { maximumFractionDigits: 2 })} hint={t("mine.averageHint")} />
      </div>
      <Section title={t("mine.results")} flush>
        {list.rows.length === 0 ? (
          <EmptyState>{t("mine.empty")}</EmptyState>
        ) : (
          <DataTable
            label={t("mine.results")}
            columns={[
              { id: "scoredAt", header: t("scoredAt"), format: "datetime" },
              { id: "form", header: t("form") },
              { id: "evaluator", header: t("evaluator"), nowrap: true },
              { id: "score", header: t("score.result"), format: "number" },
              { id: "finalScore", header: t("finalScore"), format: "number" },
              { id: "state", header: t("state") },
              { id: "open", header: <span className="sr-only">{t("mine.open")}</span> },
            ]}
            rows={list.rows.map((e) => ({
              id: e.id,
              scoredAt: e.scoredAt,
              form: locale === "en" ? e.formNameEn : e.formNameZh,
              evaluator: e.evaluatorName,
              score: e.score,
              finalScore: e.finalScore,
              state: (
                <span className="flex flex-wrap gap-1">
                  {!e.seenAt && <Badge tone="brand">{t("mine.new")}</Badge>}
                  {e.fatal && <Badge tone="bad">{t("fatal")}</Badge>}
                  {e.disputeStatus && <Badge tone={e.disputeStatus === "OPEN" ? "warn" : "neutral"}>{te(`qaDisputeStatus.${e.disputeStatus}`)}</Badge>}
                  {e.disputable && <Badge tone="neutral">{t("mine.disputableUntil", { until: format.dateTime(e.disputeUntil, { dateStyle: "medium", timeZone: "Asia/Shanghai" }) })}</Badge>}
                </span>
              ),
              open: (
                <Link className="text-brand-700 underline" href={`/quality/evaluations/${e.id}`} aria-label={t("mine.openOf", { date: format.dateTime(e.scoredAt, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }) })}>
                  {t("mine.open")}
                </Link>
              ),
            }))}
            pager={{ next: list.next ? `/quality/mine?after=${list.next}` : undefined, first: after ? "/quality/mine" : undefined }}
          />
        )}
      </Section>
    </div>
  );
});
