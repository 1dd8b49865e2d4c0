import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/shared/errors";
import { auditInsertSql, recordAudit } from "@/lib/audit/record";
import { assertRateLimit } from "@/lib/shared/rate-limit";
import { birthYearOf, maskAddress, maskEmail, maskIdNumber, maskMsisdn, maskSearchTerm } from "@/lib/pii/mask";
import { decryptPii, encryptPii, hashIdNumber } from "@/lib/pii/crypto";
import { classifySearchTerm, SEARCH_ID, searchInput, type SearchInput, type SearchKind } from "@/lib/customers/schemas";

export interface CustomerHit {
  id: number;
  customerNo: string;
  name: string;
  type: string;
  city: string;
  status: string;
  msisdnMasked: string | null;
  /** The number the customer was found by, sealed (AES-GCM): the 360 page takes it as `?via=` and
   *  preselects that line for the contact and the complaint, without the number in a URL. */
  via?: string | null;
}

export interface SearchResult {
  kind: SearchKind;
  hits: CustomerHit[];
  nextCursor: string | null;
}

// Keyset cursor: the last row's sort key, sealed (AES-GCM, the PII key). The sort key of a number
// search is the last hit's full number, and the cursor travels in the results page's URL: encoded
// only, it would hand the agent (and the browser history) numbers the page shows masked.
export function encodeCursor(key: string, id: number) {
  return encryptPii(JSON.stringify([key, id]));
}
function decodeCursor(c: string | undefined): [string, number] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(decryptPii(c));
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

/** The customer columns of a search hit (every strategy selects them from `customer c`). */
const HIT_COLUMNS = Prisma.sql`c.id, c.customer_no, c.name, c.type::text AS type, c.city, c.status::text AS status`;

/** Search kinds that look up one exact key (their plan never depends on the value). */
const EXACT_KINDS = new Set<SearchKind>(["msisdn", "account", "customerNo", "idNumber"]);

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
  // An exact ID-number match confirms a guessed number: a tight bucket of its own (every search
  // path comes through here), and every such search is audited with the number masked.
  if (kind === "idNumber") await assertRateLimit("idNumberSearch", actor.id);
  const limit = input.limit;
  const after = decodeCursor(input.cursor);
  const afterKey = after?.[0] ?? "";
  const afterId = after?.[1] ?? 0;
  // The agents' hottest path (every call starts with a lookup): read straight from the pool. Exact
  // keys are prepared (planned once per connection: their plan never depends on the value);
  // patterns are planned for their value.
  const prepared = EXACT_KINDS.has(kind);
  let rows: Array<Row & { matched?: number }> =
    kind === "msisdnPartial" && q.length === 4
      ? await fourDigitPage(q, afterKey, afterId, limit + 1)
      : await sqlRows<Row & { matched?: number }>(searchSql(kind, q, afterKey, afterId, limit + 1), { prepared });
  if (kind === "name" && (rows[0]?.matched ?? 0) > NAME_MATCH_CAP) {
    // A common term: walking the customers in id order meets a page of matches soon; fetching and
    // sorting them all would not ("有限公司" is in ≈ 400 k names at 10 M customers).
    rows = await sqlRows<Row>(nameWalkSql(q, afterId, limit + 1));
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  if (kind === "idNumber") {
    await db.$transaction(async (tx) => {
      await recordAudit(tx, actor, {
        action: "customer.idNumberSearched",
        entity: "customer",
        entityId: page.length === 1 ? page[0].id : null,
        data: { term: maskSearchTerm(kind, q), matched: page.map((r) => r.id) },
      });
    });
  }
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
      via: r.msisdn ? encryptPii(r.msisdn) : null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
  };
}

/**
 * A page of a 4-digit fragment: the numbers that end with it first ("the last four digits", what
 * agents usually mean), in number order, then the numbers that hold it elsewhere, in number order.
 * The sort key says which part a row is from ("0…" / "1…" + the number), so the cursor resumes in
 * the right one. The first part reads line_msisdn_suffix_idx and stops after the page; the second
 * (the quads index, searchSql) is asked only when the first runs out: at 10 M customers every
 * ending has ≈ 1,400 numbers, so a first page never needs it.
 */
