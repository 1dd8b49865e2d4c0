import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { recordAudit } from "@/lib/audit/record";
import { maskAddress, maskEmail, maskIdNumber, maskMsisdn } from "@/lib/pii/mask";
import { hashIdNumber } from "@/lib/pii/crypto";
import { classifySearchTerm, searchInput, type SearchInput, type SearchKind } from "@/lib/customers/schemas";

export interface CustomerHit {
  id: number;
  customerNo: string;
  name: string;
  type: string;
  city: string;
  status: string;
  msisdnMasked: string | null;
}

export interface SearchResult {
  kind: SearchKind;
  hits: CustomerHit[];
  nextCursor: string | null;
}

// Keyset cursor: the last row's sort key, opaque to the client.
function encodeCursor(key: string, id: number) {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}
function decodeCursor(c: string | undefined): [string, number] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
    if (Array.isArray(v) && typeof v[0] === "string" && Number.isInteger(v[1])) return [v[0], v[1]];
  } catch {}
  return null;
}

interface Row {
  id: number;
  customer_no: string;
  name: string;
  type: string;
  city: string;
  status: string;
  msisdn: string | null;
  sort_key: string;
}

/**
 * Finds subscribers by service number (full or ≥ 4 digits anywhere), account number, customer
 * number, national ID (keyed hash), Chinese name (prefix; substring from 3 characters) or pinyin.
 * Every strategy is index-backed; results are keyset-paginated by (sort key, id).
 */
