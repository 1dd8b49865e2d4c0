import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ChannelName } from "@/lib/interactions/schemas";
import { decryptPii } from "@/lib/pii/crypto";

export interface AgentActivity {
  today: number;
  week: number;
  avgDurationSec: number | null;
}

/** The acting agent's own contact counts (today in the operator's time zone, and 7 days). */
export async function getMyActivity(actor: Actor, now = new Date()): Promise<AgentActivity> {
  assertCan(actor, "interaction:create");
  const [r] = await db.$queryRaw<Array<{ today: number; week: number; avg: number | null }>>`
    SELECT count(*) FILTER (WHERE occurred_at >= date_trunc('day', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')::int AS today,
           count(*)::int AS week,
           avg(duration_sec)::float8 AS avg
    FROM interaction
    WHERE agent_id = ${actor.id} AND occurred_at >= ${now}::timestamptz - interval '7 days' AND occurred_at <= ${now}::timestamptz`;
  return { today: r?.today ?? 0, week: r?.week ?? 0, avgDurationSec: r?.avg == null ? null : Math.round(r.avg) };
}

export interface ReasonRow {
  code: string;
  nameZh: string;
  nameEn: string;
  isActive: boolean;
  sortOrder: number;
}

// The active reasons are on every 360 page and change a few times a year: read through a short
// cache (an admin's change reaches every node within REASONS_CACHE_MS; this node's at once).
const REASONS_CACHE_MS = 15_000;
let activeReasons: { at: number; rows: Promise<ReasonRow[]> } | undefined;

/** The reason codes an agent can pick when logging a contact (active ones, in admin order). */
export async function listActiveInteractionReasons(actor: Actor, now = Date.now()): Promise<ReasonRow[]> {
  assertCan(actor, "interaction:create");
  if (!activeReasons || now - activeReasons.at >= REASONS_CACHE_MS) {
    const rows = db.interactionReason.findMany({ where: { isActive: true }, orderBy: [{ sortOrder: "asc" }, { code: "asc" }] });
    activeReasons = { at: now, rows };
    rows.catch(() => (activeReasons = undefined)); // a failed read is not cached
  }
  return activeReasons.rows;
}

/** Called by the commands that change reason codes. */
export function forgetActiveInteractionReasons(): void {
  activeReasons = undefined;
}

/** Every reason code, for the admin page. */
export async function listInteractionReasons(actor: Actor): Promise<ReasonRow[]> {
  assertCan(actor, "settings:manage");
  return db.interactionReason.findMany({ orderBy: [{ sortOrder: "asc" }, { code: "asc" }] });
}

/**
 * The line a customer was found by: the 360 page's `?via=` (a search hit's sealed number, see
 * CustomerHit.via). Null when it does not open, or names no line of this customer.
 */
export async function getLineFoundBy(actor: Actor, customerId: number, via: string | undefined): Promise<number | null> {
  assertCan(actor, "interaction:create");
  if (!via || via.length > 400) return null;
  let msisdn: string;
  try {
    msisdn = decryptPii(via);
  } catch {
    return null;
  }
  if (!/^\d{11}$/.test(msisdn)) return null;
  const line = await db.line.findFirst({ where: { msisdn, customerId, status: { not: "TERMINATED" } }, select: { id: true } });
  return line?.id ?? null;
}

export interface ComplaintPrefill {
  interactionId: number;
  lineId: number | null;
  channel: ChannelName;
  /** The contact's reason's complaint category (interaction_reason.complaint_category_id). */
  categoryId: number | null;
  reasonZh: string | null;
  reasonEn: string | null;
  notes: string | null;
}

/**
 * What a complaint opened from a contact starts with: its customer's contact, not yet the source of
 * a complaint; its line, channel, and the category its reason maps to. Null when it is none of those.
 */
export async function getComplaintPrefill(actor: Actor, customerId: number, interactionId: number): Promise<ComplaintPrefill | null> {
  assertCan(actor, "complaint:create");
  if (!Number.isSafeInteger(interactionId) || interactionId <= 0 || interactionId > 2_147_483_647) return null;
  const [r] = await db.$queryRaw<
    Array<{ id: number; line_id: number | null; channel: ChannelName; category_id: number | null; reason_zh: string | null; reason_en: string | null; notes: string | null }>
  >(Prisma.sql`
    SELECT i.id, i.line_id, i.channel::text AS channel, cc.id AS category_id, r.name_zh AS reason_zh, r.name_en AS reason_en, i.notes
    FROM interaction i
    LEFT JOIN interaction_reason r ON r.code = i.reason_code
    LEFT JOIN complaint_category cc ON cc.id = r.complaint_category_id AND cc.is_active
    WHERE i.id = ${interactionId} AND i.customer_id = ${customerId} AND i.complaint_id IS NULL`);
  if (!r) return null;
  return { interactionId: r.id, lineId: r.line_id, channel: r.channel, categoryId: r.category_id, reasonZh: r.reason_zh, reasonEn: r.reason_en, notes: r.notes };
}