async function fourDigitPage(q: string, afterKey: string, afterId: number, limit: number): Promise<Row[]> {
  const inSuffix = afterKey === "" || afterKey.startsWith("0");
  const rows = inSuffix ? await sqlRows<Row>(suffixSql(q, afterKey.slice(1), limit), { prepared: true }) : [];
  if (rows.length >= limit) return rows;
  const rest = await sqlRows<Row>(searchSql("msisdnPartial", q, inSuffix ? "" : afterKey.slice(1), inSuffix ? 0 : afterId, limit - rows.length));
  return [...rows, ...rest];
}

/** The numbers that end with a 4-digit fragment, in number order after `afterMsisdn` (index-only). */
export function suffixSql(q: string, afterMsisdn: string, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT ${HIT_COLUMNS}, l.msisdn, '0' || l.msisdn AS sort_key
    FROM (SELECT msisdn, customer_id FROM line WHERE right(msisdn, 4) = ${q} AND msisdn > ${afterMsisdn} ORDER BY msisdn LIMIT ${limit}) l
    JOIN customer c ON c.id = l.customer_id
    ORDER BY l.msisdn`;
}

/**
 * The SQL of one search strategy (exported so the integration test can EXPLAIN exactly what runs).
 * `limit` is the number of rows to fetch (page size + 1 to detect a next page).
 */
export function searchSql(kind: Exclude<SearchKind, "tooShort">, q: string, afterKey: string, afterId: number, limit: number): Prisma.Sql {
  // The keyset condition only when there is a cursor: on the first page a `(key, id) > ('', 0)`
  // becomes the btree's start position and walks every entry before the prefix (0.5 s at 1 M).
  const hasCursor = afterId > 0;
  switch (kind) {
    case "msisdn": {
      return Prisma.sql`
        SELECT ${HIT_COLUMNS}, l.msisdn, l.msisdn AS sort_key
        FROM (SELECT msisdn, customer_id FROM line
              WHERE msisdn = ${q} AND (msisdn, customer_id) > (${afterKey}, ${afterId})
              ORDER BY msisdn, customer_id LIMIT ${limit}) l
        JOIN customer c ON c.id = l.customer_id
        ORDER BY l.msisdn, c.id`;
    }
    case "msisdnPartial": {
      // A fragment goes through the GIN index of the numbers' 4-digit substrings (every quad of the
      // fragment must be there: a 6-digit fragment intersects three lists of ≈ 11 k lines at 10 M
      // customers), then strpos confirms the fragment itself. The page of lines comes first, then
      // their customers, so only the page's customers are looked up. A 4-digit fragment's numbers
      // that end with it are listed before these (fourDigitPage, suffixSql): here they are left out.
      const four = q.length === 4;
      return Prisma.sql`
        SELECT ${HIT_COLUMNS}, l.msisdn, ${four ? Prisma.sql`'1' || l.msisdn` : Prisma.sql`l.msisdn`} AS sort_key
        FROM (SELECT msisdn, customer_id FROM line
              WHERE msisdn_quads(msisdn) @> ${msisdnQuads(q)}::int4[] AND strpos(msisdn, ${q}) > 0
                ${four ? Prisma.sql`AND right(msisdn, 4) <> ${q}` : Prisma.empty}
                AND (msisdn, customer_id) > (${afterKey}, ${afterId})
              ORDER BY msisdn, customer_id LIMIT ${limit}) l
        JOIN customer c ON c.id = l.customer_id
        ORDER BY l.msisdn, c.id`;
    }
    case "account": {
      return Prisma.sql`
        SELECT ${HIT_COLUMNS}, NULL::text AS msisdn, a.account_no AS sort_key
        FROM account a JOIN customer c ON c.id = a.customer_id
        WHERE a.account_no = ${q.toUpperCase()} AND c.id > ${afterId}
        ORDER BY c.id LIMIT ${limit}`;
    }
    case "customerNo": {
      return Prisma.sql`
        SELECT ${HIT_COLUMNS}, NULL::text AS msisdn, c.customer_no AS sort_key
        FROM customer c WHERE c.customer_no = ${q.toUpperCase()} AND c.id > ${afterId}
        ORDER BY c.id LIMIT ${limit}`;
    }
    case "idNumber": {
      return Prisma.sql`
        SELECT ${HIT_COLUMNS}, NULL::text AS msisdn, c.customer_no AS sort_key
        FROM customer c WHERE c.id_number_hash = ${hashIdNumber(q)} AND c.id > ${afterId}
        ORDER BY c.id LIMIT ${limit}`;
    }
    case "pinyin": {
      const p = q.toLowerCase();
      const after = hasCursor ? Prisma.sql`AND (c.name_pinyin COLLATE "C", c.id) > (${afterKey}, ${afterId})` : Prisma.empty;
      return Prisma.sql`
        SELECT ${HIT_COLUMNS}, NULL::text AS msisdn, c.name_pinyin AS sort_key
        FROM customer c
        WHERE c.name_pinyin COLLATE "C" LIKE ${escapeLike(p) + "%"} ${after}
        ORDER BY c.name_pinyin COLLATE "C", c.id LIMIT ${limit}`;
    }
    case "name": {
      if (q.length >= 3) {
        // The term may be anywhere in the name (the prefix matches are among them). Up to
        // NAME_MATCH_CAP + 1 matches come from the trigram index, then the page is sorted by id;
        // `matched` tells the caller when there were more (then nameWalkSql answers, in the same
        // order). The fence (MATERIALIZED) keeps the planner from walking a btree in order and
        // filtering instead, which it prices on a guessed match count: at 10 M customers it walked
        // the name btree for rare full names (133 matches, far into the alphabet) and read most of
        // the table (29 s), where the trigram matches take 2–11 ms.
        return Prisma.sql`
          WITH m AS MATERIALIZED (
            SELECT ${HIT_COLUMNS} FROM customer c WHERE c.name LIKE ${"%" + escapeLike(q) + "%"} AND c.id > ${afterId} LIMIT ${NAME_MATCH_CAP + 1}
          )
          SELECT c.*, NULL::text AS msisdn, c.id::text AS sort_key, (SELECT count(*)::int FROM m) AS matched FROM m c
          ORDER BY c.id LIMIT ${limit}`;
      }
      // 2 characters: a prefix, a range of the ("C" collation, id) btree read in order, stopping
      // after the page.
      const after = hasCursor ? Prisma.sql`AND (c.name COLLATE "C", c.id) > (${afterKey}, ${afterId})` : Prisma.empty;
      return Prisma.sql`
        SELECT ${HIT_COLUMNS}, NULL::text AS msisdn, c.name AS sort_key
        FROM customer c
        WHERE c.name COLLATE "C" LIKE ${escapeLike(q) + "%"} ${after}
        ORDER BY c.name COLLATE "C", c.id LIMIT ${limit}`;
    }
  }
}

/** Matches of a 3+ character name term sorted in memory; beyond it the customers are walked in id order. */
export const NAME_MATCH_CAP = 2000;

/**
 * A common name term (more than NAME_MATCH_CAP matches, e.g. "有限公司" in every company's name): the
 * customers in id order from the cursor, keeping the names that contain it. Ids are not ordered by
 * name, so matches are spread evenly along the walk: a page comes within about
 * customers × 21 / matches rows (≤ 110 k at 10 M customers) wherever the term sorts. strpos is not
 * a trigram operator, so the planner has only this walk (or a scan of the table) to choose from.
 */
export function nameWalkSql(q: string, afterId: number, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT ${HIT_COLUMNS}, NULL::text AS msisdn, c.id::text AS sort_key
    FROM customer c
    WHERE strpos(c.name, ${q}) > 0 AND c.id > ${afterId}
    ORDER BY c.id LIMIT ${limit}`;
}

