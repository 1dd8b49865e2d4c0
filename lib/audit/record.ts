import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
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
    data: { ...who(actor), action: entry.action, entity: entry.entity, entityId: entry.entityId == null ? null : String(entry.entityId), data: entry.data },
  });
}

/**
 * The same audit row as an `INSERT … SELECT` over the rows of `source`, a CTE of the statement that
 * makes the change with an `id` column (the entity id): for a change written as one statement, so
 * its audit row commits with it or not at all. `source` is a fixed name in our SQL, never input.
 */
export function auditInsertSql(actor: Actor | null, entry: Omit<AuditEntry, "entityId">, source: string): Prisma.Sql {
  if (!/^[a-z_]+$/.test(source)) throw new Error("auditInsertSql: source must be a CTE name");
  const w = who(actor);
  return Prisma.sql`
    INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, ip, user_agent, data)
    SELECT ${w.actorId}::int, ${w.actorName}::text, ${entry.action}, ${entry.entity}, s.id::text, ${w.ip}::text, ${w.userAgent}::text,
           ${entry.data === undefined ? null : JSON.stringify(entry.data)}::jsonb
    FROM ${Prisma.raw(source)} s`;
}

function who(actor: Actor | null) {
  return {
    actorId: actor && actor.id > 0 ? actor.id : null,
    actorName: actor?.username ?? null,
    ip: actor?.ip ?? null,
    userAgent: actor?.userAgent?.slice(0, 300) ?? null,
  };
}
