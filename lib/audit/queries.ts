import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";

export interface AuditRow {
  id: string;
  at: Date;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
}

/** Newest first, keyset-paginated by id. */
export async function listAuditEntries(actor: Actor, opts: { before?: string; limit?: number } = {}): Promise<AuditRow[]> {
  assertCan(actor, "audit:read");
  const before = opts.before && /^\d+$/.test(opts.before) ? BigInt(opts.before) : undefined;
  const rows = await db.auditLog.findMany({
    where: before ? { id: { lt: before } } : {},
    orderBy: { id: "desc" },
    take: Math.min(opts.limit ?? 50, 200),
    select: { id: true, at: true, actorName: true, action: true, entity: true, entityId: true, ip: true },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
