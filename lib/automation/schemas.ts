import { z } from "zod";
import { MESSAGE_CHANNELS } from "@/lib/marketing/schemas";
import { unknownPlaceholders } from "@/lib/marketing/template";

// Marketing automation rules (issue 22, docs/campaigns.md "Automation rules"): trigger → conditions
// → action. Browser-safe: the rule form and the server share these. Triggers and actions are
// tables, so the care rules of the next issue (festivals, special care…) add a row here and a SQL
// builder in lib/automation/triggers.ts, and nothing else changes.

export const AUTOMATION_TRIGGERS = ["CHURN_HIGH", "CONTRACT_ENDING", "DATA_USAGE_HIGH", "DETRACTOR_CLOSED", "NEW_SUBSCRIBER", "BIRTHDAY"] as const;
export type AutomationTriggerName = (typeof AUTOMATION_TRIGGERS)[number];
export const AUTOMATION_ACTIONS = ["CALL_TASK", "SEND_MESSAGE", "ENROL_CAMPAIGN"] as const;
export type AutomationActionName = (typeof AUTOMATION_ACTIONS)[number];
export const AUTOMATION_STATUSES = ["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED"] as const;
export type AutomationStatusName = (typeof AUTOMATION_STATUSES)[number];
export const VALUE_TIERS = ["DIAMOND", "GOLD", "SILVER", "STANDARD"] as const;

/** The trigger's parameter: its unit (a message key under automation.param), bounds and default; null = none. */
export interface TriggerParamDef {
  unit: "days" | "percent" | "dayNumber";
  min: number;
  max: number;
  default: number;
}

/** Every trigger: its parameter, and what its event key is (docs/campaigns.md, the triggers table). */
export const TRIGGER_DEFS: Record<AutomationTriggerName, { param: TriggerParamDef | null; eventKey: string }> = {
  CHURN_HIGH: { param: null, eventKey: "<scoring run id>" },
  CONTRACT_ENDING: { param: { unit: "days", min: 1, max: 365, default: 30 }, eventKey: "<contract end date>" },
  DATA_USAGE_HIGH: { param: { unit: "percent", min: 1, max: 500, default: 90 }, eventKey: "<bill month, YYYY-MM>" },
  DETRACTOR_CLOSED: { param: null, eventKey: "<complaint id>" },
  NEW_SUBSCRIBER: { param: { unit: "dayNumber", min: 1, max: 365, default: 7 }, eventKey: "day-<N>" },
  BIRTHDAY: { param: null, eventKey: "<year>" },
};

/** Lengths of the texts a rule holds (the form shows counters). */
export const CALL_TASK_NOTE_MAX = 500;
export const MESSAGE_MAX = 500;

const id = z.coerce.number().int().positive().max(2_147_483_647);
const trimmed = (max: number) => z.string().trim().max(max);

export const ruleConditions = z.object({
  /** Members of this segment only (its last refresh). */
  segmentId: id.nullable().optional(),
  /** Customers of these value tiers only (unscored customers are STANDARD); empty = any. */
  tiers: z.array(z.enum(VALUE_TIERS)).max(4).default([]),
});
export type RuleConditions = z.infer<typeof ruleConditions>;

export const callTaskParams = z.object({ teamId: id, note: trimmed(CALL_TASK_NOTE_MAX).min(1) });
export const sendMessageParams = z.object({
  channel: z.enum(MESSAGE_CHANNELS),
  messageZh: trimmed(MESSAGE_MAX).min(1),
  messageEn: trimmed(MESSAGE_MAX).min(1),
  subjectZh: trimmed(120).default(""),
  subjectEn: trimmed(120).default(""),
});
export const enrolParams = z.object({ campaignId: id });
export type CallTaskParams = z.infer<typeof callTaskParams>;
export type SendMessageParams = z.infer<typeof sendMessageParams>;
export type EnrolParams = z.infer<typeof enrolParams>;

export const ACTION_PARAMS = { CALL_TASK: callTaskParams, SEND_MESSAGE: sendMessageParams, ENROL_CAMPAIGN: enrolParams } as const;

const ruleFields = z.object({
  name: trimmed(120).min(1),
  trigger: z.enum(AUTOMATION_TRIGGERS),
  triggerParam: z.coerce.number().int().min(0).max(500).default(0),
  conditions: ruleConditions,
  action: z.enum(AUTOMATION_ACTIONS),
  actionParams: z.record(z.string(), z.unknown()),
});

function issueKey(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small") return "required";
  if (issue.code === "too_big") return "tooLong";
  if (issue.code === "invalid_value") return "invalidOption";
  return issue.code === "invalid_type" ? "required" : "invalid";
}

/** A rule's definition, checked as a whole: the parameter within its trigger's bounds, the action's params. */
function checked<T extends z.infer<typeof ruleFields>>(r: T, ctx: z.core.$RefinementCtx<T>) {
  const def = TRIGGER_DEFS[r.trigger].param;
  let triggerParam = 0;
  if (def) {
    triggerParam = r.triggerParam;
    if (triggerParam < def.min) ctx.addIssue({ code: "custom", path: ["triggerParam"], message: "tooSmall" });
    if (triggerParam > def.max) ctx.addIssue({ code: "custom", path: ["triggerParam"], message: "tooBig" });
  }
  const params = ACTION_PARAMS[r.action].safeParse(r.actionParams);
  if (!params.success) {
    // The action's own issues, keyed under actionParams ("actionParams.note"), with the field key the form shows.
    for (const issue of params.error.issues) ctx.addIssue({ code: "custom", path: ["actionParams", ...issue.path], message: issueKey(issue) });
    return z.NEVER;
  }
  if (r.action === "SEND_MESSAGE") {
    const m = params.data as SendMessageParams;
    for (const f of ["messageZh", "messageEn", "subjectZh", "subjectEn"] as const)
      if (unknownPlaceholders(m[f]).length) ctx.addIssue({ code: "custom", path: ["actionParams", f], message: "automationUnknownPlaceholder" });
  }
  return { ...r, triggerParam, actionParams: params.data as CallTaskParams | SendMessageParams | EnrolParams };
}
export const ruleDefinition = ruleFields.transform(checked);
export type RuleDefinition = z.output<typeof ruleDefinition>;

export const ruleId = id;
export const createRuleInput = ruleDefinition;
export type CreateRuleInput = z.input<typeof createRuleInput>;
export const updateRuleInput = ruleFields.extend({ id, version: z.coerce.number().int().min(1) }).transform(checked);
export type UpdateRuleInput = z.input<typeof updateRuleInput>;
/** A status change or a simulation, against the version the person saw. */
export const ruleRef = z.object({ id, version: z.coerce.number().int().min(1) });
export type RuleRef = z.infer<typeof ruleRef>;

/** The stored simulation (automation_rule.last_simulation). */
export interface RuleSimulation {
  at: string;
  ruleVersion: number;
  /** The definition it simulated (definitionKey, lib/automation/definition.ts). */
  definitionKey: string;
  days: number;
  from: string;
  to: string;
  customers: number;
  firings: number;
  byDay: Array<{ day: string; n: number }>;
  ms: number;
}

/** The reasons a firing did nothing (automation_firing.skipped), in the order they are checked. */
export const SKIP_REASONS = ["churned", "doNotDisturb", "consent", "frequencyCap", "notEnrolled"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