/**
 * The distinct 4-digit substrings of a digit fragment as integers: the keys the fragment's numbers
 * all carry in line_msisdn_quads_idx (the SQL function msisdn_quads, migration
 * 20261127210000_line_msisdn_quads, computes the same for every number).
 */
export function msisdnQuads(fragment: string): number[] {
  const quads = new Set<number>();
  for (let i = 0; i + 4 <= fragment.length; i++) quads.add(Number(fragment.slice(i, i + 4)));
  return [...quads];
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
  /** The full date only for roles with customer:revealPii (null for the others). */
  birthDate: string | null;
  birthYear: string | null;
  /** Last 4 for roles with customer:revealPii, fully masked for the others. */
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
  /** Pinned by the viewing agent. */
  pinned: boolean;
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

interface Row360 {
  id: number;
  customer_no: string;
  name: string;
  type: Customer360["type"];
  gender: Customer360["gender"];
  birth_date: string | null;
  id_number_last4: string | null;
  province: string;
  city: string;
  preferred_lang: string;
  contact_phone: string | null;
  email: string | null;
  address: string | null;
  joined_at: string;
  status: Customer360["status"];
  consent_sms: boolean;
  consent_call: boolean;
  consent_email: boolean;
  consent_push: boolean;
  do_not_disturb: boolean;
  special_care: Customer360["specialCare"];
  version: number;
  pinned: boolean;
  accounts: Customer360["accounts"];
  lines: Array<{
    id: number;
    msisdn: string;
    network: string;
    status: string;
    plan_code: string;
    plan_name_zh: string;
    plan_name_en: string;
    monthly_fee: string;
    start_date: string;
    contract_end_date: string | null;
  }>;
  bills: Customer360["bills"];
}

/**
 * The customer's 360 view, masked. Viewing a customer record is audited (PIPL) and remembered in
 * the agent's recent customers by the same statement that reads it: one round trip, and no view
 * without its audit row (the audit and recent rows are written only when the customer exists).
 * Dates, months and amounts come back as text, so the mapping below is the same on every driver.
 */
export async function getCustomer360(actor: Actor, customerId: number): Promise<Customer360> {
  assertCan(actor, "customer:read");
  if (!Number.isSafeInteger(customerId) || customerId <= 0) throw new NotFoundError("customer");
  const [c] = await sqlRows<Row360>(customer360Sql(actor, customerId), { prepared: true });
  if (!c) throw new NotFoundError("customer");
  const mayReveal = can(actor, "customer:revealPii");
  return {
    id: c.id,
    customerNo: c.customer_no,
    name: c.name,
    type: c.type,
    gender: c.gender,
    birthDate: mayReveal ? c.birth_date : null,
    birthYear: birthYearOf(c.birth_date),
    idNumberMasked: maskIdNumber(c.id_number_last4, mayReveal),
    province: c.province,
    city: c.city,
    preferredLang: c.preferred_lang,
    contactPhoneMasked: maskMsisdn(c.contact_phone),
    emailMasked: maskEmail(c.email),
    addressMasked: maskAddress(c.address),
    joinedAt: c.joined_at,
    status: c.status,
    consent: { sms: c.consent_sms, call: c.consent_call, email: c.consent_email, push: c.consent_push, doNotDisturb: c.do_not_disturb },
    specialCare: c.special_care,
    version: c.version,
    pinned: c.pinned,
    accounts: c.accounts,
    lines: c.lines.map((l) => ({
      id: l.id,
      msisdnMasked: maskMsisdn(l.msisdn),
      network: l.network,
      status: l.status,
      planCode: l.plan_code,
      planNameZh: l.plan_name_zh,
      planNameEn: l.plan_name_en,
      monthlyFee: l.monthly_fee,
      startDate: l.start_date,
      contractEndDate: l.contract_end_date,
    })),
    bills: c.bills,
  };
}

/** getCustomer360's statement (exported for the benchmark's floor). */
export function customer360Sql(actor: Actor, customerId: number): Prisma.Sql {
  return Prisma.sql`
      WITH viewed AS (SELECT id FROM customer WHERE id = ${customerId}),
      a AS (${auditInsertSql(actor, { action: "customer.viewed", entity: "customer" }, "viewed")}),
      r AS (INSERT INTO recent_customer (user_id, customer_id, viewed_at) SELECT ${actor.id}, id, now() FROM viewed
            ON CONFLICT (user_id, customer_id) DO UPDATE SET viewed_at = EXCLUDED.viewed_at)
      SELECT c.id, c.customer_no, c.name, c.type::text AS type, c.gender::text AS gender, c.birth_date::text AS birth_date, c.id_number_last4,
             c.province, c.city, c.preferred_lang, c.contact_phone, c.email, c.address, c.joined_at::text AS joined_at, c.status::text AS status,
             c.consent_sms, c.consent_call, c.consent_email, c.consent_push, c.do_not_disturb, c.special_care::text AS special_care, c.version,
             EXISTS (SELECT 1 FROM pinned_customer WHERE user_id = ${actor.id} AND customer_id = c.id) AS pinned,
             COALESCE((SELECT json_agg(json_build_object('id', a.id, 'accountNo', a.account_no, 'paymentMethod', a.payment_method, 'creditClass', a.credit_class,
                                                         'balance', round(a.balance, 2)::text, 'arrears', round(a.arrears, 2)::text) ORDER BY a.id)
                       FROM account a WHERE a.customer_id = c.id), '[]') AS accounts,
             COALESCE((SELECT json_agg(json_build_object('id', l.id, 'msisdn', l.msisdn, 'network', l.network, 'status', l.status, 'plan_code', p.code,
                                                         'plan_name_zh', p.name_zh, 'plan_name_en', p.name_en, 'monthly_fee', round(p.monthly_fee, 2)::text,
                                                         'start_date', l.start_date::text, 'contract_end_date', l.contract_end_date::text) ORDER BY l.status, l.id)
                       FROM line l JOIN plan p ON p.id = l.plan_id WHERE l.customer_id = c.id), '[]') AS lines,
             -- Bills: per month across all lines, the last 12 months that have data.
             COALESCE((SELECT json_agg(b ORDER BY b.month) FROM (
                 SELECT to_char(month, 'YYYY-MM') AS month, sum(voice_charge)::float8 AS voice, sum(data_charge)::float8 AS data, sum(vas_charge)::float8 AS vas,
                        sum(other_charge)::float8 AS other, sum(total_charge)::float8 AS total, sum(data_mb)::int AS "dataMb",
                        sum(voice_minutes)::int AS "voiceMinutes", sum(sms_count)::int AS sms, bool_and(paid_on_time) AS "paidOnTime"
                 FROM bill WHERE customer_id = c.id GROUP BY bill.month ORDER BY bill.month DESC LIMIT 12) b), '[]') AS bills
      FROM customer c WHERE c.id = ${customerId}`;
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

/** How long a kept search works: a call and its back and forward, not a URL found days later. */
export const SEARCH_TTL_MS = 30 * 60_000;

/** The term of one of the actor's own kept searches (startCustomerSearch), or null when it is
 *  unknown, expired or another user's. */
export async function getCustomerSearchTerm(actor: Actor, searchId: string, now = new Date()): Promise<string | null> {
  assertCan(actor, "customer:search");
  if (!SEARCH_ID.test(searchId)) return null;
  const row = await db.customerSearch.findFirst({ where: { id: searchId, userId: actor.id, expiresAt: { gt: now } }, select: { termEnc: true } });
  if (!row) return null;
  try {
    return decryptPii(row.termEnc);
  } catch {
    return null; // sealed with a retired key: the search is gone, search again
  }
}
