// A subscriber with what hangs off them: an account, lines (one mobile line unless told), and on
// request bills, contacts and a value score. Numbers have the app's formats and never clash with the
// demo seed's or the import files' (customer no. C6…, account A6…, MSISDN 170…, contact phone 171…).
import { pinyin } from "pinyin-pro";
import type { Account, Bill, Customer, CustomerScore, Interaction, Line, Prisma } from "@/lib/generated/prisma/client";
import { computeIdCheckChar } from "@/lib/customers/id-number";
import { encryptPii, hashIdNumber } from "@/lib/pii/crypto";
import { clientOr, given, uniqueNumber, type FactoryDb } from "@/tests/factories/db";

const NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴霞", "徐明", "孙丽"];
const DAY = 86_400_000;

/** A valid national ID number (checksum included), a new one on every call. */
export function newIdNumber(): string {
  const n = uniqueNumber();
  const birth = new Date(Date.UTC(1960 + (n % 40), n % 12, 1 + (n % 28)));
  const first17 = `${330100 + (n % 97)}${birth.toISOString().slice(0, 10).replace(/-/g, "")}${String(n % 1000).padStart(3, "0")}`;
  return first17 + computeIdCheckChar(first17);
}

export interface BillSpec {
  /** Months before the current one (1 = last month), or the month itself. */
  back?: number;
  month?: Date;
  total: number;
  dataMb?: number;
  voiceMinutes?: number;
  paid?: boolean;
  roamingDays?: number;
}

export interface InteractionSpec extends Partial<Omit<Prisma.InteractionCreateManyInput, "customerId">> {
  /** Shorthand for occurredAt. */
  daysAgo?: number;
}

export interface CustomerOverrides extends Partial<Prisma.CustomerCreateManyInput> {
  /** A national ID number (true: a new valid one), stored encrypted, hashed and as its last four digits. */
  idNumber?: string | true;
  account?: Partial<Prisma.AccountCreateManyInput>;
  /** The customer's lines (plan by code, default M5G-129); default one active 5G line, [] for none. */
  lines?: Array<Partial<Prisma.LineCreateManyInput> & { planCode?: string }>;
  /** Bills of the first line. */
  bills?: BillSpec[];
  interactions?: InteractionSpec[];
  /** A value score row (tier, churn band…); none by default (an unscored customer is STANDARD). */
  score?: Partial<Prisma.CustomerScoreCreateManyInput>;
}

export interface CreatedCustomer {
  customer: Customer;
  account: Account;
  lines: Line[];
  /** The first line (undefined with `lines: []`). */
  line: Line;
  bills: Bill[];
  interactions: Interaction[];
  score: CustomerScore | null;
}

const planIds = new Map<string, number>();

export async function createCustomer(overrides: CustomerOverrides = {}, db?: FactoryDb): Promise<CreatedCustomer> {
  const client = await clientOr(db);
  const {
    idNumber: id,
    account: accountData,
    lines: lineSpecs = [{}],
    bills: billSpecs = [],
    interactions: contactSpecs = [],
    score: scoreData,
    ...data
  } = overrides;
  const idNumber = id === true ? newIdNumber() : id;
  const n = uniqueNumber();
  const name = data.name ?? NAMES[n % NAMES.length];
  const individual = !data.type || data.type === "INDIVIDUAL" || data.type === "FAMILY";
  const py = individual ? (pinyin(name, { toneType: "none", type: "array", v: true }) as string[]) : [];
  const now = new Date();
  const customer = await client.customer.create({
    data: {
      customerNo: `C6${String(n).padStart(9, "0")}`,
      type: "INDIVIDUAL",
      name,
      namePinyin: py.join("").toLowerCase(),
      nameInitials: py
        .map((p) => p[0] ?? "")
        .join("")
        .toLowerCase(),
      gender: individual ? (n % 2 ? "FEMALE" : "MALE") : "UNKNOWN",
      province: "浙江省",
      city: "杭州市",
      contactPhone: `171${String(n).padStart(8, "0")}`,
      joinedAt: new Date(Date.UTC(now.getUTCFullYear() - 3, now.getUTCMonth(), 1)),
      ...(idNumber ? { idNumberEnc: encryptPii(idNumber), idNumberHash: hashIdNumber(idNumber), idNumberLast4: idNumber.slice(-4) } : {}),
      ...given(data),
    },
  });
  const account = await client.account.create({
    data: { accountNo: `A6${String(n).padStart(9, "0")}`, customerId: customer.id, paymentMethod: "ALIPAY", creditClass: "A", ...given(accountData ?? {}) },
  });
  const lines: Line[] = [];
  for (const [i, { planCode = "M5G-129", ...line }] of lineSpecs.entries()) {
    if (!planIds.has(planCode)) planIds.set(planCode, (await client.plan.findUniqueOrThrow({ where: { code: planCode } })).id);
    lines.push(
      await client.line.create({
        data: {
          msisdn: `170${String(((n % 10_000_000) * 10 + i) % 100_000_000).padStart(8, "0")}`,
          iccid: `8986${String(n * 10 + i).padStart(16, "0")}`,
          customerId: customer.id,
          accountId: account.id,
          planId: planIds.get(planCode)!,
          network: "G5",
          startDate: customer.joinedAt,
          ...given(line),
        },
      }),
    );
  }
  const monthStart = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  const bills: Bill[] = [];
  for (const b of billSpecs) {
    bills.push(
      await client.bill.create({
        data: {
          lineId: lines[0].id,
          customerId: customer.id,
          month: b.month ?? monthStart(b.back ?? 1),
          voiceCharge: 0,
          dataCharge: b.total,
          vasCharge: 0,
          otherCharge: 0,
          totalCharge: b.total,
          dataMb: b.dataMb ?? 10_240,
          voiceMinutes: b.voiceMinutes ?? 100,
          smsCount: 0,
          roamingDays: b.roamingDays ?? 0,
          paidOnTime: b.paid ?? true,
        },
      }),
    );
  }
  const interactions: Interaction[] = [];
  for (const { daysAgo, ...i } of contactSpecs) {
    interactions.push(
      await client.interaction.create({
        data: {
          customerId: customer.id,
          channel: "HOTLINE",
          direction: "INBOUND",
          disposition: "INFO_PROVIDED",
          reasonCode: "BILL_QUERY",
          occurredAt: daysAgo != null ? new Date(now.getTime() - daysAgo * DAY) : now,
          ...given(i),
        },
      }),
    );
  }
  const score = scoreData
    ? await client.customerScore.create({
        data: {
          customerId: customer.id,
          profitability: 50,
          loyalty: 50,
          potential: 50,
          satisfaction: 50,
          credit: 50,
          score: 50,
          tier: "STANDARD",
          percentile: 0.5,
          rfmCode: "333",
          clv: 1000,
          arpu: 80,
          dataChangePct: 0,
          tenureMonths: 36,
          complaints90d: 0,
          lifecycleStage: customer.status === "CHURNED" ? "CHURNED" : "MATURE",
          settingsVersion: 1,
          runId: 0,
          computedAt: now,
          ...given(scoreData),
        },
      })
    : null;
  return { customer, account, lines, line: lines[0], bills, interactions, score };
}
