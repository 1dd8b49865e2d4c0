import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getRule, getRuleFormOptions } from "@/lib/automation/rule-queries";
import { ruleId } from "@/lib/automation/schemas";
import { ButtonLink } from "@/components/ui/button";
import { Alert, PageHeader } from "@/components/ui/card";
import { RuleForm } from "@/components/automation/rule-form";
import { page } from "@/lib/shared/page";

/** Edit a draft or paused care rule (admins). */
export default page(async function EditCareRulePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const options = await getRuleFormOptions(actor, "CARE");
  const id = ruleId.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, rule] = await Promise.all([getTranslations("automation.form"), getRule(actor, id.data, "CARE")]);
  const editable = rule.status === "DRAFT" || rule.status === "PAUSED";
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader
        title={t("editTitleOf", { name: rule.name })}
        description={t("editHint")}
        actions={
          <ButtonLink href={`/admin/care/rules/${rule.id}`} variant="link" className="text-sm">
            {t("backToRule")}
          </ButtonLink>
        }
      />
      {editable ? (
        <RuleForm
          purpose="CARE"
          options={options}
          initial={{
            id: rule.id,
            version: rule.version,
            name: rule.name,
            trigger: rule.trigger,
            triggerParam: rule.triggerParam,
            segmentId: rule.conditions.segmentId ?? null,
            tiers: rule.conditions.tiers,
            action: rule.action,
            actionParams: rule.actionParams,
          }}
        />
      ) : (
        <Alert tone="warning">{t("notEditable")}</Alert>
      )}
    </div>
  );
});
