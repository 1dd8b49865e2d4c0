import { getTranslations } from "next-intl/server";
import type { RuleDetail, RuleFormOptions } from "@/lib/automation/rule-queries";
import type { AutomationPurposeName } from "@/lib/automation/schemas";
import { ButtonLink } from "@/components/ui/button";
import { Alert, PageHeader } from "@/components/ui/card";
import { RuleForm } from "@/components/automation/rule-form";
import { RULE_BASE } from "@/components/automation/rule-detail";

/** Editing a rule, marketing or care: the form for a draft or paused rule, else why it cannot be edited. */
export async function RuleEditView({ rule, options, purpose }: { rule: RuleDetail; options: RuleFormOptions; purpose: AutomationPurposeName }) {
  const t = await getTranslations("automation.form");
  const editable = rule.status === "DRAFT" || rule.status === "PAUSED";
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader
        title={t("editTitleOf", { name: rule.name })}
        description={t("editHint")}
        actions={
          <ButtonLink href={`${RULE_BASE[purpose].rule}/${rule.id}`} variant="link" className="text-sm">
            {t("backToRule")}
          </ButtonLink>
        }
      />
      {editable ? (
        <RuleForm
          options={options}
          purpose={purpose}
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
}
