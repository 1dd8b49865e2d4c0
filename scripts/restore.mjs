#!/usr/bin/env node
// npm run restore -- FILE   replaces the schema and data of DATABASE_URL (or the embedded
// database) with the backup in FILE, in one transaction (all or nothing). Stop the app nodes first.
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { startEmbeddedPostgres, defaultDataDir } from "./lib/postgres.mjs";
import { findTool, serverMajor } from "./lib/pg-tools.mjs";

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error("Usage: npm run restore -- backups/crm-<timestamp>.dump");
  process.exit(2);
}
let url = process.env.DATABASE_URL;
let stop = async () => {};
if (!url) {
  const pgs = await startEmbeddedPostgres({ dataDir: defaultDataDir(), port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
  url = pgs.url;
  stop = pgs.stop;
}
let code = 0;
try {
  const pgRestore = findTool("pg_restore", await serverMajor(url));
  const r = spawnSync(pgRestore, ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", url, file], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`pg_restore failed (exit ${r.status}); nothing was changed`);
  console.log(`Restored ${file}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await stop();
}
process.exit(code);
