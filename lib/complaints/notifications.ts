import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";

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
