import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getRuleFormOptions } from "@/lib/automation/rule-queries";
import { PageHeader } from "@/components/ui/card";
import { RuleForm } from "@/components/automation/rule-form";
import { page } from "@/lib/shared/page";

export default page(async function NewRulePage() {
  const actor = await requireActor();
  const [t, options] = await Promise.all([getTranslations("automation.form"), getRuleFormOptions(actor)]);
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader title={t("newTitle")} description={t("newHint")} />
      <RuleForm options={options} />
    </div>
  );
});
