import { forbidden } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getChurnModelSummary, getValueSettings, listOfferRules } from "@/lib/scoring/queries";
import { listLatestValueJobs } from "@/lib/scoring/jobs";
import { PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ValueSettingsForm } from "@/components/value/settings-form";
import { JobRunner } from "@/components/value/job-runner";
import { OfferRuleForm } from "@/components/value/offer-rule-row";
import { page } from "@/lib/shared/page";

export default page(async function ValueAdminPage() {
  const actor = await requireActor();
  if (!can(actor, "value:manage")) forbidden();
  const t = await getTranslations("value");
  const format = await getFormatter();
  const [settings, model, jobs, offers] = await Promise.all([getValueSettings(actor), getChurnModelSummary(actor), listLatestValueJobs(actor), listOfferRules(actor)]);
  const when = (d: Date | null | undefined) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <div className="space-y-4">
      <PageHeader title={t("admin.title")} />
      <Section id="settings" title={t("admin.settings")}>
        <ValueSettingsForm settings={settings} />
      </Section>
      <Section id="rescore" title={t("admin.rescore")}>
        <div className="space-y-2 text-sm">
          <p className="text-slate-600">{t("admin.rescoreHint", { last: when(jobs.RESCORE?.finishedAt) })}</p>
          <JobRunner kind="RESCORE" label={t("admin.recalculate")} initial={jobs.RESCORE ?? null} />
        </div>
      </Section>
      <Section id="churn" title={t("admin.churnModel")}>
        <div className="space-y-3 text-sm">
          {model ? (
            <dl className="grid max-w-3xl grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
              <dt className="text-slate-500">{t("admin.trainedAt")}</dt>
              <dd className="tabular-nums">{when(model.trainedAt)}</dd>
              <dt className="text-slate-500">{t("admin.holdoutAuc")}</dt>
              <dd className="font-medium tabular-nums">{model.holdoutAuc.toFixed(3)}</dd>
              <dt className="text-slate-500">{t("admin.trainSize")}</dt>
              <dd className="tabular-nums">{t("admin.sample", { n: model.trainSize, churners: model.trainChurners })}</dd>
              <dt className="text-slate-500">{t("admin.testSize")}</dt>
              <dd className="tabular-nums">{t("admin.sample", { n: model.testSize, churners: model.testChurners })}</dd>
            </dl>
          ) : (
            <p className="text-slate-600">{t("admin.noModel")}</p>
          )}
          <JobRunner kind="CHURN_TRAIN" label={t("admin.retrain")} initial={jobs.CHURN_TRAIN ?? null} />
          {model && (
            <div className="max-w-2xl">
              <p className="py-1 text-slate-500">{t("admin.coefficients")}</p>
              <DataTable
                label={t("admin.coefficients")}
                columns={[
                  { id: "feature", header: t("admin.feature") },
                  { id: "weight", header: t("admin.weightStd"), align: "right" },
                  { id: "raw", header: t("admin.weightRaw"), align: "right" },
                  { id: "mean", header: t("admin.mean"), align: "right" },
                ]}
                rows={model.featureNames.map((f, i) => ({
                  id: f,
                  feature: t(`feature.${f}`),
                  weight: <span className={model.weights[i] > 0 ? "text-bad" : "text-ok"}>{model.weights[i].toFixed(3)}</span>,
                  raw: model.rawWeights[i].toFixed(4),
                  mean: model.mean[i].toFixed(2),
                }))}
              />
            </div>
          )}
        </div>
      </Section>
      <Section id="offers" title={t("offers.title")} description={t("offers.hint")} flush>
        {offers.map((o) => (
          <OfferRuleForm key={`${o.id}-${o.version}`} rule={o} />
        ))}
      </Section>
    </div>
  );
});
