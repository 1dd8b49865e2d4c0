import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { getEvaluation } from "@/lib/quality/queries";
import { markEvaluationSeen } from "@/lib/quality/evaluation-commands";
import { Alert, Badge, Card, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Stat } from "@/components/ui/stat";
import { DecideForm, DisputeForm } from "@/components/quality/quality-controls";
import { page } from "@/lib/shared/page";

const idParam = z.coerce.number().int().positive().max(2_147_483_647);

/**
 * One evaluation (issue 24): the items as scored (with the form as it was then), the comments, the
 * dispute. The judged agent's first visit marks it seen; they may dispute it once within the window;
 * a manager who did not score it decides an open dispute.
 */
export default page(async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, te, locale, format, d] = await Promise.all([getTranslations("quality"), getTranslations("enums"), getLocale(), getFormatter(), getEvaluation(actor, id.data)]);
  const e = d.evaluation;
  if (e.agentId === actor.id && !e.seenAt && !e.calibration) await markEvaluationSeen(actor, { evaluationId: e.id });
  const when = (at: Date) => format.dateTime(at, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-4">
      <PageHeader title={t("evaluation.titleOf", { name: e.agentName })} description={`${locale === "en" ? e.formNameEn : e.formNameZh} · ${t("evaluation.by", { name: e.evaluatorName, at: when(e.scoredAt) })}`} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={t("score.result")} value={format.number(e.score, { minimumFractionDigits: 2 })} />
        <Stat label={t("finalScore")} value={format.number(e.finalScore, { minimumFractionDigits: 2 })} hint={t("evaluation.pass", { pass: e.passScore })} />
      </div>
      <div className="flex flex-wrap gap-2">
        {e.fatal && <Badge tone="bad">{t("score.fatalFailed")}</Badge>}
        {e.calibration && <Badge tone="brand">{t("queue.calibration")}</Badge>}
        {e.disputeStatus && <Badge tone={e.disputeStatus === "OPEN" ? "warn" : "neutral"}>{te(`qaDisputeStatus.${e.disputeStatus}`)}</Badge>}
      </div>
      <Section title={t("evaluation.items")} flush>
        <DataTable
          label={t("evaluation.items")}
          columns={[
            { id: "section", header: t("section"), nowrap: true },
            { id: "item", header: t("item") },
            { id: "points", header: t("points"), align: "right", nowrap: true },
            { id: "comment", header: t("score.itemComment") },
          ]}
          rows={d.items.map((i) => ({
            id: i.id,
            section: <span>{te(`qaSection.${i.section}`)}</span>,
            item: (
              <span>
                {locale === "en" ? i.labelEn : i.labelZh}
                {i.isFatal && (
                  <Badge tone="bad" className="ml-1">
                    {t("fatal")}
                  </Badge>
                )}
              </span>
            ),
            points: <span className="tabular-nums">{i.isFatal ? (i.passed ? t("score.pass") : t("score.fail")) : `${i.points} / ${i.maxPoints}`}</span>,
            comment: <span className="break-words">{i.comment}</span>,
          }))}
          empty={t("evaluation.noItems")}
        />
      </Section>
      {e.comment && (
        <Card>
          <h2 className="mb-1 text-sm font-semibold">{t("score.comment")}</h2>
          <p className="text-sm break-words whitespace-pre-wrap">{e.comment}</p>
        </Card>
      )}
      {d.dispute ? (
        <Section title={t("dispute.title")}>
          <dl className="grid grid-cols-1 gap-1 text-sm md:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">{t("dispute.reason")}</dt>
            <dd className="break-words whitespace-pre-wrap">{d.dispute.reason}</dd>
            <dt className="text-slate-500">{t("dispute.opened")}</dt>
            <dd>{when(d.dispute.createdAt)}</dd>
            <dt className="text-slate-500">{t("state")}</dt>
            <dd>{te(`qaDisputeStatus.${d.dispute.status}`)}</dd>
            {d.dispute.decidedAt && (
              <>
                <dt className="text-slate-500">{t("decide.decidedBy")}</dt>
                <dd>
                  {d.dispute.decidedByName} · {when(d.dispute.decidedAt)}
                </dd>
                <dt className="text-slate-500">{t("decide.note")}</dt>
                <dd className="break-words whitespace-pre-wrap">{d.dispute.decisionNote}</dd>
                {d.dispute.newScore !== null && (
                  <>
                    <dt className="text-slate-500">{t("decide.newScore")}</dt>
                    <dd className="tabular-nums">{format.number(d.dispute.newScore, { minimumFractionDigits: 2 })}</dd>
                  </>
                )}
              </>
            )}
          </dl>
          {d.mayDecide && (
            <div className="mt-4 border-t border-slate-200 pt-3">
              <DecideForm disputeId={d.dispute.id} version={d.dispute.version} score={e.score} />
            </div>
          )}
        </Section>
      ) : e.disputable ? (
        <Section title={t("dispute.title")}>
          <DisputeForm evaluationId={e.id} version={e.version} until={when(e.disputeUntil)} />
        </Section>
      ) : (
        e.agentId === actor.id && !e.calibration && <Alert tone="info">{t("dispute.closed")}</Alert>
      )}
    </div>
  );
});
