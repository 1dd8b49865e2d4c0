import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/shared/errors";
import { readLoyaltySettings } from "@/lib/loyalty/config-queries";
import type { LoyaltySettings } from "@/lib/loyalty/settings";
import { entriesInput } from "@/lib/loyalty/schemas";
import { view, type LoyaltyJobView } from "@/lib/loyalty/jobs-commands";

// Reads of the loyalty programme: the customer's points (360 panel), the catalogue, the admin's
// rules, settings and job runs, and the adjustments waiting for a manager.

export interface PointsEntryRow {
  id: string;
  kind: string;
  points: number;
  balanceAfter: number;
  reason: string;
  expiresOn: string | null;
  createdAt: Date;
  /** The entry's key ('bill:2026-11', 'redemption:12', …): what the panel says when there is no reason. */
  ref: string;
  /** A redemption's reward, by name. */
  reward: { zh: string; en: string } | null;
}

export interface PointsPanel {
  customerId: number;
  balance: number;
  lifetimeEarned: number;
  /** The next lot to expire: its day and the points still in it (first in, first out). */
  nextExpiry: { on: string; points: number } | null;
  entries: PointsEntryRow[];
  /** The cursor for "more" (the last entry's id), null at the end. */
  nextBefore: string | null;
}

export const PANEL_ENTRIES = 8;

