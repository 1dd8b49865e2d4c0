import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { getSampleForScoring } from "@/lib/quality/queries";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/card";
import { ScoreForm } from "@/components/quality/score-form";
import { page } from "@/lib/shared/page";

const idParam = z.coerce.number().int().positive().max(2_147_483_647);

/** Scoring one sample (issue 24): what was sampled, then the form's items by section; blind for calibration. */
export default page(async function ScoreSamplePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, te, locale, format, data] = await Promise.all([getTranslations("quality"), getTranslations("enums"), getLocale(), getFormatter(), getSampleForScoring(actor, id.data)]);
  const { sample, form, items, target } = data;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("score.titleOf", { name: sample.agentName })}
        description={`${locale === "en" ? form.nameEn : form.nameZh} · ${t("week")} ${sample.week}`}
        actions={
          <Link href="/quality" className="text-sm text-brand-700 underline">
            {t("queue.back")}
          </Link>
        }
      />
      {sample.calibration && <Alert tone="info">{sample.scorings > 0 ? t("score.blindSecond") : t("score.blindFirst")}</Alert>}
      {sample.status !== "OPEN" || sample.mine ? (
        <Alert tone="warning">{t("score.notOpen")}</Alert>
      ) : (
        <>
          <Card>
            <h2 className="mb-2 text-sm font-semibold">{t("score.sampled")}</h2>
            {target ? (
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm md:grid-cols-4">
                <dt className="text-slate-500">{t("target")}</dt>
                <dd>
                  <Badge>{te(`qaTarget.${target.kind}`)}</Badge>{" "}
                  {target.kind === "COMPLAINT" ? (
                    <Link className="text-brand-700 underline" href={`/complaints/${sample.refId}`}>
                      {target.label}
                    </Link>
                  ) : (
                    te(`channel.${target.label}`)
                  )}
                </dd>
                <dt className="text-slate-500">{t("score.when")}</dt>
                <dd>{format.dateTime(target.at, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" })}</dd>
                {target.durationSec !== null && (
                  <>
                    <dt className="text-slate-500">{t("score.duration")}</dt>
                    <dd className="tabular-nums">{t("score.minutes", { m: Math.round(target.durationSec / 6) / 10 })}</dd>
                  </>
                )}
                {target.disposition && (
                  <>
                    <dt className="text-slate-500">{t("score.disposition")}</dt>
                    <dd>{te(`disposition.${target.disposition}`)}</dd>
                  </>
                )}
                <dt className="text-slate-500">{t("score.customer")}</dt>
                <dd>
                  <Link className="text-brand-700 underline" href={`/customers/${target.customerId}`}>
                    {t("score.openCustomer")}
                  </Link>
                </dd>
                {target.notes && (
                  <>
                    <dt className="col-span-2 text-slate-500 md:col-span-4">{t("score.notes")}</dt>
                    <dd className="col-span-2 break-words whitespace-pre-wrap md:col-span-4">{target.notes}</dd>
                  </>
                )}
              </dl>
            ) : (
              <p className="text-sm text-slate-600">{t("score.targetGone")}</p>
            )}
          </Card>
          {items.length === 0 ? <Alert tone="warning">{t("score.noItems")}</Alert> : <ScoreForm sampleId={sample.id} version={sample.version} items={items} passScore={form.passScore} />}
        </>
      )}
    </div>
  );
});
