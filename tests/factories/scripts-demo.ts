// Standard scripts for the demo (issue 24, docs/scripts-and-palette.md): a general script for every
// call stage in both languages, the broadband fault's own apology and explanation (with the
// customer's name, the complaint number and the due time), a billing apology, a general campaign
// script, and one retired greeting (inactive) to show deactivation on the admin page. Deterministic;
// written inside the seed's transaction. The complaint categories keep their own reply scripts
// (issue 7) as the fallback for a category without an APOLOGY script: nothing is migrated.
// Tests make single scripts and articles with tests/factories/scripts.ts.
import type pg from "pg";

export interface DemoScript {
  stage: "GREETING" | "IDENTITY_CHECK" | "APOLOGY" | "EXPLANATION" | "CLOSING" | "CAMPAIGN";
  /** complaint_category.code, or null for the general script. */
  category: string | null;
  nameZh: string;
  nameEn: string;
  bodyZh: string;
  bodyEn: string;
  sortOrder: number;
  isActive?: boolean;
}

export const DEMO_SCRIPTS: DemoScript[] = [
  {
    stage: "GREETING",
    category: null,
    nameZh: "标准开场白",
    nameEn: "Standard greeting",
    bodyZh: "您好，客服代表{agentName}很高兴为您服务，请问有什么可以帮您？",
    bodyEn: "Hello, this is {agentName} from customer service. How may I help you today?",
    sortOrder: 10,
  },
  {
    stage: "GREETING",
    category: null,
    nameZh: "旧版开场白（已停用）",
    nameEn: "Old greeting (retired)",
    bodyZh: "您好，这里是客服中心。",
    bodyEn: "Hello, customer service centre.",
    sortOrder: 90,
    isActive: false,
  },
  {
    stage: "IDENTITY_CHECK",
    category: null,
    nameZh: "身份核验",
    nameEn: "Identity check",
    bodyZh: "为保障您的账户安全，需要先核实一下身份：请问您是{customerName}吗？您来电的号码是{msisdn}，请报一下机主证件号码的后四位。",
    bodyEn:
      "To keep your account safe I need to check who I am speaking to: am I speaking with {customerName}? You are calling about {msisdn}; please tell me the last four digits of the account holder's ID.",
    sortOrder: 10,
  },
  {
    stage: "APOLOGY",
    category: null,
    nameZh: "通用致歉",
    nameEn: "General apology",
    bodyZh: "{customerName}，非常抱歉给您带来了不便，您反映的问题我已经详细记录（投诉单号{complaintNo}），会全程跟进直到解决。",
    bodyEn:
      "{customerName}, I am very sorry for the trouble. I have recorded everything you told me (complaint {complaintNo}) and will follow it through until it is solved.",
    sortOrder: 10,
  },
  {
    stage: "APOLOGY",
    category: "BROADBAND",
    nameZh: "宽带故障致歉",
    nameEn: "Broadband fault apology",
    bodyZh:
      "{customerName}，非常抱歉宽带故障影响了您的上网，给您添麻烦了！我已为您登记故障（单号{complaintNo}），维修人员会尽快与您预约上门时间，最迟在{dueAt}前给您处理结果。",
    bodyEn:
      "{customerName}, I am very sorry the broadband fault has cut you off — that is really inconvenient. I have logged it (complaint {complaintNo}); an engineer will call you to book a visit, and you will have the result by {dueAt} at the latest.",
    sortOrder: 10,
  },
  {
    stage: "APOLOGY",
    category: "BILLING",
    nameZh: "计费争议致歉",
    nameEn: "Billing dispute apology",
    bodyZh: "{customerName}，非常抱歉让您对账单产生了疑问。我会逐项为您核对号码{msisdn}的本月费用，如确有多扣，会按规定为您退还。",
    bodyEn:
      "{customerName}, I am sorry the bill has left you with questions. I will go through this month's charges on {msisdn} item by item, and anything charged in error will be refunded as the rules provide.",
    sortOrder: 10,
  },
  {
    stage: "EXPLANATION",
    category: null,
    nameZh: "处理时限说明",
    nameEn: "What happens next",
    bodyZh: "您反映的{categoryName}问题已转交专人处理，我们会在{dueAt}前联系您告知结果，处理过程中有任何进展也会第一时间通知您。",
    bodyEn:
      "Your {categoryName} issue is now with a specialist. We will contact you with the result by {dueAt}, and tell you straight away if anything changes before then.",
    sortOrder: 10,
  },
  {
    stage: "EXPLANATION",
    category: "BROADBAND",
    nameZh: "宽带断线说明",
    nameEn: "Broadband drop-outs explained",
    bodyZh:
      "宽带频繁断线多数是光猫或入户线路的问题。麻烦您先将光猫断电一分钟后重启；如果光信号灯仍为红色，说明线路需要检修，维修人员会上门处理。您目前使用的是{planName}。",
    bodyEn:
      "Frequent drop-outs are usually the modem or the line into the home. Please switch the modem off for a minute and on again; if the optical light stays red the line needs repair and an engineer will come. Your current plan is {planName}.",
    sortOrder: 10,
  },
  {
    stage: "CLOSING",
    category: null,
    nameZh: "标准结束语",
    nameEn: "Standard closing",
    bodyZh: "感谢您的耐心，{customerName}。请问还有其他可以帮您的吗？稍后可能会邀请您对本次服务进行评价，祝您生活愉快，再见！",
    bodyEn:
      "Thank you for your patience, {customerName}. Is there anything else I can help with? You may receive a short survey about this call. Have a good day, goodbye!",
    sortOrder: 10,
  },
  {
    stage: "CAMPAIGN",
    category: null,
    nameZh: "活动外呼通用话术",
    nameEn: "Campaign call (general)",
    bodyZh:
      "{customerName}您好，我是客服代表{agentName}。我们正在开展“{campaignName}”活动，结合您正在使用的{planName}，为您推荐{offerName}。请问您现在方便了解一下吗？",
    bodyEn:
      "Hello {customerName}, this is {agentName} from customer service. We are running “{campaignName}”, and with your {planName} plan we can offer you {offerName}. Do you have a minute to hear about it?",
    sortOrder: 10,
  },
];

/** Inserts the demo scripts once (none is there yet); returns how many it wrote. */
export async function seedDemoScripts(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_script`);
  if (rows[0]!.n > 0) return 0;
  for (const s of DEMO_SCRIPTS) {
    await client.query(
      `INSERT INTO service_script (stage, complaint_category_id, name_zh, name_en, body_zh, body_en, is_active, sort_order)
       VALUES ($1::"ScriptStage", (SELECT id FROM complaint_category WHERE code = $2), $3, $4, $5, $6, $7, $8)`,
      [s.stage, s.category, s.nameZh, s.nameEn, s.bodyZh, s.bodyEn, s.isActive ?? true, s.sortOrder],
    );
  }
  return DEMO_SCRIPTS.length;
}
