#!/usr/bin/env node
// npm run restore -- FILE [--force]   restores DATABASE_URL (or the embedded database) from FILE.
// Stop the app nodes first. The format is recognised from the file:
//  - a pg_dump archive: pg_restore --clean --single-transaction (all or nothing; needs a
//    pg_restore of at least the server's major version);
//  - a built-in logical backup (scripts/lib/logical-backup.mjs): refused when the target has data
//    (unless --force, which drops schema public first) or when the backup has migrations this code
//    does not know; then the migrations, the data in one transaction, and a check of every table's
//    row count and checksum against the manifest (any difference: nothing is committed).
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { startEmbeddedPostgres, defaultDataDir } from "./lib/postgres.mjs";
import { findTool, serverMajor } from "./lib/pg-tools.mjs";
import { isLogicalBackup, logicalRestore } from "./lib/logical-backup.mjs";
import { deployMigrations } from "./lib/migrations.mjs";

const args = process.argv.slice(2);
const force = args.includes("--force");
const file = args.find((a) => !a.startsWith("--"));
if (!file || !fs.existsSync(file)) {
  console.error("Usage: npm run restore -- backups/crm-<timestamp>.crmbak|.dump [--force]");
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
let code = 0;
try {
  const t0 = Date.now();
  if (isLogicalBackup(file)) {
    const m = await logicalRestore(url, file, { force, migrate: deployMigrations, log: (s) => process.env.RESTORE_VERBOSE && console.log(s) });
    const rows = m.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`Restored ${file}: ${m.tables.length} tables, ${rows} rows, counts and checksums verified (${((Date.now() - t0) / 1000).toFixed(1)} s).`);
  } else {
    const pgRestore = findTool("pg_restore", await serverMajor(url));
    const r = spawnSync(
      pgRestore,
      ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", url, file],
      { stdio: "inherit" },
    );
    if (r.status !== 0) throw new Error(`pg_restore failed (exit ${r.status}); nothing was changed`);
    console.log(`Restored ${file}`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await stop();
}
process.exit(code);
