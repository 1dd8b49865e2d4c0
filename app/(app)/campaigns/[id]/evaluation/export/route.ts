import { getTranslations } from "next-intl/server";
import { z } from "zod";
import type { Translate } from "@/lib/i18n/translate";
import { csvResponse, route } from "@/lib/shared/route";
import { campaignIdParam } from "@/lib/campaigns/evaluation-queries";
import { exportCampaignEvaluationCsv } from "@/lib/campaigns/evaluation-export";

export const dynamic = "force-dynamic";

// CSV of a campaign's evaluation (the page's numbers) in the reader's language; audited in lib.
export const GET = route({ permission: "campaign:read", params: z.object({ id: campaignIdParam }) }, async ({ actor, params }) => {
  const t = (await getTranslations()) as unknown as Translate;
  const { filename, csv } = await exportCampaignEvaluationCsv(actor, params.id, t);
  return csvResponse(csv, filename);
});
