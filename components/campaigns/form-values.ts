// The plan form's values (strings, as the inputs hold them) from a saved campaign or the defaults of a
// new one. Plain module: the pages (server) build the initial values, the form (client) edits them.
import { CAMPAIGN_CHANNELS, type CampaignChannelName } from "@/lib/marketing/schemas";
import type { CampaignFormValues } from "@/components/campaigns/campaign-form";

/** "2026-12-08T09:00" in Asia/Shanghai (the operator's time zone, whatever the browser's). */
export function toShanghaiInput(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

const DEFAULT_COSTS: Record<CampaignChannelName, string> = { OUTBOUND_CALL: "3.5", SMS: "0.05", EMAIL: "0.01", PUSH: "0", WECHAT: "0.02" };

export function newCampaignValues(now = new Date()): CampaignFormValues {
  const day = 86_400_000;
  const start = new Date(Math.ceil((now.getTime() + day) / 3_600_000) * 3_600_000);
  return {
    name: "",
    objective: "",
    segmentId: "",
    audienceMode: "DYNAMIC",
    channels: [],
    startsAt: toShanghaiInput(start),
    endsAt: toShanghaiInput(new Date(start.getTime() + 30 * day)),
    budget: "0",
    channelCosts: { ...DEFAULT_COSTS },
    offerMode: "NONE",
    offerRuleId: "",
    scriptZh: "",
    scriptEn: "",
    messageZh: "",
    messageEn: "",
    emailSubjectZh: "",
    emailSubjectEn: "",
    controlPct: "10",
    seed: String(1 + Math.floor(Math.random() * 1_000_000)),
    successKinds: ["OFFER_ACCEPTED"],
    successWindowDays: "30",
    successPlanIds: [],
    spendIncreasePct: "10",
    callTeamId: "",
    callSkill: "",
  };
}

export function campaignValues(c: {
  name: string;
  objective: string;
  segmentId: number;
  audienceMode: "DYNAMIC" | "STATIC";
  channels: string[];
  startsAt: Date;
  endsAt: Date;
  budget: { toString(): string };
  channelCosts: unknown;
  offerMode: "NONE" | "FIXED" | "NEXT_BEST";
  offerRuleId: number | null;
  scriptZh: string;
  scriptEn: string;
  messageZh: string;
  messageEn: string;
  emailSubjectZh: string;
  emailSubjectEn: string;
  controlShare: number;
  seed: number;
  successKinds: string[];
  successWindowDays: number;
  successPlanIds: number[];
  spendIncreasePct: number;
  callTeamId: number | null;
  callSkill: string | null;
}): CampaignFormValues {
  const costs = (c.channelCosts ?? {}) as Record<string, unknown>;
  return {
    name: c.name,
    objective: c.objective,
    segmentId: String(c.segmentId),
    audienceMode: c.audienceMode,
    channels: c.channels as CampaignChannelName[],
    startsAt: toShanghaiInput(c.startsAt),
    endsAt: toShanghaiInput(c.endsAt),
    budget: c.budget.toString(),
    channelCosts: Object.fromEntries(CAMPAIGN_CHANNELS.map((ch) => [ch, costs[ch] == null ? DEFAULT_COSTS[ch] : String(costs[ch])])) as Record<
      CampaignChannelName,
      string
    >,
    offerMode: c.offerMode,
    offerRuleId: c.offerRuleId == null ? "" : String(c.offerRuleId),
    scriptZh: c.scriptZh,
    scriptEn: c.scriptEn,
    messageZh: c.messageZh,
    messageEn: c.messageEn,
    emailSubjectZh: c.emailSubjectZh,
    emailSubjectEn: c.emailSubjectEn,
    controlPct: String(Math.round(c.controlShare * 1000) / 10),
    seed: String(c.seed),
    successKinds: c.successKinds,
    successWindowDays: String(c.successWindowDays),
    successPlanIds: c.successPlanIds.map(String),
    spendIncreasePct: String(Math.round(c.spendIncreasePct * 1000) / 10),
    callTeamId: c.callTeamId == null ? "" : String(c.callTeamId),
    callSkill: c.callSkill ?? "",
  };
}