/** The panel's statement (exported for the benchmark): balance, next expiry, the latest entries. */
export function pointsPanelSql(customerId: number, today: string, before: bigint | null, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id AS customer_id, COALESCE(a.balance, 0) AS balance, COALESCE(a.lifetime_earned, 0) AS lifetime_earned,
      (SELECT json_build_object('on', x.d::text, 'points', least(x.remaining, COALESCE(a.balance, 0)))
       FROM (SELECT d.d, (SELECT COALESCE(sum(points) FILTER (WHERE points > 0 AND expires_on <= d.d), 0) + COALESCE(sum(points) FILTER (WHERE points < 0), 0)
                          FROM points_entry WHERE customer_id = c.id)::int AS remaining
             FROM (SELECT DISTINCT expires_on AS d FROM points_entry WHERE customer_id = c.id AND expires_on >= ${today}::date ORDER BY 1 LIMIT 6) d) x
       WHERE x.remaining > 0 AND COALESCE(a.balance, 0) > 0 ORDER BY x.d LIMIT 1) AS next_expiry,
      COALESCE((SELECT json_agg(json_build_object('id', e.id::text, 'kind', e.kind, 'points', e.points, 'balanceAfter', e.balance_after, 'reason', e.reason,
                                                  'expiresOn', e.expires_on::text, 'createdAt', e.created_at, 'ref', e.ref,
                                                  'reward', CASE WHEN e.kind = 'REDEEM' THEN (
                                                    SELECT json_build_object('zh', r.name_zh, 'en', r.name_en) FROM reward_redemption rr JOIN loyalty_reward r ON r.id = rr.reward_id
                                                    WHERE rr.id = substring(e.ref from '^redemption:([0-9]{1,9})$')::int) END) ORDER BY e.id DESC)
                FROM (SELECT * FROM points_entry WHERE customer_id = c.id ${before ? Prisma.sql`AND id < ${before}` : Prisma.empty}
                      ORDER BY id DESC LIMIT ${limit + 1}) e), '[]') AS entries
    FROM customer c LEFT JOIN points_account a ON a.customer_id = c.id
    WHERE c.id = ${customerId}`;
}

function today(now: Date) {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function getPointsPanel(actor: Actor, raw: unknown, now = new Date()): Promise<PointsPanel> {
  assertCan(actor, "loyalty:read");
  const input = entriesInput.parse(raw);
  const limit = input.limit ?? PANEL_ENTRIES;
  const rows = await db.$queryRaw<
    Array<{
      customer_id: number;
      balance: number;
      lifetime_earned: number;
      next_expiry: { on: string; points: number } | null;
      entries: Array<Omit<PointsEntryRow, "createdAt"> & { createdAt: string }>;
    }>
  >(pointsPanelSql(input.customerId, today(now), input.before ?? null, limit));
  if (!rows.length) throw new NotFoundError("customer");
  const r = rows[0];
  const entries = r.entries.slice(0, limit).map((e) => ({ ...e, createdAt: new Date(e.createdAt) }));
  return {
    customerId: r.customer_id,
    balance: r.balance,
    lifetimeEarned: r.lifetime_earned,
    nextExpiry: r.next_expiry,
    entries,
    nextBefore: r.entries.length > limit ? entries[entries.length - 1].id : null,
  };
}

export interface RewardRow {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  pointsCost: number;
  creditAmount: string | null;
  dataMb: number | null;
  stock: number | null;
  isActive: boolean;
  version: number;
}

const rewardRow = (r: {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  pointsCost: number;
  creditAmount: Prisma.Decimal | null;
  dataMb: number | null;
  stock: number | null;
  isActive: boolean;
  version: number;
}): RewardRow => ({ ...r, creditAmount: r.creditAmount == null ? null : r.creditAmount.toFixed(2) });

/** The catalogue an agent redeems from: active rewards, cheapest first. */
export async function listRedeemableRewards(actor: Actor): Promise<RewardRow[]> {
  assertCan(actor, "loyalty:redeem");
  const rows = await db.loyaltyReward.findMany({ where: { isActive: true }, orderBy: [{ pointsCost: "asc" }, { id: "asc" }], take: 200 });
  return rows.map(rewardRow);
}

export async function listRewards(actor: Actor): Promise<RewardRow[]> {
  assertCan(actor, "loyalty:configure");
  const rows = await db.loyaltyReward.findMany({ orderBy: [{ isActive: "desc" }, { pointsCost: "asc" }, { id: "asc" }], take: 500 });
  return rows.map(rewardRow);
}

export interface EarnRuleRow {
  id: number;
  name: string;
  kind: string;
  planClass: string | null;
  grade: string | null;
  pointsPerYuan: string;
  multiplier: string;
  startsOn: string | null;
  endsOn: string | null;
  isActive: boolean;
  version: number;
}

export async function listEarnRules(actor: Actor): Promise<EarnRuleRow[]> {
  assertCan(actor, "loyalty:configure");
  const rows = await db.loyaltyEarnRule.findMany({ orderBy: [{ isActive: "desc" }, { kind: "asc" }, { id: "asc" }], take: 500 });
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    planClass: r.planClass,
    grade: r.grade,
    pointsPerYuan: r.pointsPerYuan.toFixed(2),
    multiplier: r.multiplier.toFixed(2),
    startsOn: day(r.startsOn),
    endsOn: day(r.endsOn),
    isActive: r.isActive,
    version: r.version,
  }));
}

export async function getLoyaltySettings(actor: Actor): Promise<LoyaltySettings> {
  assertCan(actor, "loyalty:configure");
  return readLoyaltySettings(db);
}

/** The latest runs of each job (admin page), newest first. */
export async function listLoyaltyJobs(actor: Actor, limit = 20): Promise<LoyaltyJobView[]> {
  assertCan(actor, "loyalty:configure");
  const rows = await db.loyaltyJob.findMany({ where: { kind: { in: ["EARN", "EXPIRE", "RECONCILE"] } }, orderBy: { id: "desc" }, take: Math.min(limit, 100) });
  return rows.map(view);
}

/** The months that have bills (newest first): what the earning job can run for. */
export async function listBillMonths(actor: Actor): Promise<string[]> {
  assertCan(actor, "loyalty:configure");
  // A loose index scan over bill(month) would need an index; the last 24 calendar months probed one by one are cheap.
  const rows = await db.$queryRaw<Array<{ m: string }>>`
    SELECT to_char(m, 'YYYY-MM') AS m FROM generate_series(date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '23 months',
                                                            date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai'), interval '1 month') m
    WHERE EXISTS (SELECT 1 FROM bill WHERE month = m::date) ORDER BY m DESC`;
  return rows.map((r) => r.m);
}

export interface PendingAdjustmentRow {
  id: number;
  version: number;
  customerId: number;
  customerNo: string;
  customerName: string;
  points: number;
  reason: string;
  requestedBy: number;
  requesterName: string;
  createdAt: Date;
  balance: number;
}

/** Adjustments waiting for a manager, oldest first. */
export async function listPendingAdjustments(actor: Actor): Promise<PendingAdjustmentRow[]> {
  assertCan(actor, "loyalty:approve");
  return db.$queryRaw<PendingAdjustmentRow[]>`
    SELECT p.id, p.version, p.customer_id AS "customerId", c.customer_no AS "customerNo", c.name AS "customerName", p.points, p.reason,
           p.requested_by AS "requestedBy", u.display_name AS "requesterName", p.created_at AS "createdAt", COALESCE(a.balance, 0) AS balance
    FROM points_adjustment p JOIN customer c ON c.id = p.customer_id JOIN app_user u ON u.id = p.requested_by
    LEFT JOIN points_account a ON a.customer_id = p.customer_id
    WHERE p.status = 'PENDING_APPROVAL' ORDER BY p.created_at, p.id LIMIT 200`;
}

export interface CustomerPointsView {
  panel: PointsPanel;
  rewards: RewardRow[] | null;
  canAdjust: boolean;
}

/**
 * Everything the 360's points panel shows, for a viewer with loyalty:read (else null): the panel
 * (entries before `before`, the "more" cursor from the URL), the catalogue when they may redeem.
 */
export async function getCustomerPointsView(actor: Actor, customerId: number, before?: string | null): Promise<CustomerPointsView | null> {
  if (!can(actor, "loyalty:read")) return null;
  const cursor = before && /^\d{1,18}$/.test(before) ? before : undefined;
  const [panel, rewards] = await Promise.all([
    getPointsPanel(actor, { customerId, before: cursor }),
    can(actor, "loyalty:redeem") ? listRedeemableRewards(actor) : null,
  ]);
  return { panel, rewards, canAdjust: can(actor, "loyalty:adjust") };
}
