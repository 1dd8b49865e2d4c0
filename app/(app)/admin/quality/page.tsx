import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listForms, listNorms, listSamplingRules } from "@/lib/quality/queries";
import { loadQualitySettings } from "@/lib/quality/config-commands";
import { Badge, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { NormDialog, QaFormDialog, QualitySettingsForm, RuleDialog } from "@/components/quality/quality-admin";
import { page } from "@/lib/shared/page";

/**
 * Quality inspection's configuration (issue 24), for admins (quality:configure): the service norms
 * (语言规范 / 行为规范) the forms score against, the QA forms (open one for its items), the sampling
 * rules the daily job runs, and the dispute window.
 */
export default page(async function QualityAdminPage() {
  const actor = await requireActor();
  const [t, te, locale, norms, forms, rules, settings] = await Promise.all([
    getTranslations("quality.admin"),
    getTranslations("enums"),
    getLocale(),
    listNorms(actor),
    listForms(actor),
    listSamplingRules(actor),
    loadQualitySettings(),
  ]);
  const en = locale === "en";
  const formName = new Map(forms.map((f) => [f.id, en ? f.nameEn : f.nameZh]));
  const active = (on: boolean) => <Badge tone={on ? "ok" : "paused"}>{on ? t("isActive") : t("inactive")}</Badge>;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("hint")} />
      <Section title={t("forms")} description={t("formsHint")} actions={<QaFormDialog label={t("newForm")} />} flush>
        <DataTable
          label={t("forms")}
          columns={[
            { id: "name", header: t("formName") },
            { id: "target", header: t("target") },
            { id: "items", header: t("items"), format: "integer" },
            { id: "passScore", header: t("passScore"), format: "integer" },
            { id: "active", header: t("active") },
          ]}
          rows={forms.map((f) => ({
            id: f.id,
            name: (
              <Link className="text-brand-700 underline" href={`/admin/quality/forms/${f.id}`}>
                {en ? f.nameEn : f.nameZh}
              </Link>
            ),
            target: <span>{te(`qaTarget.${f.target}`)}</span>,
            items: f.items,
            passScore: f.passScore,
            active: active(f.isActive),
          }))}
          empty={t("noForms")}
        />
      </Section>
      <Section title={t("rules")} description={t("rulesHint")} actions={forms.length > 0 && <RuleDialog label={t("newRule")} forms={forms} locale={locale} />} flush>
        <DataTable
          label={t("rules")}
          columns={[
            { id: "kind", header: t("ruleKind") },
            { id: "param", header: t("param"), format: "integer" },
            { id: "form", header: t("form") },
            { id: "active", header: t("active") },
            { id: "edit", header: <span className="sr-only">{t("edit")}</span> },
          ]}
          rows={rules.map((r) => ({
            id: r.id,
            kind: <span>{te(`qaSamplingKind.${r.kind}`)}</span>,
            param: r.param,
            form: formName.get(r.formId) ?? "—",
            active: active(r.isActive),
            edit: <RuleDialog rule={r} forms={forms} label={t("edit")} locale={locale} />,
          }))}
          empty={t("noRules")}
        />
      </Section>
      <Section title={t("norms")} description={t("normsHint")} actions={<NormDialog label={t("newNorm")} />} flush>
        <DataTable
          label={t("norms")}
          columns={[
            { id: "kind", header: t("kind"), nowrap: true },
            { id: "code", header: t("code"), format: "code" },
            { id: "title", header: t("normTitle") },
            { id: "description", header: t("description") },
            { id: "active", header: t("active") },
            { id: "edit", header: <span className="sr-only">{t("edit")}</span> },
          ]}
          rows={norms.map((n) => ({
            id: n.id,
            kind: <span>{te(`serviceNormKind.${n.kind}`)}</span>,
            code: n.code,
            title: en ? n.titleEn : n.titleZh,
            description: <span className="line-clamp-2">{en ? n.descriptionEn : n.descriptionZh}</span>,
            active: active(n.isActive),
            edit: <NormDialog norm={n} label={t("edit")} />,
          }))}
          empty={t("noNorms")}
        />
      </Section>
      <Section title={t("settings")}>
        <QualitySettingsForm disputeWindowDays={settings.disputeWindowDays} />
      </Section>
    </div>
  );
});
