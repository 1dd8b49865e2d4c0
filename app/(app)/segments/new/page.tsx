import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getSegmentOptions } from "@/lib/segments/queries";
import { PageHeader } from "@/components/ui/card";
import { RuleBuilder } from "@/components/segments/rule-builder";
import { page } from "@/lib/shared/page";

export default page(async function NewSegmentPage() {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) forbidden();
  const [t, options] = await Promise.all([getTranslations("segments"), getSegmentOptions(actor)]);
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader title={t("builder.title")} description={t("builder.hint")} />
      <RuleBuilder options={options} />
    </div>
  );
});
