// Deterministic, realistic subscriber data for the demo seed, the scale generator and tests.
// Rows come out in COPY column order, in batches, so millions never sit in memory at once.
//
// Churn has real causes (so the churn model has something true to learn): a latent risk built
// from short tenure, a contract ending, poor payment, dissatisfaction (complaints) and an old
// low-end plan. Customers who churned show falling usage in their last three months and more
// complaint contacts; high-risk customers still with us show the same early signs now.
import { fakerZH_CN } from "@faker-js/faker";
import { pinyin } from "pinyin-pro";
import { mulberry32, type Random } from "@/lib/shared/random";
import { computeIdCheckChar } from "@/lib/customers/id-number";
import { encryptPii, hashIdNumber } from "@/lib/pii/crypto";
import { INTERACTION_REASONS, PLANS, PROVINCE, REGIONS } from "@/tests/factories/catalogue";

export type Cell = string | number | boolean | null | Date;
export interface Batch {
  customers: Cell[][];
  accounts: Cell[][];
  lines: Cell[][];
  bills: Cell[][];
  interactions: Cell[][];
}

export const COLUMNS = {
  customer: [
    "id",
    "customer_no",
    "type",
    "name",
    "name_pinyin",
    "name_initials",
    "gender",
    "birth_date",
    "id_number_enc",
    "id_number_hash",
    "id_number_last4",
    "province",
    "city",
    "preferred_lang",
    "contact_phone",
    "email",
    "address",
    "joined_at",
    "status",
    "churned_at",
    "consent_sms",
    "consent_call",
    "consent_email",
    "consent_push",
    "do_not_disturb",
    "consent_wechat",
    "special_care",
    "updated_at",
  ],
  account: ["id", "account_no", "customer_id", "payment_method", "credit_class", "balance", "arrears"],
  line: ["id", "msisdn", "iccid", "customer_id", "account_id", "plan_id", "network", "status", "start_date", "contract_end_date", "terminated_at"],
  bill: [
    "line_id",
    "customer_id",
    "month",
    "voice_charge",
    "data_charge",
    "vas_charge",
    "other_charge",
    "total_charge",
    "data_mb",
    "voice_minutes",
    "sms_count",
    "roaming_days",
    "paid_on_time",
  ],
  interaction: ["customer_id", "line_id", "channel", "direction", "reason_code", "disposition", "notes", "agent_id", "duration_sec", "occurred_at"],
} as const;

export interface DatasetOptions {
  customers: number;
  seed: number;
  /** First day of the current month (UTC midnight); bills cover the 12 months before it. */
  anchor: Date;
  /** Plan code → id in the database. */
  planIds: Record<string, number>;
  /** Agents who handle assisted contacts. */
  agentIds: number[];
  /** First customer id − 1 (ids are assigned here so rows can reference each other). */
  customerIdOffset?: number;
  lineIdOffset?: number;
  /** Interactions per customer over the year, on average. */
  interactionsPerCustomer?: number;
}

const MOBILE_PREFIXES = [
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "147",
  "150",
  "151",
  "152",
  "157",
  "158",
  "159",
  "178",
  "182",
  "183",
  "184",
  "187",
  "188",
  "195",
  "198",
];
const DAY = 86_400_000;

function pick<T>(r: Random, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}
function weighted<T>(r: Random, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}
const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
const round2 = (n: number) => Math.round(n * 100) / 100;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A permutation of [0, 1e8): unique 8-digit suffixes for service numbers, looking random. */
function suffix8(i: number, salt: number): string {
  return String((i * 7654321 + salt) % 100_000_000).padStart(8, "0");
}

interface NamePools {
  surnames: string[];
  given: string[];
  streets: string[];
}
function namePools(seed: number): NamePools {
  fakerZH_CN.seed(seed);
  const surnames = Array.from(new Set(Array.from({ length: 3000 }, () => fakerZH_CN.person.lastName())));
  const given = Array.from(new Set(Array.from({ length: 6000 }, () => fakerZH_CN.person.firstName())));
  const streets = Array.from(new Set(Array.from({ length: 500 }, () => fakerZH_CN.location.street())));
  // Common surnames dominate in China: weight the pool by repeating the frequent ones.
  const common = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "郑"];
  return { surnames: [...surnames, ...common, ...common, ...common, ...common], given, streets };
}

