import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { auditInsertSql } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { maskAddress, maskEmail, maskMsisdn, maskName } from "@/lib/pii/mask";
import { classifySearchTerm, CUSTOMER_STATUSES } from "@/lib/customers/schemas";
import { searchCustomers } from "@/lib/customers/queries";

// A subscriber's profile as another system reads it (the Open API's TMF629 Customer): identity,
// contact media, consent, value tier, churn band, member grade and segments, in ONE statement.
// Masked like every list (lib/pii/mask.ts). With `reveal` (customer:revealPii) the name, numbers,
// e-mail and address come in clear and the same statement writes one `customer.piiRevealed` audit
// row per customer shown, as the 360's reveal does: no clear value without its trace.

export const VALUE_TIERS = ["DIAMOND", "GOLD", "SILVER", "STANDARD"] as const;
/** Lines listed per customer (an enterprise may have hundreds; the rest are in the 360). */
export const PROFILE_LINES = 20;
/** Most rows of one page, and the deepest offset (deeper pages walk with `afterId`). */
export const PROFILE_PAGE_MAX = 100;
export const PROFILE_OFFSET_MAX = 10_000;

/** The PII fields a reveal shows (the audit row names them). */
export const REVEALED_FIELDS = ["name", "msisdn", "contactPhone", "email", "address"] as const;
const REVEAL_REASON = "Open API (customer:reveal)";

export interface CustomerProfile {
  id: number;
  customerNo: string;
  type: string;
  /** Surname only (张**) for people unless revealed; organisations as registered. */
  name: string;
  status: string;
  province: string;
  city: string;
  /** Service numbers of the lines not terminated (first PROFILE_LINES), masked unless revealed. */
  msisdns: string[];
  contactPhone: string | null;
  email: string | null;
  address: string | null;
  preferredLang: string;
  consent: { sms: boolean; call: boolean; email: boolean; push: boolean; wechat: boolean; doNotDisturb: boolean };
  /** null: not scored yet, or the actor lacks value:read. */
  valueTier: string | null;
  churnBand: string | null;
  memberGrade: string | null;
  segments: string[];
  joinedAt: string;
  createdAt: Date;
  version: number;
  revealed: boolean;
}

export interface ProfileFilter {
  status?: (typeof CUSTOMER_STATUSES)[number];
  valueTier?: (typeof VALUE_TIERS)[number];
  /** A full service number, looked up through the agents' search (searchCustomers). */
  msisdn?: string;
  /** Keyset: customers with a larger id. */
  afterId?: number;
  offset?: number;
  limit?: number;
}

interface Row {
  id: number;
  customer_no: string;
  type: string;
  name: string;
  status: string;
  province: string;
  city: string;
  contact_phone: string | null;
  email: string | null;
  address: string | null;
  preferred_lang: string;
  consent_sms: boolean;
  consent_call: boolean;
  consent_email: boolean;
  consent_push: boolean;
  consent_wechat: boolean;
  do_not_disturb: boolean;
  joined_at: string;
  created_at: Date;
  version: number;
  value_tier: string | null;
  churn_band: string | null;
  member_grade: string | null;
  msisdns: string[];
  segments: string[];
}

/** One customer's profile (customer:read; `reveal` needs customer:revealPii and is audited). */
export async function getCustomerProfile(actor: Actor, customerId: number, opts: { reveal?: boolean } = {}): Promise<CustomerProfile> {
  assertCan(actor, "customer:read");
  if (opts.reveal) assertCan(actor, "customer:revealPii");
  if (!Number.isSafeInteger(customerId) || customerId <= 0 || customerId > 2_147_483_647) throw new NotFoundError("customer");
  const page = Prisma.sql`SELECT id FROM customer WHERE id = ${customerId}`;
  const [row] = await sqlRows<Row>(profileSql(actor, page, !!opts.reveal), { prepared: true });
  if (!row) throw new NotFoundError("customer");
  return toProfile(actor, row, !!opts.reveal);
}

/**
 * A page of profiles in id order: by status, value tier, one full service number (the agents'
 * number search, with its checks), after an id (keyset) or from an offset (≤ PROFILE_OFFSET_MAX).
 * `more` tells whether another page follows. No name search: a name is PII, and a search by it
 * is the agents' audited search, not a filter for other systems.
 */
export async function listCustomerProfiles(
  actor: Actor,
  filter: ProfileFilter,
  opts: { reveal?: boolean } = {},
): Promise<{ profiles: CustomerProfile[]; more: boolean }> {
  assertCan(actor, "customer:read");
  if (opts.reveal) assertCan(actor, "customer:revealPii");
  const limit = Math.min(Math.max(1, filter.limit ?? 20), PROFILE_PAGE_MAX);
  const offset = Math.max(0, filter.offset ?? 0);
  if (offset > PROFILE_OFFSET_MAX) throw new ValidationError({ offset: "tooBig" });
  if (filter.status && !CUSTOMER_STATUSES.includes(filter.status)) throw new ValidationError({ status: "invalidOption" });
  if (filter.valueTier && !VALUE_TIERS.includes(filter.valueTier)) throw new ValidationError({ valueTier: "invalidOption" });
  const where: Prisma.Sql[] = [];
  if (filter.msisdn !== undefined) {
    const q = filter.msisdn.replace(/[\s-]/g, "");
    if (classifySearchTerm(q) !== "msisdn") throw new ValidationError({ msisdn: "invalidFormat" });
    const found = await searchCustomers(actor, { q, limit: 50 });
    const ids = [...new Set(found.hits.map((h) => h.id))];
    if (ids.length === 0) return { profiles: [], more: false };
    where.push(Prisma.sql`c.id = ANY(${ids}::int[])`);
  }
  const page = profilePageSql(filter, where, limit + 1, offset);
  const rows = await sqlRows<Row>(profileSql(actor, page, !!opts.reveal, limit));
  return { profiles: rows.slice(0, limit).map((r) => toProfile(actor, r, !!opts.reveal)), more: rows.length > limit };
}

