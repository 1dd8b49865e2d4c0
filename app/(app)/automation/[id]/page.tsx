import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
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

/** One rule: its definition, the simulation of the last 30 days, what its firings did, recent firings. */
export default page(async function RulePage({
  params: p,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActor();
  const id = ruleId.safeParse((await p).id);
  const { before } = params.parse(await searchParams);
  // A role without read access gets the 403 whatever the id (getRule checks it first); a bad id is a 404.
  const rule = await getRule(actor, id.success ? id.data : 0);
  const firings = await listRuleFirings(actor, rule.id, { beforeId: before ? BigInt(before) : undefined });
  return <RuleDetailView rule={rule} firings={firings} manage={can(actor, "automation:manage")} before={before} purpose="MARKETING" />;
});
