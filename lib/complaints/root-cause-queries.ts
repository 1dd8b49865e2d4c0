import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";

export interface RootCauseOption {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

/**
 * The root causes a complaint of this category is resolved with (总结分析, seed 001 §7.3.2): the
 * category's own active ones, or — when it has none — its nearest ancestor's. Empty when no
 * category up the tree has any (then resolving names none).
 */
export async function rootCausesOfCategory(client: Tx, categoryId: number): Promise<RootCauseOption[]> {
  return client.$queryRaw<RootCauseOption[]>(Prisma.sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, 0 AS depth FROM complaint_category WHERE id = ${categoryId}
      UNION ALL
      SELECT p.id, p.parent_id, up.depth + 1 FROM complaint_category p JOIN up ON p.id = up.parent_id WHERE up.depth < 10),
    nearest AS (
      SELECT up.id FROM up WHERE EXISTS (SELECT 1 FROM complaint_root_cause r WHERE r.category_id = up.id AND r.is_active)
      ORDER BY up.depth LIMIT 1)
    SELECT r.id, r.code, r.name_zh AS "nameZh", r.name_en AS "nameEn"
    FROM complaint_root_cause r JOIN nearest n ON n.id = r.category_id
    WHERE r.is_active
    ORDER BY r.sort_order, r.id`);
}

/** The resolve form's choices for a complaint's category (handlers only). */
export async function listRootCausesForCategory(actor: Actor, categoryId: number): Promise<RootCauseOption[]> {
  assertCan(actor, "complaint:handle");
  return rootCausesOfCategory(db, categoryId);
}

/** One root cause by id (a complaint's, shown on its page even after it was deactivated). */
export async function getRootCause(actor: Actor, id: number | null): Promise<RootCauseOption | null> {
  assertCan(actor, "complaint:read");
  if (id === null) return null;
  return db.complaintRootCause.findUnique({ where: { id }, select: { id: true, code: true, nameZh: true, nameEn: true } });
}
