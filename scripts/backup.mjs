#!/usr/bin/env node
// npm run backup [-- FILE]   pg_dump (custom format, compressed) of DATABASE_URL or the embedded
// database into FILE (default backups/crm-<timestamp>.dump). Consistent snapshot; the app keeps running.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startEmbeddedPostgres, defaultDataDir } from "./lib/postgres.mjs";
import { findTool, serverMajor } from "./lib/pg-tools.mjs";

const file = path.resolve(process.argv[2] ?? path.join("backups", `crm-${new Date().toISOString().replace(/[:.]/g, "-")}.dump`));
let url = process.env.DATABASE_URL;
let stop = async () => {};
if (!url) {
  const pgs = await startEmbeddedPostgres({ dataDir: defaultDataDir(), port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
  url = pgs.url;
  stop = pgs.stop;
}
let code = 0;
try {
  const pgDump = findTool("pg_dump", await serverMajor(url));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const r = spawnSync(pgDump, ["--format=custom", "--no-owner", "--no-privileges", "--file", file, "--dbname", url], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`pg_dump failed (exit ${r.status})`);
  console.log(`Backup written: ${file} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await stop();
}
process.exit(code);
