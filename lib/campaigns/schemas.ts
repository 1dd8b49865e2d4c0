import { z } from "zod";
import { CAMPAIGN_CHANNELS, MESSAGE_CHANNELS } from "@/lib/marketing/schemas";
import { unknownPlaceholders } from "@/lib/marketing/template";

// A campaign's plan (issue 22, docs/campaigns.md "Planning, approval and launch"). Browser-safe: the
// campaign form validates with the same schema the lib functions parse with. Field errors are keys
// under "errors.field." (the `campaign…` ones are this feature's).

export const OFFER_MODES = ["NONE", "FIXED", "NEXT_BEST"] as const;
export const CONVERSION_KINDS = ["OFFER_ACCEPTED", "PLAN_CHANGE", "SPEND_INCREASE"] as const;
export const AUDIENCE_MODES = ["DYNAMIC", "STATIC"] as const;
export const CAMPAIGN_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "SCHEDULED", "RUNNING", "PAUSED", "COMPLETED", "CANCELLED"] as const;
export type CampaignStatusName = (typeof CAMPAIGN_STATUSES)[number];

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().min(1).max(2_147_483_647);
const money = z.coerce.number().finite().min(0).max(100_000_000);
const text = (max: number) => z.string().trim().max(max);
/** "" or null from a form's empty choice → null. */
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable());
const date = z.coerce.date().refine((d) => !Number.isNaN(d.getTime()) && d.getFullYear() >= 2000 && d.getFullYear() <= 2100, { message: "invalid" });

const channelCosts = z.object(
  Object.fromEntries(CAMPAIGN_CHANNELS.map((c) => [c, z.coerce.number().finite().min(0).max(1000).default(0)])) as Record<
    (typeof CAMPAIGN_CHANNELS)[number],
    z.ZodDefault<z.ZodCoercedNumber>
  >,
);

const TEMPLATE_FIELDS = ["scriptZh", "scriptEn", "messageZh", "messageEn", "emailSubjectZh", "emailSubjectEn"] as const;

export const campaignPlanFields = z.object({
  name: text(120).min(1),
  objective: text(1000).default(""),
  segmentId: id,
  audienceMode: z.enum(AUDIENCE_MODES).default("DYNAMIC"),
  channels: z.array(z.enum(CAMPAIGN_CHANNELS)).min(1).max(CAMPAIGN_CHANNELS.length),
  startsAt: date,
  endsAt: date,
  budget: money,
  channelCosts: channelCosts,
  offerMode: z.enum(OFFER_MODES).default("NONE"),
  offerRuleId: optionalId.default(null),
  scriptZh: text(4000).default(""),
  scriptEn: text(4000).default(""),
  messageZh: text(1000).default(""),
  messageEn: text(1000).default(""),
  emailSubjectZh: text(200).default(""),
  emailSubjectEn: text(200).default(""),
  /** Share of the audience held back as the never-contacted control group: 0 … 0.5. */
  controlShare: z.coerce.number().finite().min(0).max(0.5),
  seed: z.coerce.number().int().min(1).max(2_147_483_647),
  successKinds: z.array(z.enum(CONVERSION_KINDS)).min(1).max(CONVERSION_KINDS.length),
  successWindowDays: z.coerce.number().int().min(1).max(365),
  successPlanIds: z.array(id).max(50).default([]),
  /** SPEND_INCREASE: the share by which monthly spend must grow (0.1 = 10 %). */
  spendIncreasePct: z.coerce.number().finite().min(0).max(5).default(0.1),
  callTeamId: optionalId.default(null),
  callSkill: z.preprocess((v) => (v === "" || v === undefined ? null : v), text(60).min(1).nullable()).default(null),
});
export type CampaignPlanFields = z.infer<typeof campaignPlanFields>;

/** The rules across fields, as field errors (the form shows each next to its field). */
export function checkPlan(p: CampaignPlanFields, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (p.endsAt.getTime() <= p.startsAt.getTime()) issue("endsAt", "campaignEndsBeforeStarts");
  if (p.channels.includes("OUTBOUND_CALL") && p.callTeamId == null) issue("callTeamId", "campaignCallTeamRequired");
  if (p.channels.some((c) => (MESSAGE_CHANNELS as readonly string[]).includes(c))) {
    if (!p.messageZh) issue("messageZh", "campaignMessageRequired");
    if (!p.messageEn) issue("messageEn", "campaignMessageRequired");
  }
  if (p.channels.includes("EMAIL")) {
    if (!p.emailSubjectZh) issue("emailSubjectZh", "campaignSubjectRequired");
    if (!p.emailSubjectEn) issue("emailSubjectEn", "campaignSubjectRequired");
  }
  if (p.offerMode === "FIXED" && p.offerRuleId == null) issue("offerRuleId", "campaignOfferRequired");
  if (new Set(p.channels).size !== p.channels.length) issue("channels", "invalidOption");
  for (const f of TEMPLATE_FIELDS) if (unknownPlaceholders(p[f]).length) issue(f, "campaignUnknownPlaceholder");
}

export const campaignPlanInput = campaignPlanFields.superRefine(checkPlan);
export type CampaignPlanInput = z.infer<typeof campaignPlanInput>;

export const campaignUpdateInput = campaignPlanFields.extend({ id, version }).superRefine(checkPlan);
export type CampaignUpdateInput = z.infer<typeof campaignUpdateInput>;

/** A state change of one campaign: which step, on which version; a reason for reject (and cancel). */
export const CAMPAIGN_EVENTS = ["submit", "approve", "reject", "schedule", "pause", "resume", "cancel"] as const;
export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number];

export const campaignStepInput = z.object({ id, version });
export type CampaignStepInput = z.infer<typeof campaignStepInput>;
export const campaignReasonInput = z.object({ id, version, reason: text(500).min(1) });
export type CampaignReasonInput = z.infer<typeof campaignReasonInput>;
export const campaignCancelInput = z.object({ id, version, reason: text(500).default("") });
export type CampaignCancelInput = z.infer<typeof campaignCancelInput>;
export const campaignId = id;

/** The list's filters (URL). */
export const campaignListQuery = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional().catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
});

/** Sample values the form previews templates with (no customer data leaves the server for it). */
export const SAMPLE_VALUES = {
  "zh-CN": { name: "王女士", tier: "金卡", plan: "畅享 199 元套餐", offer: "流量加油包 20GB", number: "138****5678", optOutUrl: "https://crm.example/u/…" },
  en: { name: "Ms Wang", tier: "Gold", plan: "Unlimited 199", offer: "20 GB data booster", number: "138****5678", optOutUrl: "https://crm.example/u/…" },
} as const;
