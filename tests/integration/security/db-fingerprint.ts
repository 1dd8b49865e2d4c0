// A cheap fingerprint of every table (row count + sum of row hashes), to prove that a refused
// request changed nothing. audit_log is checked separately (no new row).
import { db } from "@/lib/db";

let tables: Array<{ name: string; big: boolean }> | undefined;

export async function fingerprint(): Promise<Record<string, string>> {
  // Large history tables (bills, interactions) are compared by row count and newest row version
  // (an UPDATE or INSERT creates a row with a new xmin); the rest by a hash of every row.
  tables ??= (
    await db.$queryRaw<Array<{ name: string; rows: number }>>`
      SELECT c.relname AS name, greatest(c.reltuples, 0)::int AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('audit_log', '_prisma_migrations') AND NOT c.relispartition
      ORDER BY c.relname`
  ).map((r) => ({ name: r.name, big: r.rows > 5000 }));
  const sql = tables
    .map(({ name, big }) =>
      big
        ? `SELECT '${name}' AS t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text AS h FROM "${name}" x`
        : `SELECT '${name}' AS t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text AS h FROM "${name}" x`,
    )
    .join(" UNION ALL ");
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

/**
 * Jobs an accepted call started in the background (a grading run, a value recalculation, an import)
 * that are still queued or running: the next hostile input's fingerprint must not see them land.
 */
export async function unfinishedJobs(): Promise<number> {
  const [{ n }] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT ((SELECT count(*) FROM loyalty_job WHERE status IN ('QUEUED', 'RUNNING'))
          + (SELECT count(*) FROM value_job WHERE status IN ('QUEUED', 'RUNNING'))
          + (SELECT count(*) FROM import_job WHERE status IN ('QUEUED', 'RUNNING')))::int AS n`;
  return n;
}

/** Waits (at most 30 s) until no more jobs are unfinished than before the call. */
export async function backgroundSettled(before: number): Promise<void> {
  for (let i = 0; i < 120 && (await unfinishedJobs()) > before; i++) await new Promise((r) => setTimeout(r, 250));
}
