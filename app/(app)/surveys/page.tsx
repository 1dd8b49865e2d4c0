import { notFound } from "next/navigation";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listSurveyTemplates } from "@/lib/surveys/queries";
import { getFilterOptions, getMetricTargets } from "@/lib/dashboards/queries";
import { loadSurveyPolicy } from "@/lib/surveys/commands";
import type { CsiDimensionDef } from "@/lib/surveys/rules";
import { sendSurveyCampaignAction, updateMetricTargetsAction, updateSurveyTemplateAction } from "./actions";

const feedback = z.object({
  sent: z.coerce.number().int().min(0).optional().catch(undefined),
  saved: z.literal("1").optional().catch(undefined),
  error: z.enum(["validation", "forbidden", "conflict", "notFound", "generic", "surveys.errors.quietHours"]).optional().catch(undefined),
});

export default async function SurveysPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "survey:read")) notFound();
  const fb = feedback.parse(await searchParams);
  const t = await getTranslations("surveys");
  const te = await getTranslations();
  const zh = (await getLocale()) === "zh-CN";
  const [templates, policy, targets] = await Promise.all([listSurveyTemplates(actor), loadSurveyPolicy(), getMetricTargets()]);
  const regions = can(actor, "dashboard:read") ? (await getFilterOptions(actor)).regions : [];
  const isAdmin = can(actor, "survey:manage");
  const field = "block w-full rounded border border-slate-300 px-2 py-1 text-sm";
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <Link href="/surveys/messages" className="ml-auto text-sm text-brand-700 underline">
          {t("messages.link")}
        </Link>
      </div>
      {fb.sent !== undefined && (
        <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">
          {t("sent", { n: fb.sent })}
        </p>
      )}
      {fb.saved && (
        <p role="status" className="rounded bg-emerald-50 p-2 text-sm text-emerald-800">
          {t("saved")}
        </p>
      )}
      {fb.error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {fb.error === "surveys.errors.quietHours" ? t("errors.quietHours") : te(`errors.${fb.error}`)}
        </p>
      )}
      <p className="text-sm text-slate-600">{t("policy", { delay: policy.csatDelayMin, from: policy.quietStartHour, to: policy.quietEndHour, days: policy.linkValidDays })}</p>

      {can(actor, "survey:send") && (
        <section className="card" aria-labelledby="campaign-h">
          <h2 id="campaign-h" className="card-title">
            {t("campaign.title")}
          </h2>
          <form action={sendSurveyCampaignAction} className="flex flex-wrap items-end gap-3 p-3">
            <label className="text-sm">
              {t("campaign.template")}
              <select name="templateId" className={field} required>
                {templates
                  .filter((x) => x.kind !== "CSAT" && x.isActive)
                  .map((x) => (
                    <option key={x.id} value={x.id}>
                      {zh ? x.nameZh : x.nameEn} ({x.kind})
                    </option>
                  ))}
              </select>
            </label>
            <label className="text-sm">
              {t("campaign.region")}
              <select name="city" className={field}>
                <option value="">{t("campaign.allActive")}</option>
                {regions.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              {t("campaign.limit")}
              <input type="number" name="limit" min={1} className={field} />
            </label>
            <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">
              {t("campaign.send")}
            </button>
          </form>
          <p className="px-3 pb-3 text-xs text-slate-500">{t("campaign.note")}</p>
        </section>
      )}

      <section className="card" aria-labelledby="templates-h">
        <h2 id="templates-h" className="card-title">
          {t("templates.title")}
        </h2>
        <div className="divide-y divide-slate-100">
          {templates.map((x) => {
            const dims = x.dimensions as unknown as CsiDimensionDef[];
            return isAdmin ? (
              <form key={x.id} action={updateSurveyTemplateAction} className="grid gap-2 p-3 md:grid-cols-2" aria-label={zh ? x.nameZh : x.nameEn}>
                <input type="hidden" name="id" value={x.id} />
                <input type="hidden" name="version" value={x.version} />
                <input type="hidden" name="dimensionsJson" value={JSON.stringify(dims)} />
                <p className="md:col-span-2 text-sm font-semibold">
                  {x.code} · {x.kind}
                </p>
                <label className="text-sm">
                  {t("templates.nameZh")}
                  <input name="nameZh" defaultValue={x.nameZh} className={field} />
                </label>
                <label className="text-sm">
                  {t("templates.nameEn")}
                  <input name="nameEn" defaultValue={x.nameEn} className={field} />
                </label>
                <label className="text-sm">
                  {t("templates.questionZh")}
                  <input name="questionZh" defaultValue={x.questionZh} className={field} />
                </label>
                <label className="text-sm">
                  {t("templates.questionEn")}
                  <input name="questionEn" defaultValue={x.questionEn} className={field} />
                </label>
                {dims.map((d) => (
                  <label key={d.code} className="text-sm">
                    {t("templates.weight", { name: zh ? d.labelZh : d.labelEn })}
                    <input type="number" step="0.1" min={0} name={`weight_${d.code}`} defaultValue={d.weight} className={field} />
                  </label>
                ))}
                <div className="flex items-center gap-4 text-sm md:col-span-2">
                  <label className="flex items-center gap-1">
                    <input type="checkbox" name="allowComment" defaultChecked={x.allowComment} /> {t("templates.allowComment")}
                  </label>
                  <label className="flex items-center gap-1">
                    <input type="checkbox" name="isActive" defaultChecked={x.isActive} /> {t("templates.active")}
                  </label>
                  <button type="submit" className="ml-auto rounded border border-slate-300 px-3 py-1 text-sm" aria-label={t("templates.saveNamed", { name: x.code })}>
                    {t("templates.save")}
                  </button>
                </div>
              </form>
            ) : (
              <div key={x.id} className="p-3 text-sm">
                <p className="font-semibold">
                  {zh ? x.nameZh : x.nameEn} · {x.kind}
                </p>
                <p className="text-slate-600">{zh ? x.questionZh : x.questionEn}</p>
                {dims.length > 0 && <p className="text-xs text-slate-500">{dims.map((d) => `${zh ? d.labelZh : d.labelEn} × ${d.weight}`).join(" · ")}</p>}
              </div>
            );
          })}
        </div>
      </section>

      <section className="card" aria-labelledby="targets-h">
        <h2 id="targets-h" className="card-title">
          {t("targets.title")}
        </h2>
        {can(actor, "settings:manage") ? (
          <form action={updateMetricTargetsAction} className="flex flex-wrap items-end gap-3 p-3">
            <input type="hidden" name="version" value={targets.version} />
            <label className="text-sm">
              {t("targets.issue")}
              <input type="number" step="0.1" min={0} max={100} name="issueSatisfactionMin" defaultValue={targets.issueSatisfactionMin * 100} className={field} />
            </label>
            <label className="text-sm">
              {t("targets.complaint")}
              <input type="number" step="0.1" min={0} max={100} name="complaintSatisfactionMin" defaultValue={targets.complaintSatisfactionMin * 100} className={field} />
            </label>
            <label className="text-sm">
              {t("targets.aht")}
              <input type="number" step="0.5" min={0} name="averageHandlingHoursMax" defaultValue={targets.averageHandlingHoursMax} className={field} />
            </label>
            <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">
              {t("targets.save")}
            </button>
          </form>
        ) : (
          <p className="p-3 text-sm">
            {t("targets.summary", { issue: (targets.issueSatisfactionMin * 100).toFixed(0), complaint: (targets.complaintSatisfactionMin * 100).toFixed(0), aht: targets.averageHandlingHoursMax })}
          </p>
        )}
      </section>
    </div>
  );
}