export async function searchCustomers(actor: Actor, raw: SearchInput): Promise<SearchResult> {
  assertCan(actor, "customer:search");
  const input = searchInput.parse(raw);
  const q = input.q.replace(/[\s-]/g, "");
  const kind = classifySearchTerm(q);
  if (kind === "tooShort") return { kind, hits: [], nextCursor: null };
  const limit = input.limit;
  const after = decodeCursor(input.cursor);
  const afterKey = after?.[0] ?? "";
  const afterId = after?.[1] ?? 0;
  // The agents' hottest path (every call starts with a lookup): read straight from the pool.
  const rows = await sqlRows<Row>(searchSql(kind, q, afterKey, afterId, limit + 1));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    kind,
    hits: page.map((r) => ({
      id: r.id,
      customerNo: r.customer_no,
      name: r.name,
      type: r.type,
      city: r.city,
      status: r.status,
      msisdnMasked: r.msisdn ? maskMsisdn(r.msisdn) : null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
  };
}

/**
 * The SQL of one search strategy (exported so the integration test can EXPLAIN exactly what runs).
 * `limit` is the number of rows to fetch (page size + 1 to detect a next page).
 */
export function searchSql(kind: Exclude<SearchKind, "tooShort">, q: string, afterKey: string, afterId: number, limit: number): Prisma.Sql {
  const cols = Prisma.sql`c.id, c.customer_no, c.name, c.type::text AS type, c.city, c.status::text AS status`;
  // The keyset condition only when there is a cursor: on the first page a `(key, id) > ('', 0)`
  // becomes the btree's start position and walks every entry before the prefix (0.5 s at 1 M).
  const hasCursor = afterId > 0;
  switch (kind) {
    case "msisdn":
    case "msisdnPartial": {
      // A full number goes through the unique btree; a fragment through the trigram index. The page
      // of lines comes first, then their customers: a fragment matches thousands of lines at 1 M
      // subscribers, and joining them all before the LIMIT costs a lookup each.
      const match = kind === "msisdn" ? Prisma.sql`msisdn = ${q}` : Prisma.sql`msisdn LIKE ${`%${q}%`}`;
      return Prisma.sql`
        SELECT ${cols}, l.msisdn, l.msisdn AS sort_key
        FROM (SELECT msisdn, customer_id FROM line
              WHERE ${match} AND (msisdn, customer_id) > (${afterKey}, ${afterId})
              ORDER BY msisdn, customer_id LIMIT ${limit}) l
        JOIN customer c ON c.id = l.customer_id
        ORDER BY l.msisdn, c.id`;
    }
    case "account": {
      return Prisma.sql`
        SELECT ${cols}, NULL::text AS msisdn, a.account_no AS sort_key
        FROM account a JOIN customer c ON c.id = a.customer_id
        WHERE a.account_no = ${q.toUpperCase()} AND c.id > ${afterId}
        ORDER BY c.id LIMIT ${limit}`;
    }
    case "customerNo": {
      return Prisma.sql`
        SELECT ${cols}, NULL::text AS msisdn, c.customer_no AS sort_key
        FROM customer c WHERE c.customer_no = ${q.toUpperCase()} AND c.id > ${afterId}
        ORDER BY c.id LIMIT ${limit}`;
    }
    case "idNumber": {
      return Prisma.sql`
        SELECT ${cols}, NULL::text AS msisdn, c.customer_no AS sort_key
        FROM customer c WHERE c.id_number_hash = ${hashIdNumber(q)} AND c.id > ${afterId}
        ORDER BY c.id LIMIT ${limit}`;
    }
    case "pinyin": {
      const p = q.toLowerCase();
      const after = hasCursor ? Prisma.sql`AND (c.name_pinyin COLLATE "C", c.id) > (${afterKey}, ${afterId})` : Prisma.empty;
      return Prisma.sql`
        SELECT ${cols}, NULL::text AS msisdn, c.name_pinyin AS sort_key
        FROM customer c
        WHERE c.name_pinyin COLLATE "C" LIKE ${escapeLike(p) + "%"} ${after}
        ORDER BY c.name_pinyin COLLATE "C", c.id LIMIT ${limit}`;
    }
    case "name": {
      // Prefix match on the ("C" collation, id) btree serves 2-character names without a scan and
      // pages through it in order; from 3 characters a trigram index also finds the term inside a name.
      const prefix = escapeLike(q) + "%";
      const after = hasCursor ? Prisma.sql`AND (c.name COLLATE "C", c.id) > (${afterKey}, ${afterId})` : Prisma.empty;
      return q.length >= 3
        ? Prisma.sql`
            SELECT ${cols}, NULL::text AS msisdn, c.name AS sort_key
            FROM customer c
            WHERE (c.name COLLATE "C" LIKE ${prefix} OR c.name LIKE ${"%" + escapeLike(q) + "%"}) ${after}
            ORDER BY c.name COLLATE "C", c.id LIMIT ${limit}`
        : Prisma.sql`
            SELECT ${cols}, NULL::text AS msisdn, c.name AS sort_key
            FROM customer c
            WHERE c.name COLLATE "C" LIKE ${prefix} ${after}
            ORDER BY c.name COLLATE "C", c.id LIMIT ${limit}`;
    }
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => "\\" + m);
}

export interface Customer360 {
  id: number;
  customerNo: string;
  name: string;
  type: string;
  gender: string;
  birthDate: string | null;
  idNumberMasked: string;
  province: string;
  city: string;
  preferredLang: string;
  contactPhoneMasked: string;
  emailMasked: string;
  addressMasked: string;
  joinedAt: string;
  status: string;
  consent: { sms: boolean; call: boolean; email: boolean; push: boolean; doNotDisturb: boolean };
  specialCare: string;
  version: number;
  accounts: Array<{ id: number; accountNo: string; paymentMethod: string; creditClass: string; balance: string; arrears: string }>;
  lines: Array<{
    id: number;
    msisdnMasked: string;
    network: string;
    status: string;
    planCode: string;
    planNameZh: string;
    planNameEn: string;
    monthlyFee: string;
    startDate: string;
    contractEndDate: string | null;
  }>;
  bills: Array<{
    month: string;
    voice: number;
    data: number;
    vas: number;
    other: number;
    total: number;
    dataMb: number;
    voiceMinutes: number;
    sms: number;
    paidOnTime: boolean;
  }>;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The customer's 360 view, masked. Viewing a customer record is audited (PIPL) and remembered in
 * the agent's recent customers, in the same transaction.
 */
export async function getCustomer360(actor: Actor, customerId: number): Promise<Customer360> {
  assertCan(actor, "customer:read");
  if (!Number.isSafeInteger(customerId) || customerId <= 0) throw new NotFoundError("customer");
  // The profile and the bills are read in parallel (one round trip less per view).
  const [c, bills] = await Promise.all([
    db.customer.findUnique({
      where: { id: customerId },
      include: {
        accounts: { orderBy: { id: "asc" } },
        lines: { include: { plan: true }, orderBy: [{ status: "asc" }, { id: "asc" }] },
      },
    }),
    // Bills: per month across all lines, last 12 months that have data.
    db.$queryRaw<
      Array<{ month: Date; voice: number; data: number; vas: number; other: number; total: number; data_mb: number; voice_minutes: number; sms: number; paid_on_time: boolean }>
    >`
      SELECT month, sum(voice_charge)::float8 AS voice, sum(data_charge)::float8 AS data, sum(vas_charge)::float8 AS vas,
             sum(other_charge)::float8 AS other, sum(total_charge)::float8 AS total, sum(data_mb)::int AS data_mb,
             sum(voice_minutes)::int AS voice_minutes, sum(sms_count)::int AS sms, bool_and(paid_on_time) AS paid_on_time
      FROM bill WHERE customer_id = ${customerId}
      GROUP BY month ORDER BY month DESC LIMIT 12`,
  ]);
  if (!c) throw new NotFoundError("customer");

  await db.$transaction(async (tx) => {
    await recordAudit(tx, actor, { action: "customer.viewed", entity: "customer", entityId: customerId });
    await tx.recentCustomer.upsert({
      where: { userId_customerId: { userId: actor.id, customerId } },
      create: { userId: actor.id, customerId },
      update: { viewedAt: new Date() },
    });
  });

  return {
    id: c.id,
    customerNo: c.customerNo,
    name: c.name,
    type: c.type,
    gender: c.gender,
    birthDate: day(c.birthDate),
    idNumberMasked: maskIdNumber(c.idNumberLast4),
    province: c.province,
    city: c.city,
    preferredLang: c.preferredLang,
    contactPhoneMasked: maskMsisdn(c.contactPhone),
    emailMasked: maskEmail(c.email),
    addressMasked: maskAddress(c.address),
    joinedAt: day(c.joinedAt)!,
    status: c.status,
    consent: { sms: c.consentSms, call: c.consentCall, email: c.consentEmail, push: c.consentPush, doNotDisturb: c.doNotDisturb },
    specialCare: c.specialCare,
    version: c.version,
    accounts: c.accounts.map((a) => ({
      id: a.id,
      accountNo: a.accountNo,
      paymentMethod: a.paymentMethod,
      creditClass: a.creditClass,
      balance: a.balance.toFixed(2),
      arrears: a.arrears.toFixed(2),
    })),
    lines: c.lines.map((l) => ({
      id: l.id,
      msisdnMasked: maskMsisdn(l.msisdn),
      network: l.network,
      status: l.status,
      planCode: l.plan.code,
      planNameZh: l.plan.nameZh,
      planNameEn: l.plan.nameEn,
      monthlyFee: l.plan.monthlyFee.toFixed(2),
      startDate: day(l.startDate)!,
      contractEndDate: day(l.contractEndDate),
    })),
    bills: bills
      .map((b) => ({
        month: day(b.month)!.slice(0, 7),
        voice: b.voice,
        data: b.data,
        vas: b.vas,
        other: b.other,
        total: b.total,
        dataMb: b.data_mb,
        voiceMinutes: b.voice_minutes,
        sms: b.sms,
        paidOnTime: b.paid_on_time,
      }))
      .reverse(),
  };
}

export interface RecentCustomerRow {
  id: number;
  name: string;
  customerNo: string;
  city: string;
  viewedAt: Date;
}

export async function listRecentCustomers(actor: Actor, limit = 10): Promise<RecentCustomerRow[]> {
  assertCan(actor, "customer:read");
  const rows = await db.recentCustomer.findMany({
    where: { userId: actor.id },
    orderBy: { viewedAt: "desc" },
    take: Math.min(limit, 50),
    include: { customer: { select: { id: true, name: true, customerNo: true, city: true } } },
  });
  return rows.map((r) => ({ ...r.customer, viewedAt: r.viewedAt }));
}

export interface PinnedCustomerRow {
  id: number;
  name: string;
  customerNo: string;
  city: string;
  pinnedAt: Date;
}

/** The acting user's pinned customers, newest pin first (a user pins a handful, capped anyway). */
export async function listPinnedCustomers(actor: Actor, limit = 20): Promise<PinnedCustomerRow[]> {
  assertCan(actor, "customer:read");
  const rows = await db.pinnedCustomer.findMany({
    where: { userId: actor.id },
    orderBy: { pinnedAt: "desc" },
    take: Math.min(limit, 50),
    include: { customer: { select: { id: true, name: true, customerNo: true, city: true } } },
  });
  return rows.map((r) => ({ ...r.customer, pinnedAt: r.pinnedAt }));
}

export async function isCustomerPinned(actor: Actor, customerId: number): Promise<boolean> {
  assertCan(actor, "customer:read");
  const row = await db.pinnedCustomer.findUnique({ where: { userId_customerId: { userId: actor.id, customerId } }, select: { userId: true } });
  return row !== null;
}
