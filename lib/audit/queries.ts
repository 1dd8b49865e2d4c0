import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditFilter } from "@/lib/audit/schemas";

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

export interface AuditSearchRow extends AuditRow {
  data: unknown;
}

/**
 * The audit viewer: filters on actor (username), entity, action (prefix) and a date range
 * (inclusive days, UTC), newest first, keyset-paginated by id (`before`).
 */
export async function searchAuditEntries(actor: Actor, filter: AuditFilter, limit = 50): Promise<{ rows: AuditSearchRow[]; nextBefore: string | null }> {
  assertCan(actor, "audit:read");
  const take = Math.min(Math.max(limit, 1), 10_000);
  const rows = await db.auditLog.findMany({
    where: {
      ...(filter.actor ? { actorName: filter.actor.toLowerCase() } : {}),
      ...(filter.entity ? { entity: filter.entity } : {}),
      ...(filter.action ? { action: { startsWith: filter.action } } : {}),
      ...(filter.from || filter.to
        ? { at: { ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}), ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}) } }
        : {}),
      ...(filter.before ? { id: { lt: BigInt(filter.before) } } : {}),
    },
    orderBy: { id: "desc" },
    take: take + 1,
    select: { id: true, at: true, actorName: true, action: true, entity: true, entityId: true, ip: true, data: true },
  });
  const page = rows.slice(0, take).map((r) => ({ ...r, id: r.id.toString() }));
  return { rows: page, nextBefore: rows.length > take ? (page.at(-1)?.id ?? null) : null };
}

/** The CSV export of a filtered view (at most 10,000 rows); the export itself is audited. */
export async function exportAuditEntries(actor: Actor, filter: AuditFilter): Promise<AuditSearchRow[]> {
  assertCan(actor, "audit:read");
  const { rows } = await searchAuditEntries(actor, { ...filter, before: undefined }, 10_000);
  await recordAudit(db, actor, { action: "audit.exported", entity: "audit_log", data: { filter: { ...filter }, rows: rows.length } });
  return rows;
}