/**
 * The ids of a page. With a value tier the walk is customer_score's primary key in customer order,
 * keeping that tier (a tier is ≥ 5 % of the base: a page of 100 reads about 2,000 index entries);
 * joining the tier to customers in customer order instead made PostgreSQL gather and sort the whole
 * tier (45 k rows, 330 ms at 300 k customers). Otherwise customer's primary key, filtered by status.
 * Exported for EXPLAIN in measurements.
 */
export function profilePageSql(
  filter: Pick<ProfileFilter, "status" | "valueTier" | "afterId">,
  where: Prisma.Sql[],
  limit: number,
  offset: number,
): Prisma.Sql {
  const status = filter.status ? Prisma.sql`c.status = ${filter.status}::"CustomerStatus"` : null;
  if (filter.valueTier) {
    const conditions = [Prisma.sql`s.tier = ${filter.valueTier}::"ValueTier"`, ...where];
    if (filter.afterId) conditions.push(Prisma.sql`s.customer_id > ${filter.afterId}`);
    if (status) conditions.push(status);
    return Prisma.sql`
      SELECT s.customer_id AS id FROM customer_score s JOIN customer c ON c.id = s.customer_id
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY s.customer_id LIMIT ${limit} OFFSET ${offset}`;
  }
  const conditions = [...where];
  if (filter.afterId) conditions.push(Prisma.sql`c.id > ${filter.afterId}`);
  if (status) conditions.push(status);
  return Prisma.sql`
    SELECT c.id FROM customer c
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty}
    ORDER BY c.id LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * The profiles of the customers `page` selects (a statement with an `id` column, in id order),
 * with the audit rows of a reveal written by the same statement for the first `shown` of them.
 * Exported for EXPLAIN in measurements.
 */
export function profileSql(actor: Actor, page: Prisma.Sql, reveal: boolean, shown = 1): Prisma.Sql {
  const audit = reveal
    ? Prisma.sql`, shown AS (SELECT id FROM page ORDER BY id LIMIT ${shown}),
        revealed AS (${auditInsertSql(actor, { action: "customer.piiRevealed", entity: "customer", data: { fields: [...REVEALED_FIELDS], reason: REVEAL_REASON } }, "shown")})`
    : Prisma.empty;
  return Prisma.sql`
    WITH page AS (${page}) ${audit}
    SELECT c.id, c.customer_no, c.type::text AS type, c.name, c.status::text AS status, c.province, c.city, c.contact_phone, c.email, c.address,
           c.preferred_lang, c.consent_sms, c.consent_call, c.consent_email, c.consent_push, c.consent_wechat, c.do_not_disturb,
           c.joined_at::text AS joined_at, c.created_at, c.version,
           s.tier::text AS value_tier, s.churn_band::text AS churn_band, m.grade::text AS member_grade,
           ARRAY(SELECT l.msisdn FROM line l WHERE l.customer_id = c.id AND l.status <> 'TERMINATED' ORDER BY l.id LIMIT ${PROFILE_LINES}) AS msisdns,
           ARRAY(SELECT g.name FROM segment_member sm JOIN segment g ON g.id = sm.segment_id WHERE sm.customer_id = c.id ORDER BY g.name, g.id LIMIT 50) AS segments
    FROM page p
    JOIN customer c ON c.id = p.id
    LEFT JOIN customer_score s ON s.customer_id = c.id
    LEFT JOIN customer_membership m ON m.customer_id = c.id
    ORDER BY c.id`;
}

function toProfile(actor: Actor, r: Row, reveal: boolean): CustomerProfile {
  const value = can(actor, "value:read");
  return {
    id: r.id,
    customerNo: r.customer_no,
    type: r.type,
    name: reveal ? r.name : maskName(r.name, r.type),
    status: r.status,
    province: r.province,
    city: r.city,
    msisdns: r.msisdns.map((n) => (reveal ? n : maskMsisdn(n))),
    contactPhone: r.contact_phone ? (reveal ? r.contact_phone : maskMsisdn(r.contact_phone)) : null,
    email: r.email ? (reveal ? r.email : maskEmail(r.email)) : null,
    address: r.address ? (reveal ? r.address : maskAddress(r.address)) : null,
    preferredLang: r.preferred_lang,
    consent: {
      sms: r.consent_sms,
      call: r.consent_call,
      email: r.consent_email,
      push: r.consent_push,
      wechat: r.consent_wechat,
      doNotDisturb: r.do_not_disturb,
    },
    valueTier: value ? r.value_tier : null,
    churnBand: value ? r.churn_band : null,
    memberGrade: r.member_grade,
    segments: r.segments,
    joinedAt: r.joined_at,
    createdAt: r.created_at,
    version: r.version,
    revealed: reveal,
  };
}
