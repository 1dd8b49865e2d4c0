import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getSegmentOptions } from "@/lib/segments/queries";
import { RuleBuilder } from "@/components/segments/rule-builder";

export default async function NewSegmentPage() {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) notFound();
  const t = await getTranslations("segments");
  const options = await getSegmentOptions(actor);
  return (
    <div className="max-w-5xl space-y-3">
      <h1 className="text-xl font-semibold">{t("builder.title")}</h1>
      <p className="text-sm text-slate-600">{t("builder.hint")}</p>
      <RuleBuilder options={options} />
    </div>
  );
}
