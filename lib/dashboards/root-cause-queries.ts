import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { DashboardFilters } from "@/lib/dashboards/filters";

export interface RootCauseRow {
  categoryId: number;
  categoryZh: string;
  categoryEn: string;
  /** Null: resolved without one (before root causes, a bulk incident resolve, or a category with none). */
  rootCauseId: number | null;
  rootCauseZh: string | null;
  rootCauseEn: string | null;
  resolved: number;
  /** Share of the category's resolved complaints (0–1). */
  share: number;
}

/**
 * Why complaints happen (总结分析): complaints resolved in the filter period (resolution day in the
 * operator's time zone, not yet reopened), by category and the root cause named at resolution,
 * with the dashboard's team / category / channel / tier / region filters. One aggregate over the
 * period's slice of the partial `complaint_resolved_at_idx` (a month at the provincial rate is
 * ≈ 170 k rows); the result is at most categories × causes rows. Ordered by category volume,
 * then by count within it.
 */
export async function listRootCauseBreakdown(actor: Actor, f: DashboardFilters): Promise<RootCauseRow[]> {
  assertCan(actor, "dashboard:read");
  const parts: Prisma.Sql[] = [
    Prisma.sql`c.resolved_at >= (${f.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    Prisma.sql`c.resolved_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
  ];
  if (f.team !== undefined) parts.push(Prisma.sql`c.team_id = ${f.team}`);
  if (f.category !== undefined) parts.push(Prisma.sql`c.category_id = ${f.category}`);
  if (f.channel !== undefined) parts.push(Prisma.sql`c.channel::text = ${f.channel}`);
  if (f.tier !== undefined) parts.push(Prisma.sql`c.value_tier = ${f.tier}`);
  if (f.region !== undefined) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM customer cu WHERE cu.id = c.customer_id AND cu.city = ${f.region})`);
  const rows = await db.$queryRaw<
    Array<{ category_id: number; name_zh: string; name_en: string; root_cause_id: number | null; rc_zh: string | null; rc_en: string | null; n: number; category_total: number }>
  >`
    WITH g AS (
      SELECT c.category_id, c.root_cause_id, count(*)::int AS n
      FROM complaint c
      WHERE c.resolved_at IS NOT NULL AND ${Prisma.join(parts, " AND ")}
      GROUP BY c.category_id, c.root_cause_id)
    SELECT g.category_id, cc.name_zh, cc.name_en, g.root_cause_id, rc.name_zh AS rc_zh, rc.name_en AS rc_en, g.n,
           (sum(g.n) OVER (PARTITION BY g.category_id))::int AS category_total
    FROM g JOIN complaint_category cc ON cc.id = g.category_id
    LEFT JOIN complaint_root_cause rc ON rc.id = g.root_cause_id
    ORDER BY category_total DESC, cc.sort_order, g.n DESC, g.root_cause_id NULLS LAST`;
  return rows.map((r) => ({
    categoryId: r.category_id,
    categoryZh: r.name_zh,
    categoryEn: r.name_en,
    rootCauseId: r.root_cause_id,
    rootCauseZh: r.rc_zh,
    rootCauseEn: r.rc_en,
    resolved: r.n,
    share: r.category_total > 0 ? r.n / r.category_total : 0,
  }));
}
