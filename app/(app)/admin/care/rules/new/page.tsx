import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getRuleFormOptions } from "@/lib/automation/rule-queries";
import { PageHeader } from "@/components/ui/card";
import { RuleForm } from "@/components/automation/rule-form";
import { page } from "@/lib/shared/page";

/** A new care rule (admins): the automation rule form with the care actions. */
export default page(async function NewCareRulePage() {
  const actor = await requireActor();
  const [t, options] = await Promise.all([getTranslations("care.admin"), getRuleFormOptions(actor, "CARE")]);
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader title={t("newRuleTitle")} description={t("newRuleHint")} />
      <RuleForm options={options} purpose="CARE" />
    </div>
  );
});
