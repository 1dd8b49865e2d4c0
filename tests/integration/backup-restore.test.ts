// npm run backup / npm run restore on a throwaway PostgreSQL: back up, wipe, restore, and compare
// row counts and checksums of the key tables. pg_dump must be at least the server's version, so
// the test runs a PostgreSQL of the same major version as the installed client tools (Debian's 15).
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";
const available = fs.existsSync(path.join(BIN, "initdb")) && fs.existsSync(path.join(BIN, "pg_dump"));
const port = Number(process.env.TEST_BACKUP_PG_PORT ?? 54363);
const url = `postgresql://postgres@127.0.0.1:${port}/crm`;
const isRoot = process.getuid?.() === 0;
const KEY_TABLES = ["team", "plan", "app_user", "customer", "account", "line", "app_setting", "audit_log"];
let dir = "";

function asPostgres(cmd: string, args: string[]) {
  return isRoot ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" }) : execFileSync(cmd, args, { stdio: "pipe" });
}

async function withClient<T>(connectionString: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function checksums(): Promise<Record<string, string>> {
  return withClient(url, async (c) => {
    const out: Record<string, string> = {};
    for (const t of KEY_TABLES) {
      const { rows } = await c.query(`SELECT count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${t}" x`);
      out[t] = rows[0].h;
    }
    return out;
  });
}

beforeAll(async () => {
  if (!available) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-backup-pg-"));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  asPostgres(path.join(BIN, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  asPostgres(path.join(BIN, "pg_ctl"), ["-D", data, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-w", "-l", path.join(dir, "log"), "start"]);
  await withClient(`postgresql://postgres@127.0.0.1:${port}/postgres`, (c) => c.query("CREATE DATABASE crm"));
  // Schema from the migrations, data copied from the seeded test database.
  const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
  await withClient(url, async (target) => {
    for (const d of fs.readdirSync(migrations).filter((n) => /^\d+_/.test(n)).sort()) await target.query(fs.readFileSync(path.join(migrations, d, "migration.sql"), "utf8"));
    await withClient(process.env.DATABASE_URL!, async (source) => {
      for (const t of KEY_TABLES.filter((x) => x !== "audit_log")) {
        await pipeline(source.query(copyTo(`COPY "${t}" TO STDOUT`)), target.query(copyFrom(`COPY "${t}" FROM STDIN`)));
      }
    });
    await target.query(`INSERT INTO audit_log (action, entity, entity_id, data) SELECT 'probe.created', 'probe', g::text, jsonb_build_object('n', g) FROM generate_series(1, 200) g`);
  });
}, 60_000);

afterAll(() => {
  if (!available || !dir) return;
  try {
    asPostgres(path.join(BIN, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"]);
  } catch {}
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  test.skipIf(!available)("back up, wipe, restore: every key table comes back identical", async () => {
    const before = await checksums();
    expect(Number(before.customer!.split(":")[0])).toBeGreaterThan(100);
    const file = path.join(dir, "crm.dump");
    const env = { ...process.env, DATABASE_URL: url, PG_BIN_DIR: BIN };
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

  test.skipIf(!available)("a too-old pg_dump is refused with a readable message", () => {
    const r = spawnSync(process.execPath, ["-e", `import("./scripts/lib/pg-tools.mjs").then(m => m.findTool("pg_dump", 99))`], { encoding: "utf8", env: { ...process.env, PG_BIN_DIR: BIN } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/No pg_dump of version 99 or newer/);
  });
});
