import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { page } from "@/lib/shared/page";
import { campaignIdParam, getCampaignEvaluation } from "@/lib/campaigns/evaluation-queries";
import { EvaluationView } from "@/components/campaigns/evaluation-view";

// A campaign's evaluation (issue 22): read from the rollups only; campaign:read (supervisors,
// managers, admins). Stands on its own (its header reads the campaign through the same query).
export default page(async function CampaignEvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = campaignIdParam.safeParse((await params).id);
  if (!id.success) notFound();
  const evaluation = await getCampaignEvaluation(actor, id.data);
  return <EvaluationView e={evaluation} />;
});
