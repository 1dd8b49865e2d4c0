// Least privilege in the database (issue 19, finding 10; statement_timeout of finding 14): the app
// connects as crm_app, which owns nothing and holds DML only (INSERT and SELECT on the audit log);
// migrations run as the owner. Every statement here goes through the app's own URL (DATABASE_URL),
// the one lib/db uses, so what is refused here is refused to the app.
import { describe, test, expect } from "vitest";
import { db, STATEMENT_TIMEOUTS, allowLongStatements } from "@/lib/db";
import { withClient } from "../pg-client";

const appUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;

describe("the app's database role", () => {
  test("lib/db connects as crm_app, a role that is no superuser, cannot create roles or databases, and owns no table", async () => {
    const [me] = await db.$queryRaw<Array<{ who: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; owned: number }>>`
      SELECT current_user AS who, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
             (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`;
    expect(me).toEqual({ who: "crm_app", rolsuper: false, rolcreaterole: false, rolcreatedb: false, owned: 0 });
    // The migrations ran as another role, which owns the tables.
    const [owner] = await db.$queryRaw<Array<{ owner: string }>>`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'audit_log'::regclass`;
    expect(owner.owner).not.toBe("crm_app");
  });

  test("the app role can insert and read audit rows, but cannot disable its triggers, alter, update, delete or truncate it", async () => {
    await withClient(appUrl, async (c) => {
      const { rows } = await c.query<{ id: string }>(`INSERT INTO audit_log (action, entity) VALUES ('probe.inserted', 'probe') RETURNING id`);
      const id = rows[0]!.id;
      await expect(c.query(`ALTER TABLE audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be (the )?owner/);
      await expect(c.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`)).rejects.toThrow(/must be (the )?owner/);
      await expect(c.query(`ALTER TABLE audit_log ALTER COLUMN action DROP NOT NULL`)).rejects.toThrow(/must be (the )?owner/);
      await expect(c.query(`DROP TRIGGER audit_log_no_update ON audit_log`)).rejects.toThrow(/must be (the )?owner/);
      await expect(c.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`UPDATE audit_log SET action = 'x' WHERE id = $1`, [id])).rejects.toThrow(/permission denied/);
      await expect(c.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow(/permission denied/);
      await expect(c.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
      expect((await c.query(`SELECT action FROM audit_log WHERE id = $1`, [id])).rows).toEqual([{ action: "probe.inserted" }]);
    });
  });

  test("the app role can neither create, alter nor drop tables, schemas or functions, reset sequences, or read the migration history", async () => {
    await withClient(appUrl, async (c) => {
      await expect(c.query(`CREATE TABLE probe_table (id int)`)).rejects.toThrow(/permission denied for schema public/);
      await expect(c.query(`CREATE FUNCTION probe_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'`)).rejects.toThrow(/permission denied for schema public/);
      await expect(c.query(`CREATE SCHEMA probe_schema`)).rejects.toThrow(/permission denied for database/);
      await expect(c.query(`DROP TABLE customer`)).rejects.toThrow(/must be (the )?owner/);
      await expect(c.query(`DROP TABLE audit_log`)).rejects.toThrow(/must be (the )?owner/);
      await expect(c.query(`ALTER TABLE customer ADD COLUMN probe int`)).rejects.toThrow(/must be (the )?owner/);
      await expect(c.query(`REFRESH MATERIALIZED VIEW overview_rollup`)).rejects.toThrow(/must be (the )?owner|permission denied/);
      await expect(c.query(`SELECT setval('audit_log_id_seq', 1)`)).rejects.toThrow(/permission denied/);
      // (A test database copied row by row, when the seeded one was busy, has no history table at all.)
      await expect(c.query(`SELECT count(*) FROM _prisma_migrations`)).rejects.toThrow(/permission denied|does not exist/);
      await expect(c.query(`ALTER ROLE crm_app CREATEROLE`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`GRANT pg_read_server_files TO crm_app`)).rejects.toThrow(/permission denied|must have admin option/);
    });
  });

  test("the DDL the app needs goes through owner functions that do one fixed thing: a shape that is not the caller's temporary table is refused", async () => {
    await withClient(appUrl, async (c) => {
      await expect(c.query(`SELECT crm_rescore_prepare('audit_log'::regclass, 2)`)).rejects.toThrow(/temporary table of this session/);
      await expect(c.query(`SELECT crm_rescore_build_index('audit_log_pkey')`)).rejects.toThrow(/customer_score has no index/);
    });
  });

  test("the rescoring runs as the app role: the new customer_score belongs to the owner and keeps its indexes and grants; no working table is left", async () => {
    const { runRescoring } = await import("@/lib/scoring/pipeline");
    type Shape = { owner: string; indexes: string[]; dml: boolean; working: number };
    const shape = async () =>
      (
        await db.$queryRaw<Shape[]>`
        SELECT pg_get_userbyid(c.relowner) AS owner,
               (SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'customer_score') AS indexes,
               has_table_privilege('crm_app', 'customer_score', 'SELECT, INSERT, UPDATE, DELETE') AS dml,
               (SELECT count(*)::int FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname ~ '^(rs_f_\d|rs_rank|customer_score_next)$') AS working
        FROM pg_class c WHERE c.oid = 'customer_score'::regclass`
      )[0]!;
    const before = await shape();
    const job = await db.valueJob.create({ data: { kind: "RESCORE", status: "SUCCEEDED", trigger: "test" } });
    const stats = await runRescoring({ runId: job.id });
    const [{ customers }] = await db.$queryRaw<Array<{ customers: number }>>`SELECT count(*)::int AS customers FROM customer`;
    expect(stats.scored).toBe(customers);
    const after = await shape();
    expect(after).toEqual({ ...before, working: 0 });
    expect(after.owner).not.toBe("crm_app");
    expect(after.dml).toBe(true);
    expect(after.indexes.length).toBeGreaterThan(1);
  });

  test("tables created by later migrations (the owner's) are granted to the app role, except what it must not touch", async () => {
    await withClient(ownerUrl, (c) => c.query(`CREATE TABLE probe_future (id int)`));
    try {
      await withClient(appUrl, async (c) => {
        await c.query(`INSERT INTO probe_future VALUES (1)`);
        expect((await c.query(`UPDATE probe_future SET id = 2`)).rowCount).toBe(1);
        expect((await c.query(`DELETE FROM probe_future`)).rowCount).toBe(1);
        await expect(c.query(`TRUNCATE probe_future`)).rejects.toThrow(/permission denied/);
        await expect(c.query(`DROP TABLE probe_future`)).rejects.toThrow(/must be (the )?owner/);
      });
    } finally {
      await withClient(ownerUrl, (c) => c.query(`DROP TABLE probe_future`));
    }
  });
});

describe("statement_timeout", () => {
  test("the app role's own limit is in force on any connection, and the app's pool holds interactive requests to 5 s", async () => {
    await withClient(appUrl, async (c) => {
      expect((await c.query(`SHOW statement_timeout`)).rows[0]).toEqual({ statement_timeout: "15s" });
    });
    const [pool] = await db.$queryRaw<Array<{ statement_timeout: string }>>`SHOW statement_timeout`;
    expect(pool.statement_timeout).toBe("5s");
    expect(STATEMENT_TIMEOUTS.interactive).toBe(5_000);
  });

  test("a runaway query of a request is cancelled after the interactive limit with a clear error", async () => {
    const t0 = Date.now();
    await expect(db.$queryRaw`SELECT pg_sleep(30)`).rejects.toThrow(/canceling statement due to statement timeout/);
    const ms = Date.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(STATEMENT_TIMEOUTS.interactive - 100);
    expect(ms).toBeLessThan(STATEMENT_TIMEOUTS.interactive + 3_000);
  });

  test("jobs and the whole-base work raise the limit for their own transaction only", async () => {
    const inside = await db.$transaction(async (tx) => {
      const out: Record<string, string> = {};
      for (const kind of ["job", "wholeBase"] as const) {
        await allowLongStatements(tx, kind);
        out[kind] = (await tx.$queryRaw<Array<{ t: string }>>`SELECT current_setting('statement_timeout') AS t`)[0]!.t;
      }
      return out;
    });
    expect(inside).toEqual({ job: "10min", wholeBase: "1h" });
    const [after] = await db.$queryRaw<Array<{ t: string }>>`SELECT current_setting('statement_timeout') AS t`;
    expect(after.t).toBe("5s");
  });
});
