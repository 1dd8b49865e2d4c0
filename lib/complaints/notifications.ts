import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { decodeTimeCursor, encodeTimeCursor } from "@/lib/shared/cursor";

// In-app notifications about complaints: written inside the change that causes them (notify in a
// transaction, notifySql inside a one-statement write), and marked read by their recipient.

/** One notification per distinct user id (nulls and the non-positive are skipped). */
export async function notify(tx: Tx, userIds: Iterable<number | null | undefined>, kind: string, complaintId: number, data: Prisma.InputJsonValue) {
  const ids = [...new Set([...userIds].filter((x): x is number => typeof x === "number" && x > 0))];
  if (ids.length) await tx.notification.createMany({ data: ids.map((userId) => ({ userId, kind, complaintId, data })) });
}

/**
 * notify() for a change written as one statement: one notification per row of `recipients` (a
 * SELECT of user ids as `user_id`), about the complaint in CTE `source` (a fixed name, never input).
 */
export function notifySql(source: string, recipients: Prisma.Sql, kind: string, data: Prisma.InputJsonValue): Prisma.Sql {
  if (!/^[a-z_]+$/.test(source)) throw new Error("notifySql: source must be a CTE name");
  return Prisma.sql`
    INSERT INTO notification (user_id, kind, complaint_id, data)
    SELECT r.user_id, ${kind}, x.id, ${JSON.stringify(data)}::jsonb FROM ${Prisma.raw(source)} x, (${recipients}) r`;
}

/** Marks the actor's notifications read (all, or the given ids); only their own rows change. */
export async function markNotificationsRead(actor: Actor, ids: number[] | "all", now = new Date()): Promise<number> {
  const where: Prisma.NotificationWhereInput = { userId: actor.id, readAt: null, ...(ids === "all" ? {} : { id: { in: ids.map(BigInt) } }) };
  const r = await db.notification.updateMany({ where, data: { readAt: now } });
  return r.count;
}

/** Marks the actor's notifications about one complaint read (opening the complaint is reading them). */
export async function markComplaintNotificationsRead(actor: Actor, complaintId: number, now = new Date()): Promise<number> {
  if (!Number.isSafeInteger(complaintId) || complaintId <= 0) return 0;
  const r = await db.notification.updateMany({ where: { userId: actor.id, complaintId, readAt: null }, data: { readAt: now } });
  return r.count;
}

export interface NotificationItem {
  id: number;
  kind: string;
  data: Record<string, unknown> | null;
  createdAt: Date;
  /** Unread until this viewing. */
  isNew: boolean;
}

export interface NotificationGroup {
  /** null: notifications about no complaint. */
  complaintId: number | null;
  complaintNo: string | null;
  latestAt: Date;
  items: NotificationItem[];
}

export const NOTIFICATION_PAGE_SIZE = 50;

/**
 * The actor's notifications, newest first and keyset-paginated on (created_at, id), grouped by
 * complaint (groups ordered by their newest notification on the page). Viewing is reading: the
 * unread ones on the page are marked read in the same call (they still come back as `isNew`), so
 * the badge counts only what the person has not seen.
 */
export async function viewNotifications(
  actor: Actor,
  input: { cursor?: string | null; limit?: number } = {},
  now = new Date(),
): Promise<{ groups: NotificationGroup[]; nextCursor: string | null; unreadLeft: number }> {
  const limit = Math.min(Math.max(input.limit ?? NOTIFICATION_PAGE_SIZE, 1), 200);
  const after = decodeTimeCursor(input.cursor);
  const rows = await db.$queryRaw<
    Array<{ id: bigint; kind: string; complaint_id: number | null; complaint_no: string | null; data: unknown; created_at: Date; read_at: Date | null }>
  >`
    SELECT n.id, n.kind, n.complaint_id, c.complaint_no, n.data, n.created_at, n.read_at
    FROM notification n LEFT JOIN complaint c ON c.id = n.complaint_id
    WHERE n.user_id = ${actor.id} ${after ? Prisma.sql`AND (n.created_at, n.id) < (${after[0]}, ${BigInt(after[1])})` : Prisma.empty}
    ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const unseen = page.filter((r) => !r.read_at).map((r) => r.id);
  if (unseen.length) await db.notification.updateMany({ where: { userId: actor.id, id: { in: unseen }, readAt: null }, data: { readAt: now } });
  const groups = new Map<string, NotificationGroup>();
  for (const r of page) {
    const key = r.complaint_id === null ? "none" : String(r.complaint_id);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { complaintId: r.complaint_id, complaintNo: r.complaint_no, latestAt: r.created_at, items: [] }));
    g.items.push({ id: Number(r.id), kind: r.kind, data: (r.data as Record<string, unknown> | null) ?? null, createdAt: r.created_at, isNew: !r.read_at });
  }
  const last = page.at(-1);
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM notification WHERE user_id = ${actor.id} AND read_at IS NULL LIMIT 100) x`;
  return { groups: [...groups.values()], nextCursor: rows.length > limit && last ? encodeTimeCursor(last.created_at, Number(last.id)) : null, unreadLeft: n };
}
