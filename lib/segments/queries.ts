import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { assertRateLimit } from "@/lib/shared/rate-limit";
import { compileSegmentCount } from "@/lib/segments/compile";
import { listCustomerName, maskMsisdn, maskName } from "@/lib/pii/mask";

/** Live count for the builder: one indexed count (customer_score alone when the rules allow). */
export async function countSegmentPreview(actor: Actor, rules: unknown, now = new Date()): Promise<number> {
  assertCan(actor, "segment:manage");
  const [row] = await db.$queryRaw<Array<{ n: number }>>(compileSegmentCount(rules, now));
  return row.n;
}

/**
 * The builder's live count (countSegmentAction), with how long it took. Interactive callers go
 * through here: each preview counts over the whole base, so a person gets a per-user allowance
 * (RATE_LIMITS.segmentPreview), taken only after the permission check so a refused caller
 * takes nothing. Jobs and the benchmark call countSegmentPreview directly.
 */
export async function previewSegmentCount(actor: Actor, rules: unknown, now = new Date()): Promise<{ count: number; ms: number }> {
  assertCan(actor, "segment:manage");
  await assertRateLimit("segmentPreview", actor.id, now);
  const t0 = performance.now();
  const count = await countSegmentPreview(actor, rules, now);
  return { count, ms: Math.round(performance.now() - t0) };
}

export interface SegmentSummary {
  id: number;
  name: string;
  description: string | null;
  kind: "DYNAMIC" | "STATIC";
  source: string;
  size: number;
  refreshedAt: Date | null;
  createdAt: Date;
}

export async function listSegments(actor: Actor): Promise<SegmentSummary[]> {
  assertCan(actor, "segment:manage");
  return db.segment.findMany({
    orderBy: { id: "desc" },
    take: 200,
    select: { id: true, name: true, description: true, kind: true, source: true, size: true, refreshedAt: true, createdAt: true },
  });
}

export async function getSegment(actor: Actor, id: number) {
  assertCan(actor, "segment:manage");
  const s = await db.segment.findUnique({ where: { id }, include: { history: { orderBy: { at: "desc" }, take: 30 } } });
  if (!s) throw new NotFoundError("segment");
  return s;
}

export interface SegmentMemberRow {
  id: number;
  customerNo: string;
  /** Masked unless the actor may reveal PII (listCustomerName); exports always mask. */
  name: string;
  msisdnMasked: string;
  city: string;
  tier: string | null;
  score: number | null;
  churnBand: string | null;
  lifecycleStage: string | null;
}

type MemberRow = { id: number; customer_no: string; name: string; type: string; city: string; msisdn: string | null; tier: string | null; score: number | null; churn_band: string | null; lifecycle_stage: string | null };

async function memberRows(segmentId: number, afterId: number, limit: number): Promise<MemberRow[]> {
  return db.$queryRaw<MemberRow[]>`
    SELECT c.id, c.customer_no, c.name, c.type::text AS type, c.city,
      (SELECT l.msisdn FROM line l WHERE l.customer_id = c.id ORDER BY l.id LIMIT 1) AS msisdn,
      s.tier::text AS tier, s.score, s.churn_band::text AS churn_band, s.lifecycle_stage::text AS lifecycle_stage
    FROM segment_member m JOIN customer c ON c.id = m.customer_id LEFT JOIN customer_score s ON s.customer_id = c.id
    WHERE m.segment_id = ${segmentId} AND m.customer_id > ${afterId}
    ORDER BY m.customer_id LIMIT ${limit}`;
}

function toMember(r: MemberRow, nameOf: (name: string, type: string) => string = maskName): SegmentMemberRow {
  return {
    id: r.id,
    customerNo: r.customer_no,
    name: nameOf(r.name, r.type),
    msisdnMasked: maskMsisdn(r.msisdn),
    city: r.city,
    tier: r.tier,
    score: r.score == null ? null : Math.round(r.score * 10) / 10,
    churnBand: r.churn_band,
    lifecycleStage: r.lifecycle_stage,
  };
}

/** Members, masked, keyset-paginated by customer id. */
export async function listSegmentMembers(actor: Actor, segmentId: number, input: { afterId?: number; limit?: number } = {}) {
  assertCan(actor, "segment:manage");
  const exists = await db.segment.findUnique({ where: { id: segmentId }, select: { id: true } });
  if (!exists) throw new NotFoundError("segment");
  const limit = Math.min(100, Math.max(1, input.limit ?? 50));
  const rows = await memberRows(segmentId, input.afterId ?? 0, limit + 1);
  const page = rows.slice(0, limit).map((r) => toMember(r, (name, type) => listCustomerName(actor, name, type)));
  return { members: page, nextAfterId: rows.length > limit ? page[page.length - 1].id : null };
}

export { memberRows as _memberRowsForExport, toMember as _toMemberForExport };

export async function compareSegments(actor: Actor, aId: number, bId: number) {
  assertCan(actor, "segment:manage");
  const segs = await db.segment.findMany({ where: { id: { in: [aId, bId] } }, select: { id: true, name: true, size: true } });
  const a = segs.find((s) => s.id === aId);
  const b = segs.find((s) => s.id === bId);
  if (!a || !b) throw new NotFoundError("segment");
  const [row] = await db.$queryRaw<Array<{ both: number }>>`
    SELECT count(*)::int AS both FROM segment_member x JOIN segment_member y ON y.customer_id = x.customer_id AND y.segment_id = ${bId}
    WHERE x.segment_id = ${aId}`;
  const union = a.size + b.size - row.both;
  return { a, b, both: row.both, onlyA: a.size - row.both, onlyB: b.size - row.both, jaccard: union > 0 ? row.both / union : 0 };
}

export interface SegmentOptions {
  cities: string[];
  plans: Array<{ code: string; nameZh: string; nameEn: string }>;
}

export async function getSegmentOptions(actor: Actor): Promise<SegmentOptions> {
  assertCan(actor, "segment:manage");
  const cities = await db.$queryRaw<Array<{ city: string }>>(Prisma.sql`SELECT DISTINCT city FROM customer ORDER BY city`);
  const plans = await db.plan.findMany({ select: { code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } });
  return { cities: cities.map((c) => c.city), plans };
}
