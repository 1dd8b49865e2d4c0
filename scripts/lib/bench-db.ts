// The database of one benchmark size: DATABASE_URL when given, otherwise an embedded PostgreSQL
// whose data lives in .data/bench-<N>/pg (port BENCH_PG_PORT, default 54340). The PII keys the
// rows were encrypted/hashed with are kept next to it (.data/bench-<N>/secrets.json), so the
// benchmark and `npm start` against that database read what the generator wrote.
import fs from "node:fs";
import path from "node:path";
import { serverSharedBuffers, startEmbeddedPostgres } from "./postgres.mjs";
import { localSecrets } from "./secrets.mjs";

export interface BenchDb {
  url: string;
  dir: string;
  embedded: boolean;
  secrets: { AUTH_SECRET: string; PII_ENC_KEY: string; PII_HMAC_KEY: string };
  stop: () => Promise<void>;
}

export function benchDir(customers: number, dbDir?: string): string {
  return path.resolve(dbDir ?? path.join(".data", `bench-${customers}`));
}

export async function openBenchDb(customers: number, opts: { dbDir?: string; durable?: boolean; fresh?: boolean } = {}): Promise<BenchDb> {
  const dir = benchDir(customers, opts.dbDir);
  if (opts.fresh && !process.env.DATABASE_URL) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // The postgres OS user (embedded PG runs as it under root) must be able to enter the folder.
  fs.chmodSync(dir, 0o755);
  const secrets = localSecrets(dir) as BenchDb["secrets"];
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, dir, embedded: false, secrets, stop: async () => {} };
  }
  // A port can be briefly unusable (an outgoing connection in TIME_WAIT holds it): try the next few.
  const base = Number(process.env.BENCH_PG_PORT ?? 54340);
  for (let port = base; ; port++) {
    try {
      const pgDb = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, durable: opts.durable ?? true, sharedBuffers: serverSharedBuffers() });
      return { url: pgDb.url, dir, embedded: true, secrets, stop: pgDb.stop };
    } catch (e) {
      if (port >= base + 4) throw e ?? new Error(`could not start PostgreSQL on ports ${base}–${port}`);
    }
  }
}

/**
 * A `scripts/bench-<area>.ts` run on its own (`--customers N [--db-dir DIR]`): the benchmark database
 * of that size, the process environment pointed at it (for lib), and a pg pool of `poolMax`.
 * The caller ends the pool and stops the database in its `finally`.
 */
export async function openStandaloneBench(opts: { poolMax: number; env?: Record<string, string> }) {
  const { default: pgModule } = await import("pg");
  const arg = (n: string) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const customers = Number(arg("customers") ?? 20000);
  const bench = await openBenchDb(customers, { dbDir: arg("db-dir") });
  Object.assign(process.env, bench.secrets, { DATABASE_URL: bench.url, LOG_LEVEL: "warn" }, opts.env ?? {});
  const pool = new pgModule.Pool({ connectionString: bench.url, max: opts.poolMax });
  pool.on("error", () => {});
  return { arg, customers, bench, pool };
}
