import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getSegment, getSegmentOptions } from "@/lib/segments/queries";
import { segmentId, segmentRules } from "@/lib/segments/rules";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { RuleBuilder } from "@/components/segments/rule-builder";
import { page } from "@/lib/shared/page";

/** Edit a saved segment's rules, name and description (a segment saved from a cluster has no rules: 404). */
export default page(async function EditSegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) forbidden();
  const id = segmentId.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, segment, options] = await Promise.all([getTranslations("segments"), getSegment(actor, id.data), getSegmentOptions(actor)]);
  const rules = segmentRules.safeParse(segment.definition);
  if (!rules.success) notFound();
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader
        title={`${t("builder.editTitle")}: ${segment.name}`}
        description={t("builder.editHint")}
        actions={
          <ButtonLink href={`/segments/${segment.id}`} variant="link" className="text-sm">
            {t("builder.backToSegment")}
          </ButtonLink>
        }
      />
      <RuleBuilder
        options={options}
        initial={{ id: segment.id, version: segment.version, name: segment.name, description: segment.description ?? "", kind: segment.kind, rules: rules.data }}
      />
    </div>
  );
});
