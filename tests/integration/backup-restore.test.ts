// npm run backup / npm run restore: back up, wipe, restore, and compare row counts and checksums.
// 1. The built-in logical backup against the embedded PostgreSQL 18 (the app's default database,
//    newer than any installed pg_dump): always runs.
// 2. The pg_dump path, on a throwaway PostgreSQL of the installed client tools' version (Debian's 15).
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { pipeline } from "node:stream/promises";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { startEmbeddedPostgres, tempDataDir } from "../../scripts/lib/postgres.mjs";
import { applyMigrationSql, copySeededData } from "./copy-database";
import { withClient } from "../pg-client";

const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";
const available = fs.existsSync(path.join(BIN, "initdb")) && fs.existsSync(path.join(BIN, "pg_dump"));
// A skipped test fails the run anyway (scripts/test.mjs): say what is missing instead.
const NEED_PG_TOOLS = `the pg_dump path needs PostgreSQL's server and client programs in ${BIN} (apt-get install postgresql-15, or PG_BIN_DIR=…)`;
const port = Number(process.env.TEST_BACKUP_PG_PORT ?? 54363);
const node = [process.execPath, "--experimental-wasm-modules", "--no-warnings"];
const url = `postgresql://postgres@127.0.0.1:${port}/crm`;
const isRoot = process.getuid?.() === 0;
const KEY_TABLES = ["team", "plan", "app_user", "customer", "account", "line", "app_setting", "audit_log"];
let dir = "";

function asPostgres(cmd: string, args: string[]) {
  return isRoot ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" }) : execFileSync(cmd, args, { stdio: "pipe" });
}

async function checksums(target = url, tables = KEY_TABLES): Promise<Record<string, string>> {
  return withClient(target, async (c) => {
    const out: Record<string, string> = {};
    for (const t of tables) {
      const { rows } = await c.query(`SELECT count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${t}" x`);
      out[t] = rows[0].h;
    }
    return out;
  });
}

function manifestOf(file: string) {
  const text = fs
    .readFileSync(file)
    .subarray(0, 1 << 20)
    .toString("utf8")
    .split("\n");
  expect(text[0]).toBe("CRM-LOGICAL-BACKUP 1");
  return JSON.parse(text[1]!) as {
    serverVersionNum: number;
    migrations: string[];
    tables: Array<{ name: string; rows: number; sha256: string; columns: string[] }>;
    sequences: Array<{ name: string }>;
    materializedViews: string[];
  };
}

/** Rewrites the manifest line of a logical backup (to forge a damaged or future backup). */
function withManifest(file: string, out: string, change: (m: Record<string, unknown> & ReturnType<typeof manifestOf>) => void) {
  const buf = fs.readFileSync(file);
  const first = buf.indexOf(10);
  const second = buf.indexOf(10, first + 1);
  const m = JSON.parse(buf.subarray(first + 1, second).toString("utf8"));
  change(m);
  fs.writeFileSync(out, Buffer.concat([buf.subarray(0, first + 1), Buffer.from(JSON.stringify(m) + "\n"), buf.subarray(second + 1)]));
}

