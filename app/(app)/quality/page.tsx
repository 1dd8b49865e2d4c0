import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { listSampleQueue, listTeamEvaluations } from "@/lib/quality/queries";
import { ButtonLink } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { CalibrateButton, DrawSamplesButton } from "@/components/quality/quality-controls";
import { page } from "@/lib/shared/page";

const params = z.object({ after: z.string().max(80).optional().catch(undefined), evalAfter: z.string().max(80).optional().catch(undefined) });

/**
 * The supervisor's QA queue (issue 24): the team's open samples (the daily job's and "Draw now"),
 * calibration samples any supervisor may score blind, and the team's latest evaluations.
 */
export default page(async function QualityQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { after, evalAfter } = params.parse(await searchParams);
  const [t, te, locale, queue, evaluations] = await Promise.all([
    getTranslations("quality"),
    getTranslations("enums"),
    getLocale(),
    listSampleQueue(actor, { after }),
    listTeamEvaluations(actor, { after: evalAfter }),
  ]);
  const reason = (r: string) => (r === "RANDOM" || r === "MANUAL" ? t(`queue.reason.${r}`) : te(`qaSamplingKind.${r}`));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("queue.title")}
        description={t("queue.hint")}
        actions={
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/quality/report" variant="secondary">
              {t("report.title")}
            </ButtonLink>
            <DrawSamplesButton />
          </div>
        }
      />
      <Section title={t("queue.open")} flush>
        {queue.rows.length === 0 ? (
          <EmptyState>{t("queue.empty")}</EmptyState>
        ) : (
          <DataTable
            label={t("queue.open")}
            columns={[
              { id: "agent", header: t("agent"), nowrap: true },
              { id: "target", header: t("target") },
              { id: "reason", header: t("queue.why") },
              { id: "week", header: t("week"), nowrap: true },
              { id: "createdAt", header: t("queue.drawnAt"), format: "datetime" },
              { id: "score", header: <span className="sr-only">{t("queue.score")}</span> },
              { id: "calibrate", header: <span className="sr-only">{t("queue.calibrate")}</span> },
            ]}
            rows={queue.rows.map((s) => ({
              id: s.id,
              agent: s.agentName,
              target: <span>{te(`qaTarget.${s.target}`)}</span>,
              reason: (
                <span className="flex flex-wrap items-center gap-1">
                  {reason(s.reason)}
                  {s.calibration && <Badge tone="brand">{s.scorings > 0 ? t("queue.secondScorer") : t("queue.calibration")}</Badge>}
                </span>
              ),
              week: s.week,
              createdAt: s.createdAt,
              score: (
                <Link className="text-brand-700 underline" href={`/quality/samples/${s.id}`} aria-label={t("queue.scoreOf", { name: s.agentName, id: s.id })}>
                  {t("queue.score")}
                </Link>
              ),
              calibrate: !s.calibration && s.scorings === 0 ? <CalibrateButton sampleId={s.id} version={s.version} name={`${s.agentName} #${s.id}`} /> : <span />,
            }))}
            pager={{ next: queue.next ? `/quality?after=${queue.next}` : undefined, first: after ? "/quality" : undefined }}
          />
        )}
      </Section>
      <Section title={t("queue.recent")} flush>
        <DataTable
          label={t("queue.recent")}
          columns={[
            { id: "agent", header: t("agent"), nowrap: true },
            { id: "form", header: t("form") },
            { id: "evaluator", header: t("evaluator"), nowrap: true },
            { id: "scoredAt", header: t("scoredAt"), format: "datetime" },
            { id: "finalScore", header: t("finalScore"), format: "number" },
            { id: "state", header: t("state") },
          ]}
          rows={evaluations.rows.map((e) => ({
            id: e.id,
            agent: (
              <Link className="text-brand-700 underline" href={`/quality/evaluations/${e.id}`}>
                {e.agentName}
              </Link>
            ),
            form: locale === "en" ? e.formNameEn : e.formNameZh,
            evaluator: e.evaluatorName,
            scoredAt: e.scoredAt,
            finalScore: e.finalScore,
            state: (
              <span className="flex flex-wrap gap-1">
                {e.fatal && <Badge tone="bad">{t("fatal")}</Badge>}
                {e.calibration && <Badge tone="brand">{t("queue.calibration")}</Badge>}
                {e.disputeStatus && <Badge tone={e.disputeStatus === "OPEN" ? "warn" : "neutral"}>{te(`qaDisputeStatus.${e.disputeStatus}`)}</Badge>}
              </span>
            ),
          }))}
          empty={t("queue.noEvaluations")}
          pager={{ next: evaluations.next ? `/quality?evalAfter=${evaluations.next}` : undefined, first: evalAfter ? "/quality" : undefined }}
        />
      </Section>
    </div>
  );
});
