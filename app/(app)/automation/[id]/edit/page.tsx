import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getRule, getRuleFormOptions } from "@/lib/automation/rule-queries";
import { ruleId } from "@/lib/automation/schemas";
import { ButtonLink } from "@/components/ui/button";
import { Alert, PageHeader } from "@/components/ui/card";
import { RuleForm } from "@/components/automation/rule-form";
import { page } from "@/lib/shared/page";

/** Edit a draft or paused rule (an active one is paused first; an archived one stays as it was). */
export default page(async function EditRulePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  // The form's options first: a role that may not manage rules gets the 403 before any lookup.
  const options = await getRuleFormOptions(actor);
  const id = ruleId.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, rule] = await Promise.all([getTranslations("automation.form"), getRule(actor, id.data)]);
  const editable = rule.status === "DRAFT" || rule.status === "PAUSED";
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader
        title={t("editTitleOf", { name: rule.name })}
        description={t("editHint")}
        actions={
          <ButtonLink href={`/automation/${rule.id}`} variant="link" className="text-sm">
            {t("backToRule")}
          </ButtonLink>
        }
      />
      {editable ? (
        <RuleForm
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