describe("built-in logical backup on the embedded PostgreSQL 18", () => {
  let pg18: { url: string; stop: () => Promise<void> } | undefined;
  let pg18Dir = "";
  let all: string[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "crm-backup-"));
  const run = (script: string, ...args: string[]) =>
    spawnSync(node[0]!, [...node.slice(1), script, ...args], {
      env: { ...process.env, DATABASE_URL: pg18!.url, MIGRATION_DATABASE_URL: pg18!.url, PG_BIN_DIR: "" },
      encoding: "utf8",
    });

  beforeAll(async () => {
    pg18Dir = tempDataDir();
    pg18 = await startEmbeddedPostgres({ dataDir: pg18Dir, port, persistent: false });
    const migrated = run("scripts/migrate.mjs", "deploy");
    expect(migrated.status, migrated.stderr).toBe(0);
    // Every table of the seeded test database, as is (triggers off, like a replica).
    all = await copySeededData(process.env.DATABASE_URL!, pg18.url);
    await withClient(pg18.url, (target) =>
      target.query(
        `INSERT INTO audit_log (action, entity, entity_id, data) SELECT 'probe.created', 'probe', g::text, jsonb_build_object('n', g, 'text', E'tab\\there\\nnewline ü 中文') FROM generate_series(1, 200) g`,
      ),
    );
  }, 120_000);

  afterAll(async () => {
    await pg18?.stop();
    fs.rmSync(path.dirname(pg18Dir), { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  test("npm run backup falls back to the logical backup; wipe; npm run restore brings every table back identical", async () => {
    const before = await checksums(pg18!.url, all);
    expect(Number(before.customer!.split(":")[0])).toBeGreaterThan(100);
    expect(Number(before.complaint!.split(":")[0])).toBeGreaterThan(0);
    const file = path.join(work, "crm.crmbak");
    const backup = run("scripts/backup.mjs", file);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/using the built-in logical backup/);
    expect(backup.stdout).toMatch(/Logical backup written/);

    const m = manifestOf(file);
    expect(m.serverVersionNum).toBeGreaterThanOrEqual(180000);
    const codeMigrations = fs
      .readdirSync("prisma/migrations", { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(m.migrations).toEqual(codeMigrations);
    expect(m.tables.map((t) => t.name).sort()).toEqual([...all].sort());
    const audit = m.tables.find((t) => t.name === "audit_log")!;
    expect(audit.rows).toBe(Number(before.audit_log!.split(":")[0]));
    expect(audit.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.materializedViews).toContain("overview_rollup");
    // Foreign-key order: a referenced table comes before the tables that reference it.
    const order = m.tables.map((t) => t.name);
    expect(order.indexOf("customer")).toBeLessThan(order.indexOf("line"));
    expect(order.indexOf("app_user")).toBeLessThan(order.indexOf("complaint"));

    // Into a database that has data: refused without --force, nothing changed.
    const refused = run("scripts/restore.mjs", file);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/not empty.*--force/);

    await withClient(pg18!.url, (c) => c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
    await expect(checksums(pg18!.url, ["customer"])).rejects.toThrow(/does not exist/);

    const restore = run("scripts/restore.mjs", file);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/counts and checksums verified/);
    expect(await checksums(pg18!.url, all)).toEqual(before);
    await withClient(pg18!.url, async (c) => {
      // The append-only trigger is back and on; sequences continue after the restored ids.
      await expect(c.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      const { rows } = await c.query(`INSERT INTO audit_log (action, entity) VALUES ('probe.after', 'probe') RETURNING id`);
      const { rows: max } = await c.query(`SELECT max(id) AS m FROM audit_log WHERE action <> 'probe.after'`);
      expect(BigInt(rows[0].id)).toBeGreaterThan(BigInt(max[0].m));
      const mv = await c.query(`SELECT bool_and(ispopulated) AS ok FROM pg_matviews WHERE schemaname = 'public'`);
      expect(mv.rows[0].ok).toBe(true);
    });
  }, 180_000);

  test("refuses a damaged backup and a backup from newer code before touching the database; --force replaces", async () => {
    const file = path.join(work, "crm2.crmbak");
    expect(run("scripts/backup.mjs", file, "--format=logical").status).toBe(0);
    const before = await checksums(pg18!.url, all);

    const damaged = path.join(work, "damaged.crmbak");
    withManifest(file, damaged, (m) => {
      m.tables.find((t) => t.name === "customer")!.sha256 = "0".repeat(64);
    });
    const r1 = run("scripts/restore.mjs", damaged, "--force");
    expect(r1.status).not.toBe(0);
    expect(r1.stderr).toMatch(/damaged: customer \(rows \d+\/\d+, checksum differs\)/);

    const future = path.join(work, "future.crmbak");
    withManifest(file, future, (m) => void m.migrations.push("29991231000000_from_the_future"));
    const r2 = run("scripts/restore.mjs", future, "--force");
    expect(r2.status).not.toBe(0);
    expect(r2.stderr).toMatch(/newer version of the application.*29991231000000_from_the_future/);
    expect(await checksums(pg18!.url, all)).toEqual(before);

    // --force over a database with data: replaced by the backup's content.
    await withClient(pg18!.url, (c) => c.query(`UPDATE customer SET name = name || 'x' WHERE id = (SELECT min(id) FROM customer)`));
    const r3 = run("scripts/restore.mjs", file, "--force");
    expect(r3.status, r3.stderr).toBe(0);
    expect(await checksums(pg18!.url, all)).toEqual(before);
  }, 180_000);

  test("a database owner without superuser restores too (foreign keys checked during the load, user triggers off)", async () => {
    const file = path.join(work, "crm3.crmbak");
    expect(run("scripts/backup.mjs", file, "--format=logical").status).toBe(0);
    const admin = new URL(pg18!.url);
    admin.pathname = "/postgres";
    await withClient(admin.toString(), async (c) => {
      await c.query("DROP DATABASE IF EXISTS crm_owner_db");
      await c.query("DROP ROLE IF EXISTS crm_backup_owner");
      await c.query("CREATE ROLE crm_backup_owner LOGIN PASSWORD 'owner' NOSUPERUSER");
      await c.query("CREATE DATABASE crm_owner_db OWNER crm_backup_owner");
    });
    const ownerDb = new URL(pg18!.url);
    ownerDb.pathname = "/crm_owner_db";
    await withClient(ownerDb.toString(), (c) => c.query("ALTER SCHEMA public OWNER TO crm_backup_owner"));
    ownerDb.username = "crm_backup_owner";
    ownerDb.password = "owner";
    const r = spawnSync(node[0]!, [...node.slice(1), "scripts/restore.mjs", file], {
      env: { ...process.env, DATABASE_URL: ownerDb.toString(), MIGRATION_DATABASE_URL: ownerDb.toString(), PG_BIN_DIR: "" },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(await checksums(ownerDb.toString(), all)).toEqual(await checksums(pg18!.url, all));
    await expect(withClient(ownerDb.toString(), (c) => c.query("UPDATE audit_log SET action = 'x'"))).rejects.toThrow(/append-only/);
  }, 180_000);
});

describe("pg_dump / pg_restore when a client of the server's version is installed", () => {
  beforeAll(async () => {
    if (!available) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-backup-pg-"));
    fs.chmodSync(dir, 0o777);
    const data = path.join(dir, "data");
    asPostgres(path.join(BIN, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
    asPostgres(path.join(BIN, "pg_ctl"), [
      "-D",
      data,
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "-w",
      "-l",
      path.join(dir, "log"),
      "start",
    ]);
    await withClient(`postgresql://postgres@127.0.0.1:${port}/postgres`, (c) => c.query("CREATE DATABASE crm"));
    // Schema from the migrations, data copied from the seeded test database.
    await applyMigrationSql(url);
    await withClient(url, async (target) => {
      // The migrations seed some settings (issue 23: the membership grace period): the copy replaces them.
      await target.query(`DELETE FROM app_setting`);
      await withClient(process.env.DATABASE_URL!, async (source) => {
        for (const t of KEY_TABLES.filter((x) => x !== "audit_log")) {
          await pipeline(source.query(copyTo(`COPY "${t}" TO STDOUT`)), target.query(copyFrom(`COPY "${t}" FROM STDIN`)));
        }
      });
      await target.query(
        `INSERT INTO audit_log (action, entity, entity_id, data) SELECT 'probe.created', 'probe', g::text, jsonb_build_object('n', g) FROM generate_series(1, 200) g`,
      );
    });
  }, 60_000);

  afterAll(() => {
    if (!available || !dir) return;
    try {
      asPostgres(path.join(BIN, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"]);
    } catch {}
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("back up, wipe, restore: every key table comes back identical", async () => {
    expect(available, NEED_PG_TOOLS).toBe(true);
    const before = await checksums();
    expect(Number(before.customer!.split(":")[0])).toBeGreaterThan(100);
    const file = path.join(dir, "crm.dump");
    const env = { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: url, PG_BIN_DIR: BIN };
    const backup = spawnSync(process.execPath, ["scripts/backup.mjs", file], { env, encoding: "utf8" });
    expect(backup.status, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    await withClient(url, (c) => c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
    await expect(checksums()).rejects.toThrow(/does not exist/);

    const restore = spawnSync(process.execPath, ["scripts/restore.mjs", file], { env, encoding: "utf8" });
    expect(restore.status, restore.stderr).toBe(0);
    expect(await checksums()).toEqual(before);
    // The append-only trigger came back too.
    await expect(withClient(url, (c) => c.query("DELETE FROM audit_log"))).rejects.toThrow(/append-only/);
  });

  test("a too-old pg_dump is refused with a readable message", () => {
    expect(available, NEED_PG_TOOLS).toBe(true);
    const r = spawnSync(process.execPath, ["-e", `import("./scripts/lib/pg-tools.mjs").then(m => m.findTool("pg_dump", 99))`], {
      encoding: "utf8",
      env: { ...process.env, PG_BIN_DIR: BIN },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/No pg_dump of version 99 or newer/);
  });
});
