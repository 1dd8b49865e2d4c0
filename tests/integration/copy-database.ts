// Sets up a second test database (a fault-test server, a backup source): its schema from the
// migrations, then the seeded test database copied in — every public table as is, triggers off
// like a replica, every sequence set past the ids it copied. No lib imports, so tests that run
// their own PostgreSQL can use it.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { pipeline } from "node:stream/promises";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

/** The schema, straight from prisma/migrations (the WASM migration engine needs a node flag vitest does not set). */
export async function applyMigrationSql(connectionString: string): Promise<void> {
  const root = path.resolve(import.meta.dirname, "../../prisma/migrations");
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    for (const d of fs
      .readdirSync(root)
      .filter((n) => /^\d+_/.test(n))
      .sort())
      await c.query(fs.readFileSync(path.join(root, d, "migration.sql"), "utf8"));
  } finally {
    await c.end();
  }
}

/** The public tables of a database, without Prisma's migration table. */
export async function publicTables(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> '_prisma_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.relname as string);
}

/** Replaces every public table of `target` with `source`'s rows; returns the table names. */
export async function copySeededData(source: string, target: string): Promise<string[]> {
  const s = new pg.Client({ connectionString: source });
  const t = new pg.Client({ connectionString: target });
  await s.connect();
  await t.connect();
  try {
    const tables = await publicTables(s);
    const quoted = tables.map((n) => `"${n}"`);
    await t.query("SET session_replication_role = replica");
    await t.query(`TRUNCATE ${quoted.join(", ")}`);
    for (const name of quoted) await pipeline(s.query(copyTo(`COPY ${name} TO STDOUT`)), t.query(copyFrom(`COPY ${name} FROM STDIN`)));
    await t.query("SET session_replication_role = origin");
    await t.query(`DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT s.oid::regclass AS seq, c.oid::regclass AS tbl, a.attname FROM pg_class s
        JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        JOIN pg_class c ON c.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND s.relnamespace = 'public'::regnamespace
      LOOP EXECUTE format('SELECT setval(%L, COALESCE((SELECT max(%I) FROM %s), 0) + 1, false)', r.seq, r.attname, r.tbl); END LOOP; END $$`);
    return tables;
  } finally {
    await s.end();
    await t.end();
  }
}
