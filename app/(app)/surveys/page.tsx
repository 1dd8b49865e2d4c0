import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listSurveyTemplates } from "@/lib/surveys/queries";
import { getFilterOptions, getMetricTargets } from "@/lib/dashboards/queries";
import { loadSurveyPolicy } from "@/lib/surveys/commands";
import type { CsiDimensionDef } from "@/lib/surveys/rules";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/card";
import { CampaignForm } from "@/components/surveys/campaign-form";
import { TargetsForm } from "@/components/surveys/targets-form";
import { TemplateForm } from "@/components/surveys/template-form";
import { page } from "@/lib/shared/page";

export default page(async function SurveysPage() {
  const actor = await requireActor();
  if (!can(actor, "survey:read")) forbidden();
  const [t, locale, templates, policy, targets, filterOptions] = await Promise.all([
    getTranslations("surveys"),
    getLocale(),
    listSurveyTemplates(actor),
    loadSurveyPolicy(),
    getMetricTargets(),
    can(actor, "dashboard:read") ? getFilterOptions(actor) : null,
  ]);
  const zh = locale === "zh-CN";
  const rows = templates.map((x) => ({ ...x, dimensions: x.dimensions as unknown as CsiDimensionDef[] }));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        actions={
          <ButtonLink href="/surveys/messages" variant="link" className="text-sm">
            {t("messages.link")}
          </ButtonLink>
        }
      />
      <p className="text-sm text-slate-600">{t("policy", { delay: policy.csatDelayMin, from: policy.quietStartHour, to: policy.quietEndHour, days: policy.linkValidDays })}</p>

      {can(actor, "survey:send") && (
        <Section title={t("campaign.title")} id="campaign">
          <CampaignForm templates={rows.filter((x) => x.kind !== "CSAT" && x.isActive).map((x) => ({ value: x.id, label: `${zh ? x.nameZh : x.nameEn} (${x.kind})` }))} regions={filterOptions?.regions ?? []} />
          <p className="mt-2 text-xs text-slate-500">{t("campaign.note")}</p>
        </Section>
      )}

      <Section title={t("templates.title")} id="templates" flush>
        <div className="divide-y divide-slate-100">
          {rows.map((x) =>
            can(actor, "survey:manage") ? (
              <TemplateForm key={x.id} template={x} />
            ) : (
              <div key={x.id} className="p-3.5 text-sm">
                <p className="font-semibold">
                  {zh ? x.nameZh : x.nameEn} · {x.kind}
                </p>
                <p className="text-slate-600">{zh ? x.questionZh : x.questionEn}</p>
                {x.dimensions.length > 0 && <p className="text-xs text-slate-500">{x.dimensions.map((d) => `${zh ? d.labelZh : d.labelEn} × ${d.weight}`).join(" · ")}</p>}
              </div>
            ),
          )}
        </div>
      </Section>

      <Section title={t("targets.title")} id="targets">
        {can(actor, "settings:manage") ? (
          <TargetsForm targets={targets} />
        ) : (
          <p className="text-sm">{t("targets.summary", { issue: (targets.issueSatisfactionMin * 100).toFixed(0), complaint: (targets.complaintSatisfactionMin * 100).toFixed(0), aht: targets.averageHandlingHoursMax })}</p>
        )}
      </Section>
    </div>
  );
});
