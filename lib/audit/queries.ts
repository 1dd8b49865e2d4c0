import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditFilter } from "@/lib/audit/schemas";

export interface AuditRow {
  id: string;
  at: Date;
  /** The acting user as people know them: "王芳 (agent1)"; the username alone when the user is gone, null for the system. */
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** What the record is called where the app names it (a user's name, a complaint's or customer's number, a segment's name). */
  entityName: string | null;
  ip: string | null;
}

type RawAuditRow = Omit<AuditRow, "id" | "entityName"> & { id: bigint; actorId: number | null; data?: unknown };

const numericIds = (rows: RawAuditRow[], entity: string) => [
  ...new Set(rows.filter((r) => r.entity === entity && r.entityId && /^\d{1,9}$/.test(r.entityId)).map((r) => Number(r.entityId))),
];

/**
 * Names instead of numbers: the acting user's display name, and the records' own names for the
 * entities people refer to by name or number. One query per kind for the whole page.
 */
async function withNames(rows: RawAuditRow[]): Promise<Array<AuditRow & { data?: unknown }>> {
  const userIds = [...new Set([...rows.map((r) => r.actorId).filter((x): x is number => x != null), ...numericIds(rows, "user")])];
  const [users, complaints, customers, segments] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true, displayName: true } }) : [],
    numericIds(rows, "complaint").length ? db.complaint.findMany({ where: { id: { in: numericIds(rows, "complaint") } }, select: { id: true, complaintNo: true } }) : [],
    numericIds(rows, "customer").length ? db.customer.findMany({ where: { id: { in: numericIds(rows, "customer") } }, select: { id: true, customerNo: true } }) : [],
    numericIds(rows, "segment").length ? db.segment.findMany({ where: { id: { in: numericIds(rows, "segment") } }, select: { id: true, name: true } }) : [],
  ]);
  const userName = new Map(users.map((u) => [u.id, `${u.displayName} (${u.username})`]));
  const names: Record<string, Map<number, string>> = {
    user: userName,
    complaint: new Map(complaints.map((c) => [c.id, c.complaintNo])),
    customer: new Map(customers.map((c) => [c.id, c.customerNo])),
    segment: new Map(segments.map((s) => [s.id, s.name])),
  };
  return rows.map(({ actorId, id, ...r }) => ({
    ...r,
    id: id.toString(),
    actorName: (actorId != null ? userName.get(actorId) : undefined) ?? r.actorName,
    entityName: r.entityId && names[r.entity] ? (names[r.entity].get(Number(r.entityId)) ?? null) : null,
  }));
}

/** Newest first, keyset-paginated by id. */
export async function listAuditEntries(actor: Actor, opts: { before?: string; limit?: number } = {}): Promise<AuditRow[]> {
  assertCan(actor, "audit:read");
  const before = opts.before && /^\d+$/.test(opts.before) ? BigInt(opts.before) : undefined;
  const rows = await db.auditLog.findMany({
    where: before ? { id: { lt: before } } : {},
    orderBy: { id: "desc" },
    take: Math.min(opts.limit ?? 50, 200),
    select: { id: true, at: true, actorId: true, actorName: true, action: true, entity: true, entityId: true, ip: true },
  });
  return withNames(rows);
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
    select: { id: true, at: true, actorId: true, actorName: true, action: true, entity: true, entityId: true, ip: true, data: true },
  });
  const page = (await withNames(rows.slice(0, take))).map((r) => ({ ...r, data: r.data ?? null }));
  return { rows: page, nextBefore: rows.length > take ? (page.at(-1)?.id ?? null) : null };
}

/** The CSV export of a filtered view (at most 10,000 rows); the export itself is audited. */
export async function exportAuditEntries(actor: Actor, filter: AuditFilter): Promise<AuditSearchRow[]> {
  assertCan(actor, "audit:read");
  const { rows } = await searchAuditEntries(actor, { ...filter, before: undefined }, 10_000);
  await recordAudit(db, actor, { action: "audit.exported", entity: "audit_log", data: { filter: { ...filter }, rows: rows.length } });
  return rows;
}
