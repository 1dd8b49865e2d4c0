import { z } from "zod";
import { MESSAGE_CHANNELS } from "@/lib/marketing/schemas";
import { unknownPlaceholders } from "@/lib/marketing/template";

// Marketing automation rules (issue 22, docs/campaigns.md "Automation rules"): trigger → conditions
// → action. Browser-safe: the rule form and the server share these. Triggers and actions are
// tables, so the care rules of the next issue (festivals, special care…) add a row here and a SQL
// builder in lib/automation/triggers.ts, and nothing else changes.

export const AUTOMATION_TRIGGERS = [
  "CHURN_HIGH",
  "CONTRACT_ENDING",
  "DATA_USAGE_HIGH",
  "DETRACTOR_CLOSED",
  "NEW_SUBSCRIBER",
  "BIRTHDAY",
  // Care (issue 23, docs/care.md).
  "FESTIVAL",
  "PAYMENT_DUE",
  "ARREARS",
  "PLAN_CHANGED",
  "SPECIAL_CARE_VISIT",
] as const;
export type AutomationTriggerName = (typeof AUTOMATION_TRIGGERS)[number];
export const AUTOMATION_ACTIONS = ["CALL_TASK", "SEND_MESSAGE", "ENROL_CAMPAIGN", "CARE_TASK", "GRANT_POINTS"] as const;
export type AutomationActionName = (typeof AUTOMATION_ACTIONS)[number];
/** Who owns a rule: managers the marketing rules (/automation), admins the care rules (/admin/care). */
export const AUTOMATION_PURPOSES = ["MARKETING", "CARE"] as const;
export type AutomationPurposeName = (typeof AUTOMATION_PURPOSES)[number];
/** The actions each purpose's rules may take (a care rule greets, opens care tasks, gifts points). */
export const PURPOSE_ACTIONS: Record<AutomationPurposeName, readonly AutomationActionName[]> = {
  MARKETING: ["CALL_TASK", "SEND_MESSAGE", "ENROL_CAMPAIGN"],
  CARE: ["CARE_TASK", "SEND_MESSAGE", "GRANT_POINTS"],
};
/** The kinds of care task a CARE_TASK action opens (WIN_BACK tasks come from the retention list). */
export const CARE_RULE_TASK_KINDS = [
  "BIRTHDAY",
  "FESTIVAL",
  "CONTRACT_EXPIRY",
  "DATA_QUOTA",
  "PAYMENT_DUE",
  "ARREARS",
  "AFTER_SALES",
  "SPECIAL_CARE_VISIT",
  "OTHER",
] as const;
export const AUTOMATION_STATUSES = ["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED"] as const;
export type AutomationStatusName = (typeof AUTOMATION_STATUSES)[number];
export const VALUE_TIERS = ["DIAMOND", "GOLD", "SILVER", "STANDARD"] as const;

/** The trigger's parameter: its unit (a message key under automation.param), bounds and default; null = none. */
export interface TriggerParamDef {
  unit: "days" | "percent" | "dayNumber" | "daysBefore" | "daysAfter" | "everyDays";
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
  FESTIVAL: { param: { unit: "daysBefore", min: 0, max: 30, default: 0 }, eventKey: "<festival code>:<festival day>" },
  PAYMENT_DUE: { param: { unit: "daysBefore", min: 0, max: 20, default: 3 }, eventKey: "<bill month, YYYY-MM>" },
  ARREARS: { param: null, eventKey: "<month, YYYY-MM>" },
  PLAN_CHANGED: { param: { unit: "daysAfter", min: 1, max: 90, default: 7 }, eventKey: "<plan change id>" },
  SPECIAL_CARE_VISIT: { param: { unit: "everyDays", min: 7, max: 365, default: 30 }, eventKey: "period-<N>" },
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

/** CARE_TASK: a care task of `kind` for the team's agents (round-robin), due on the day or the team's next working day. */
export const careTaskParams = z.object({ teamId: id, kind: z.enum(CARE_RULE_TASK_KINDS), note: trimmed(CALL_TASK_NOTE_MAX).min(1) });
export const GRANT_POINTS_MAX = 100_000;
/** GRANT_POINTS: a fixed number of points, or the birthday points of the customer's member grade. */
export const grantPointsParams = z
  .object({
    source: z.enum(["FIXED", "GRADE_BIRTHDAY"]),
    points: z.coerce.number().int().min(0).max(GRANT_POINTS_MAX).default(0),
  })
  .superRefine((p, ctx) => {
    if (p.source === "FIXED" && p.points < 1) ctx.addIssue({ code: "too_small", origin: "number", minimum: 1, path: ["points"], message: "required" });
  })
  .transform((p) => ({ source: p.source, points: p.source === "FIXED" ? p.points : 0 }));
export type CareTaskParams = z.infer<typeof careTaskParams>;
export type GrantPointsParams = z.output<typeof grantPointsParams>;

export const ACTION_PARAMS = {
  CALL_TASK: callTaskParams,
  SEND_MESSAGE: sendMessageParams,
  ENROL_CAMPAIGN: enrolParams,
  CARE_TASK: careTaskParams,
  GRANT_POINTS: grantPointsParams,
} as const;

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
  return { ...r, triggerParam, actionParams: params.data as CallTaskParams | SendMessageParams | EnrolParams | CareTaskParams | GrantPointsParams };
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
export const SKIP_REASONS = ["churned", "doNotDisturb", "consent", "frequencyCap", "notEnrolled", "noPoints"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
