import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getChurnModelSummary, getValueSettings, listOfferRules } from "@/lib/scoring/queries";
import { listLatestValueJobs } from "@/lib/scoring/jobs";
import { ValueSettingsForm } from "@/components/value/settings-form";
import { JobRunner } from "@/components/value/job-runner";
import { OfferRuleForm } from "@/components/value/offer-rule-row";

export default async function ValueAdminPage() {
  const actor = await requireActor();
  if (!can(actor, "value:manage")) notFound();
  const t = await getTranslations("value");
  const format = await getFormatter();
  const [settings, model, jobs, offers] = await Promise.all([getValueSettings(actor), getChurnModelSummary(actor), listLatestValueJobs(actor), listOfferRules(actor)]);
  const when = (d: Date | null | undefined) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("admin.title")}</h1>
      <section className="card" aria-labelledby="settings-h">
        <h2 id="settings-h" className="card-title">
          {t("admin.settings")}
        </h2>
        <ValueSettingsForm settings={settings} />
      </section>
      <section className="card" aria-labelledby="rescore-h">
        <h2 id="rescore-h" className="card-title">
          {t("admin.rescore")}
        </h2>
        <div className="space-y-2 p-3 text-sm">
          <p className="text-slate-600">{t("admin.rescoreHint", { last: when(jobs.RESCORE?.finishedAt) })}</p>
          <JobRunner kind="RESCORE" label={t("admin.recalculate")} initial={jobs.RESCORE ?? null} />
        </div>
      </section>
      <section className="card" aria-labelledby="churn-h">
        <h2 id="churn-h" className="card-title">
          {t("admin.churnModel")}
        </h2>
        <div className="space-y-3 p-3 text-sm">
          {model ? (
            <dl className="grid max-w-3xl grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
              <dt className="text-slate-500">{t("admin.trainedAt")}</dt>
              <dd className="tabular-nums">{when(model.trainedAt)}</dd>
              <dt className="text-slate-500">{t("admin.holdoutAuc")}</dt>
              <dd className="tabular-nums font-medium">{model.holdoutAuc.toFixed(3)}</dd>
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
            <table className="data max-w-2xl">
              <caption className="py-1 text-left text-slate-500">{t("admin.coefficients")}</caption>
              <thead>
                <tr>
                  <th>{t("admin.feature")}</th>
                  <th className="num">{t("admin.weightStd")}</th>
                  <th className="num">{t("admin.weightRaw")}</th>
                  <th className="num">{t("admin.mean")}</th>
                </tr>
              </thead>
              <tbody>
                {model.featureNames.map((f, i) => (
                  <tr key={f}>
                    <td>{t(`feature.${f}`)}</td>
                    <td className={`num ${model.weights[i] > 0 ? "text-bad" : "text-ok"}`}>{model.weights[i].toFixed(3)}</td>
                    <td className="num">{model.rawWeights[i].toFixed(4)}</td>
                    <td className="num">{model.mean[i].toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
      <section className="card" aria-labelledby="offers-h">
        <h2 id="offers-h" className="card-title">
          {t("offers.title")}
        </h2>
        <p className="px-3 pt-2 text-sm text-slate-600">{t("offers.hint")}</p>
        {offers.map((o) => (
          <OfferRuleForm key={`${o.id}-${o.version}`} rule={o} />
        ))}
      </section>
    </div>
  );
}
