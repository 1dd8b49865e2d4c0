import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getCampaignFormOptions } from "@/lib/campaigns/queries";
import { PageHeader } from "@/components/ui/card";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { newCampaignValues } from "@/components/campaigns/form-values";
import { page } from "@/lib/shared/page";

export default page(async function NewCampaignPage() {
  const actor = await requireActor();
  const [t, options] = await Promise.all([getTranslations("campaigns.form"), getCampaignFormOptions(actor)]);
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader title={t("titleNew")} description={t("hint")} />
      <CampaignForm options={options} initial={newCampaignValues()} />
    </div>
  );
});
