// A stored rule read back (pure, browser-safe): its definition parsed through the schema that wrote
// it, and the channels its action contacts customers on.
import type { CampaignChannelName } from "@/lib/marketing/schemas";
import { ruleDefinition, type RuleDefinition, type SendMessageParams } from "@/lib/automation/schemas";

/** A stored rule's definition, parsed (rows are written through the same schema; a bad row is null). */
export function parseStoredRule(r: {
  name: string;
  trigger: string;
  triggerParam: number;
  conditions: unknown;
  action: string;
  actionParams: unknown;
}): RuleDefinition | null {
  const parsed = ruleDefinition.safeParse({
    name: r.name,
    trigger: r.trigger,
    triggerParam: r.triggerParam,
    conditions: r.conditions,
    action: r.action,
    actionParams: r.actionParams,
  });
  return parsed.success ? parsed.data : null;
}

/**
 * What a simulation depends on, as a stable string: trigger, parameter, conditions and action (not
 * the name, not the status). A simulation is current while its key equals the rule's: pausing and
 * activating again needs no new one, an edit of what the rule does does.
 */
export function definitionKey(def: RuleDefinition): string {
  const sorted = (o: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  return JSON.stringify([
    def.trigger,
    def.triggerParam,
    def.conditions.segmentId ?? null,
    [...def.conditions.tiers].sort(),
    def.action,
    sorted(def.actionParams as Record<string, unknown>),
  ]);
}

/** The channels the rule's action contacts on (ENROL_CAMPAIGN: the campaign's). */
export function actionChannels(def: RuleDefinition, campaignChannels: readonly CampaignChannelName[] = []): CampaignChannelName[] {
  if (def.action === "CALL_TASK" || def.action === "CARE_TASK") return ["OUTBOUND_CALL"];
  // Points are a gift, not a contact: no channel (only churned customers are left out).
  if (def.action === "GRANT_POINTS") return [];
  if (def.action === "SEND_MESSAGE") return [(def.actionParams as SendMessageParams).channel];
  return [...campaignChannels];
}
