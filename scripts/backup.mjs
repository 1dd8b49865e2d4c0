#!/usr/bin/env node
// npm run backup [-- FILE] [--format=auto|pg_dump|logical]
// Backs up DATABASE_URL (or the embedded database) into FILE (default backups/crm-<timestamp>.dump
// or .crmbak), as one consistent snapshot while the app keeps running:
//  - pg_dump --format=custom when a pg_dump of at least the server's major version is found
//    (PG_BIN_DIR, the embedded package, /usr/lib/postgresql/*/bin, PATH);
//  - otherwise the built-in logical backup (scripts/lib/logical-backup.mjs: COPY of every table of
//    schema public in one REPEATABLE READ snapshot, with a manifest of row counts and checksums).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startEmbeddedPostgres, defaultDataDir } from "./lib/postgres.mjs";
import { findTool, serverMajor } from "./lib/pg-tools.mjs";
import { logicalBackup } from "./lib/logical-backup.mjs";

const args = process.argv.slice(2);
const format = (args.find((a) => a.startsWith("--format=")) ?? "--format=auto").slice("--format=".length);
const target = args.find((a) => !a.startsWith("--"));
if (!["auto", "pg_dump", "logical"].includes(format)) {
  console.error("Usage: npm run backup -- [FILE] [--format=auto|pg_dump|logical]");
  process.exit(2);
}
// As the owner (docs/operations.md, "Database roles"): MIGRATION_DATABASE_URL when set.
let url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
let stop = async () => {};
if (!url) {
  const pgs = await startEmbeddedPostgres({ dataDir: defaultDataDir(), port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
  url = pgs.url;
  stop = pgs.stop;
}
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
let code = 0;
try {
  let pgDump = null;
  if (format !== "logical") {
    try {
      pgDump = findTool("pg_dump", await serverMajor(url));
    } catch (e) {
      if (format === "pg_dump") throw e;
      console.log(`${String(e.message).split("\n")[0]}\n→ using the built-in logical backup instead.`);
    }
  }
  const t0 = Date.now();
  if (pgDump) {
    const file = path.resolve(target ?? path.join("backups", `crm-${stamp}.dump`));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const r = spawnSync(pgDump, ["--format=custom", "--no-owner", "--no-privileges", "--file", file, "--dbname", url], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`pg_dump failed (exit ${r.status})`);
    console.log(`Backup written with ${pgDump}: ${file} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`);
  } else {
    const file = path.resolve(target ?? path.join("backups", `crm-${stamp}.crmbak`));
    const m = await logicalBackup(url, file);
    const rows = m.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      `Logical backup written: ${file} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB; PostgreSQL ${m.serverVersion}, ` +
        `${m.tables.length} tables, ${rows} rows, ${m.migrations.length} migrations, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await stop();
}
process.exit(code);
