import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getCampaignForEdit, getCampaignFormOptions } from "@/lib/campaigns/queries";
import { campaignId } from "@/lib/campaigns/schemas";
import { isEditable } from "@/lib/campaigns/workflow";
import { Alert, PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { campaignValues } from "@/components/campaigns/form-values";
import { page } from "@/lib/shared/page";

export default page(async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = campaignId.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, campaign, options] = await Promise.all([getTranslations("campaigns.form"), getCampaignForEdit(actor, id.data), getCampaignFormOptions(actor)]);
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader title={t("titleEdit")} description={campaign.name} />
      {isEditable(campaign.status) ? (
        <CampaignForm options={options} initial={campaignValues(campaign)} edit={{ id: campaign.id, version: campaign.version }} />
      ) : (
        <Alert tone="warning">
          {t("notEditable")}{" "}
          <ButtonLink href={`/campaigns/${campaign.id}`} variant="link">
            {t("backToCampaign")}
          </ButtonLink>
        </Alert>
      )}
    </div>
  );
});
