import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { page } from "@/lib/shared/page";
import { compareCampaignEvaluations, compareIds, listComparableCampaigns } from "@/lib/campaigns/evaluation-queries";
import { ComparePicker } from "@/components/campaigns/compare-picker";
import { CompareTable } from "@/components/campaigns/compare-table";
import { EmptyState, PageHeader } from "@/components/ui/card";

// Two to four campaigns side by side (issue 22), from their rollups; ?ids=1,2,3 in the URL.
// Ids that are not numbers are ignored; an unknown id answers 404.
export default page(async function CompareCampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const ids = compareIds.catch([]).parse((await searchParams).ids ?? []);
  const [t, options, evaluations] = await Promise.all([
    getTranslations("campaignEvaluation"),
    listComparableCampaigns(actor),
    ids.length >= 2 ? compareCampaignEvaluations(actor, ids) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("compareTitle")} />
      {options.length === 0 ? (
        <EmptyState>{t("compare.noCampaigns")}</EmptyState>
      ) : (
        <ComparePicker
          options={options.map((o) => ({ value: String(o.id), label: o.name }))}
          chosen={ids.map(String)}
          label={t("compare.choose")}
          hint={t("compare.chooseHint")}
          submit={t("compare.submit")}
        />
      )}
      {evaluations.length >= 2 ? <CompareTable evaluations={evaluations} /> : options.length > 0 && <EmptyState>{t("compare.needTwo")}</EmptyState>}
    </div>
  );
});
