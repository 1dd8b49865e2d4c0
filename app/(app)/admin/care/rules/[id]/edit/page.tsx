import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { getRule, getRuleFormOptions } from "@/lib/automation/rule-queries";
import { ruleId } from "@/lib/automation/schemas";
import { RuleEditView } from "@/components/automation/rule-edit";
import { page } from "@/lib/shared/page";

/** Edit a draft or paused care rule (admins). */
export default page(async function EditCareRulePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  // The form's options first: a role that may not manage care rules gets the 403 before any lookup.
  const options = await getRuleFormOptions(actor, "CARE");
  const id = ruleId.safeParse((await params).id);
  if (!id.success) notFound();
  return <RuleEditView rule={await getRule(actor, id.data, "CARE")} options={options} purpose="CARE" />;
});