const pinyinCache = new Map<string, [string, string]>();
function toPinyin(s: string): [string, string] {
  let v = pinyinCache.get(s);
  if (!v) {
    const full = pinyin(s, { toneType: "none", type: "array", v: true }) as string[];
    v = [
      full.join("").toLowerCase(),
      full
        .map((p) => p[0] ?? "")
        .join("")
        .toLowerCase(),
    ];
    pinyinCache.set(s, v);
  }
  return v;
}

const ENTERPRISE_SUFFIX = ["科技有限公司", "贸易有限公司", "制造有限公司", "物流有限公司", "餐饮管理有限公司", "建设工程有限公司"];
const GOV_NAMES = ["街道办事处", "人民医院", "第一中学", "市场监督管理局", "社区服务中心"];
const CHANNELS = ["HOTLINE", "ONLINE_CHAT", "APP", "MINI_PROGRAM", "WECHAT", "SERVICE_HALL", "EMAIL", "SOCIAL", "OUTBOUND_CALL"] as const;
const CHANNEL_WEIGHTS = [40, 15, 18, 5, 10, 7, 2, 1, 2];
const ASSISTED = new Set(["HOTLINE", "ONLINE_CHAT", "SERVICE_HALL", "OUTBOUND_CALL", "EMAIL", "SOCIAL"]);
const NOTES_ZH: Record<string, string[]> = {
  BILL_QUERY: ["客户咨询本月话费构成，已逐项解释。", "查询上月账单明细，已发送短信。"],
  BILL_DISPUTE: ["客户对流量超套费用有异议，已登记核查。", "客户称被扣取未订购的增值业务费用。"],
  PLAN_CHANGE: ["客户咨询升级5G套餐，已介绍资费。", "办理套餐变更，次月生效。"],
  DATA_USAGE: ["客户反映流量消耗过快，已说明查询方式。"],
  NETWORK_SIGNAL: ["客户反映家中信号弱，已记录地址转网络部门。", "室内通话经常掉线，已派单处理。"],
  BROADBAND_FAULT: ["宽带无法上网，已远程重启光猫。", "宽带频繁掉线，已预约上门维修。"],
  ROAMING: ["客户出国前咨询漫游资费。"],
  VAS_UNSUBSCRIBE: ["已为客户退订视频彩铃业务。"],
  PAYMENT: ["客户咨询缴费方式，已引导使用App缴费。"],
  NUMBER_PORTING: ["客户咨询携号转网条件，已说明。"],
  CONTRACT: ["合约即将到期，客户咨询续约优惠。"],
  SERVICE_ATTITUDE: ["客户对营业厅服务态度不满，已致歉并记录。"],
  OTHER: ["一般咨询，已解答。"],
};

