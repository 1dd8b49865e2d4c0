// A cheap fingerprint of every table (row count + sum of row hashes), to prove that a refused
// request changed nothing. audit_log is checked separately (no new row).
import { db } from "@/lib/db";

let tables: string[] | undefined;

export async function fingerprint(): Promise<Record<string, string>> {
  tables ??= (
    await db.$queryRaw<Array<{ table_name: string }>>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', '_prisma_migrations')
      ORDER BY table_name`
  ).map((r) => r.table_name);
  const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text AS h FROM "${t}" x`).join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<Array<{ t: string; h: string }>>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

export async function lastAuditId(): Promise<bigint> {
  const [r] = await db.$queryRaw<Array<{ m: bigint | null }>>`SELECT max(id) AS m FROM audit_log`;
  return r?.m ?? 0n;
}

export async function auditRowsSince(id: bigint) {
  return db.auditLog.findMany({ where: { id: { gt: id } }, select: { action: true, actorName: true } });
}
