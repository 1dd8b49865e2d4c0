import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { getRule, listRuleFirings } from "@/lib/automation/rule-queries";
import { ruleId } from "@/lib/automation/schemas";
import { RuleDetailView } from "@/components/automation/rule-detail";
import { page } from "@/lib/shared/page";

const params = z.object({
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .catch(undefined),
});

/** One care rule (admins): the automation rule page on a rule of purpose CARE. */
export default page(async function CareRulePage({ params: p, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  assertCan(actor, "care:configure");
  const id = ruleId.safeParse((await p).id);
  const { before } = params.parse(await searchParams);
  const rule = await getRule(actor, id.success ? id.data : 0, "CARE");
  const firings = await listRuleFirings(actor, rule.id, { beforeId: before ? BigInt(before) : undefined, purpose: "CARE" });
  return <RuleDetailView rule={rule} firings={firings} manage before={before} purpose="CARE" />;
});