/** Generates the dataset in batches of customers with everything that hangs off them. */
export function* generateSubscriberBatches(opts: DatasetOptions, batchSize = 5000): Generator<Batch> {
  const r = mulberry32(opts.seed);
  const pools = namePools(opts.seed);
  const cOffset = opts.customerIdOffset ?? 0;
  let lineId = opts.lineIdOffset ?? 0;
  const anchor = opts.anchor;
  const monthsBack = 12;
  const firstMonth = addMonths(anchor, -monthsBack);
  const perCustomer = opts.interactionsPerCustomer ?? 4;
  const regionWeights = REGIONS.map((x) => x.weight);
  const mobilePlans = PLANS.filter((p) => p.class === "MOBILE" && !p.code.startsWith("ENT"));
  const entPlan = PLANS.find((p) => p.code === "ENT-5G-399")!;
  const bbPlans = PLANS.filter((p) => p.class === "BROADBAND");
  const fixedPlan = PLANS.find((p) => p.class === "FIXED")!;
  const reasonCodes = INTERACTION_REASONS.map((x) => x.code);

  let batch: Batch = { customers: [], accounts: [], lines: [], bills: [], interactions: [] };
  for (let i = 0; i < opts.customers; i++) {
    const id = cOffset + i + 1;
    const type = weighted(r, ["INDIVIDUAL", "FAMILY", "ENTERPRISE", "GOVERNMENT"] as const, [88, 7, 4, 1]);
    const region = weighted(r, REGIONS, regionWeights);
    const district = pick(r, region.districts);
    const gender = r() < 0.5 ? "MALE" : "FEMALE";
    const age = type === "INDIVIDUAL" || type === "FAMILY" ? Math.floor(18 + Math.pow(r(), 1.3) * 67) : null;
    const birth = age == null ? null : new Date(Date.UTC(anchor.getUTCFullYear() - age, Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const surname = pick(r, pools.surnames);
    const givenName = pick(r, pools.given);
    let name = surname + givenName;
    if (type === "ENTERPRISE") name = region.city.replace("市", "") + pick(r, pools.given) + pick(r, ENTERPRISE_SUFFIX);
    if (type === "GOVERNMENT") name = region.city.replace("市", "") + district + pick(r, GOV_NAMES);
    const [py, initials] =
      type === "ENTERPRISE" || type === "GOVERNMENT"
        ? ["", ""]
        : [toPinyin(surname)[0] + toPinyin(givenName)[0], toPinyin(surname)[1] + toPinyin(givenName)[1]];

    // Tenure: long tail, some joined within the year (new customers).
    const tenureMonths = r() < 0.12 ? Math.floor(r() * 12) : Math.floor(12 + Math.pow(r(), 1.6) * 216);
    const joinedAt = new Date(anchor.getTime() - tenureMonths * 30.4 * DAY - Math.floor(r() * 28) * DAY);

    // Latent churn drivers.
    const shortTenure = tenureMonths < 12;
    const lowCredit = r() < 0.1;
    const dissatisfied = r() < 0.12;
    const contractEnding = r() < 0.18;
    const plan =
      type === "ENTERPRISE" || type === "GOVERNMENT"
        ? r() < 0.6
          ? entPlan
          : pick(r, mobilePlans)
        : age != null && age > 65 && r() < 0.4
          ? PLANS.find((p) => p.code === "M4G-ELD")!
          : weighted(r, mobilePlans, [22, 12, 4, 18, 20, 12, 6, 6]);
    const oldPlan = plan.lifecycle === "DECLINE";
    const z = -3.6 + 1.1 * +shortTenure + 1.5 * +contractEnding + 1.3 * +lowCredit + 1.4 * +dissatisfied + 0.7 * +oldPlan + (r() - 0.5);
    const risk = sigmoid(z);
    const churned = tenureMonths >= 2 && r() < risk;
    // Month index (0 = oldest bill month) of the last billed month for churners.
    const churnIdx = churned ? 2 + Math.floor(r() * (monthsBack - 2)) : monthsBack;
    const churnDate = churned ? new Date(addMonths(firstMonth, churnIdx + 1).getTime() - (1 + Math.floor(r() * 20)) * DAY) : null;
    // Early-warning signs: declining usage in the three months before leaving (or now, if at risk).
    const declining = churned ? r() < 0.8 : risk > 0.35 && r() < 0.7;
    const heavyData = r() < 0.15;
    const roamer = r() < 0.05;
    const specialCare = age != null && age >= 70 && r() < 0.5 ? "ELDERLY" : r() < 0.005 ? "DISABLED" : "NONE";

    let idEnc: string | null = null;
    let idHash: string | null = null;
    let idLast4: string | null = null;
    if (birth) {
      const seq = String((cOffset + i) % 1000).padStart(3, "0");
      const first17 = region.idArea + birth.toISOString().slice(0, 10).replace(/-/g, "") + seq.slice(0, 2) + (gender === "MALE" ? "1" : "2");
      const idNo = first17 + computeIdCheckChar(first17);
      idEnc = encryptPii(idNo);
      idHash = hashIdNumber(idNo);
      idLast4 = idNo.slice(-4);
    }
    const contactPhone = MOBILE_PREFIXES[((cOffset + i) * 7) % MOBILE_PREFIXES.length] + suffix8(cOffset + i, 13_579_111);
    const email = r() < 0.35 ? `${py || "corp" + id}${id % 1000}@${pick(r, ["qq.com", "163.com", "126.com", "139.com"])}` : null;
    const address = `${PROVINCE}${region.city}${district}${pick(r, pools.streets)}${1 + Math.floor(r() * 300)}号${1 + Math.floor(r() * 30)}幢${101 + Math.floor(r() * 2000)}室`;
    const status = churned ? "CHURNED" : lowCredit && r() < 0.15 ? "SUSPENDED" : "ACTIVE";
    batch.customers.push([
      id,
      `C${String(id).padStart(9, "0")}`,
      type,
      name,
      py,
      initials,
      type === "INDIVIDUAL" || type === "FAMILY" ? gender : "UNKNOWN",
      birth,
      idEnc,
      idHash,
      idLast4,
      PROVINCE,
      region.city,
      r() < 0.97 ? "zh-CN" : "en",
      contactPhone,
      email,
      address,
      joinedAt,
      status,
      churnDate,
      r() < 0.85,
      r() < 0.6,
      email != null && r() < 0.5,
      r() < 0.7,
      r() < 0.04,
      // WeChat service-account followers: 40 %, from the id so the random stream (and every other
      // generated value) stays as it was before the column existed.
      id % 10 < 4,
      specialCare,
      anchor,
    ]);
    const accountNo = `A${String(3_300_000_000 + id).padStart(10, "0")}`;
    const arrears = status === "SUSPENDED" ? round2(20 + r() * 300) : 0;
    batch.accounts.push([
      id,
      accountNo,
      id,
      weighted(r, ["BANK_DEBIT", "ALIPAY", "WECHAT_PAY", "CASH", "CREDIT_CARD"], [30, 30, 28, 8, 4]),
      lowCredit ? pick(r, ["C", "D"]) : weighted(r, ["A", "B"], [55, 45]),
      round2(r() * 200),
      arrears,
    ]);

    // Lines: a main mobile line, sometimes a second/third, and home broadband for many households.
    const lineSpecs: Array<{ plan: (typeof PLANS)[number]; start: Date }> = [{ plan, start: joinedAt }];
    const extra = type === "ENTERPRISE" ? 1 + Math.floor(r() * 3) : r() < 0.1 ? 1 : r() < 0.03 ? 2 : 0;
    for (let k = 0; k < extra; k++)
      lineSpecs.push({
        plan: type === "ENTERPRISE" ? entPlan : pick(r, mobilePlans),
        start: new Date(joinedAt.getTime() + Math.floor(r() * tenureMonths * 20) * DAY),
      });
    if ((type === "INDIVIDUAL" || type === "FAMILY") && r() < (type === "FAMILY" ? 0.6 : 0.12))
      lineSpecs.push({ plan: pick(r, bbPlans), start: new Date(joinedAt.getTime() + Math.floor(r() * 200) * DAY) });
    if (r() < 0.02) lineSpecs.push({ plan: fixedPlan, start: joinedAt });

    const usageFactor = heavyData ? 1.3 + r() * 0.6 : 0.4 + r() * 0.6;
    for (const spec of lineSpecs) {
      lineId += 1;
      const lp = spec.plan;
      const isMobile = lp.class === "MOBILE";
      const msisdn = isMobile
        ? MOBILE_PREFIXES[lineId % MOBILE_PREFIXES.length] + suffix8(lineId, 24_681_357)
        : region.area + suffix8(lineId, lp.class === "BROADBAND" ? 11_223_344 : 55_667_788);
      const contractEnd = contractEnding
        ? new Date((churnDate ?? anchor).getTime() + Math.floor(r() * 55) * DAY)
        : r() < 0.35
          ? new Date(anchor.getTime() + Math.floor(60 + r() * 700) * DAY)
          : null;
      const start = spec.start > anchor ? joinedAt : spec.start;
      batch.lines.push([
        lineId,
        msisdn,
        isMobile ? `8986${String(11_000_000_000_000 + lineId * 7).padStart(16, "0")}` : null,
        id,
        id,
        opts.planIds[lp.code] ?? null,
        lp.network,
        churned ? "TERMINATED" : status === "SUSPENDED" ? "SUSPENDED" : "ACTIVE",
        start,
        contractEnd,
        churned ? churnDate : null,
      ]);
      // 12 months of bills while the line existed.
      for (let m = 0; m < monthsBack; m++) {
        const month = addMonths(firstMonth, m);
        if (addMonths(month, 1) <= start) continue;
        if (churned && m > churnIdx) break;
        const monthsToEnd = (churned ? churnIdx : monthsBack - 1) - m;
        const decline = declining && monthsToEnd < 3 ? 0.35 + 0.2 * monthsToEnd : 1;
        const fee = Number(lp.monthlyFee);
        const dataMb = isMobile ? Math.round(lp.dataQuotaMb * usageFactor * (0.6 + r() * 0.5) * decline) : 0;
        const over = isMobile ? Math.max(0, dataMb - lp.dataQuotaMb) : 0;
        const voiceMin = isMobile || lp.class === "FIXED" ? Math.round((lp.voiceMinutes || 100) * (0.3 + r() * 0.8) * decline) : 0;
        const voiceCharge = round2(fee * 0.35 + (voiceMin > lp.voiceMinutes ? (voiceMin - lp.voiceMinutes) * 0.15 : 0));
        const dataCharge = round2(isMobile ? fee * 0.55 + (over / 1024) * 3 : lp.class === "BROADBAND" ? fee : 0);
        const vas = round2(r() < 0.3 ? 5 + Math.floor(r() * 4) * 5 : 0);
        const roamingDays = roamer && r() < 0.35 ? 1 + Math.floor(r() * 10) : 0;
        const other = round2(roamingDays * 6 + (isMobile ? fee * 0.1 : lp.class === "FIXED" ? fee : 0));
        const total = round2(voiceCharge + dataCharge + vas + other);
        const paidOnTime = !(lowCredit ? r() < 0.45 : r() < 0.03);
        batch.bills.push([
          lineId,
          id,
          month,
          voiceCharge,
          dataCharge,
          vas,
          other,
          total,
          dataMb,
          voiceMin,
          isMobile ? Math.floor(r() * 60) : 0,
          roamingDays,
          paidOnTime,
        ]);
      }
    }

    // Contacts across channels; complaint-type reasons concentrate on the dissatisfied and churners.
    const nInter = Math.max(0, Math.round(perCustomer * (0.3 + r() * 1.4) * (dissatisfied || churned ? 1.8 : 1)));
    const activeUntil = churnDate ?? anchor;
    for (let k = 0; k < nInter; k++) {
      const channel = weighted(r, CHANNELS, CHANNEL_WEIGHTS);
      const complaintish = (dissatisfied || (churned && r() < 0.5)) && r() < 0.45;
      const reason = complaintish ? pick(r, ["BILL_DISPUTE", "NETWORK_SIGNAL", "SERVICE_ATTITUDE", "BROADBAND_FAULT"]) : pick(r, reasonCodes);
      const at = new Date(
        Math.max(joinedAt.getTime(), firstMonth.getTime()) + r() * (activeUntil.getTime() - Math.max(joinedAt.getTime(), firstMonth.getTime())),
      );
      if (at.getTime() <= joinedAt.getTime()) continue;
      // Working hours, operator time: 08:00–22:00 Beijing.
      at.setUTCHours(0 + Math.floor(r() * 14), Math.floor(r() * 60), Math.floor(r() * 60), 0);
      const assisted = ASSISTED.has(channel);
      const disposition = complaintish
        ? r() < 0.6
          ? "COMPLAINT_OPENED"
          : "FOLLOW_UP"
        : channel === "OUTBOUND_CALL" && r() < 0.3
          ? "NO_ANSWER"
          : weighted(r, ["RESOLVED", "INFO_PROVIDED", "FOLLOW_UP", "TRANSFERRED"], [45, 40, 10, 5]);
      batch.interactions.push([
        id,
        null,
        channel,
        channel === "OUTBOUND_CALL" ? "OUTBOUND" : "INBOUND",
        reason,
        disposition,
        assisted ? pick(r, NOTES_ZH[reason] ?? NOTES_ZH.OTHER) : null,
        assisted && opts.agentIds.length ? pick(r, opts.agentIds) : null,
        assisted ? Math.floor(60 + r() * 600) : 0,
        at,
      ]);
    }

    if (batch.customers.length >= batchSize) {
      yield batch;
      batch = { customers: [], accounts: [], lines: [], bills: [], interactions: [] };
    }
  }
  if (batch.customers.length) yield batch;
}

/** First day of the current month (Asia/Shanghai), as UTC midnight of that date. */
export function currentAnchor(now = new Date()): Date {
  const sh = new Date(now.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(sh.getUTCFullYear(), sh.getUTCMonth(), 1));
}
