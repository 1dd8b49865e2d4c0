import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";

export interface AuditEntry {
  action: string; // entity.pastTense, e.g. "customer.updated"
  entity: string;
  entityId?: string | number | null;
  data?: Prisma.InputJsonValue;
}

/** Writes one audit row. Call it with the transaction client that makes the change. */
export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor && actor.id > 0 ? actor.id : null,
      actorName: actor?.username ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      ip: actor?.ip ?? null,
      userAgent: actor?.userAgent?.slice(0, 300) ?? null,
      data: entry.data,
    },
  });
}
