import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/shared/logger";

export type Db = PrismaClient;
/** The client or a transaction client: lib functions that write audit rows accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Runs a statement straight on the pool (see `sqlRows`). */
type RawReader = { query: (config: { name?: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }> };

/**
 * How long one statement may run, by kind of work (milliseconds). A runaway statement (a pathological
 * search, a lock wait gone wrong) is cancelled with "canceling statement due to statement timeout"
 * instead of holding a connection and a core until the pool starves.
 *   - interactive: every statement of the app's pool (a request's reads and writes; the customer
 *     and segment exports read in keyset batches, each an interactive statement);
 *   - job: background and batch work (rollups, overview refresh, SLA and survey scans, segment
 *     materialisation, imports, incident links) — each as long as its transaction may last;
 *   - wholeBase: rescoring and churn training over the whole base (WHOLE_BASE_TX).
 * The role crm_app has 15 s of its own (migration 20261207020000000) for any other connection
 * (pg-boss, scripts); docs/operations.md, "Database roles".
 */
export const STATEMENT_TIMEOUTS = { interactive: 5_000, job: 600_000, wholeBase: 3_600_000 } as const;
export type StatementKind = Exclude<keyof typeof STATEMENT_TIMEOUTS, "interactive">;

/**
 * A FROM item that lets this statement's transaction commit without waiting for the WAL flush
 * (synchronous_commit off, SET LOCAL: this transaction only). At most the last fraction of a
 * second of such commits can be lost if PostgreSQL itself crashes, never consistency. Only for
 * bookkeeping whose loss is harmless: a rate-limit bucket, a token's last use, the Open API's
 * per-call access row (lib/api). Never a change or the audit row of a change.
 */
export const ASYNC_COMMIT = Prisma.sql`(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit`;

/** Raises the statement limit for the rest of this transaction (SET LOCAL) to that of `kind`. */
export async function allowLongStatements(tx: Tx, kind: StatementKind): Promise<void> {
  await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(STATEMENT_TIMEOUTS[kind])}, true)`;
}

/**
 * One statement that cannot run inside a transaction (VACUUM), on a connection of its own with the
 * statement limit of `kind` (the pool's connections keep the interactive one).
 */
export async function runOutsideTransaction(sql: Prisma.Sql, kind: StatementKind): Promise<void> {
  const c = new pg.Client({ connectionString: env().DATABASE_URL, statement_timeout: STATEMENT_TIMEOUTS[kind] });
  c.on("error", (err) => logger.error("db.connection_error", { message: err.message }));
  await c.connect();
  try {
    await c.query(sql.text, sql.values);
  } finally {
    await c.end();
  }
}

function create(): { prisma: PrismaClient; pool: pg.Pool } {
  // One pool: the Prisma client's adapter and the hot statements of `sqlRows` share it.
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUTS.interactive,
  });
  const adapter = new PrismaPg(pool, { onConnectionError: (err) => logger.error("db.connection_error", { message: err.message }) });
  // A dropped connection (database restart) must never crash the process: log and let the pool
  // reconnect on the next query. On the pool itself (not the adapter's onPoolError, which it only
  // attaches on its first query): sqlRows may use the pool first.
  pool.on("error", (err) => logger.error("db.pool_error", { message: err.message }));
  return { prisma: new PrismaClient({ adapter }), pool };
}

// Kept on globalThis so dev-mode reloads reuse them; the pool is remembered with its client, so a
// client injected by a test (scale-plans.test.ts logs every statement) never reads through
// another client's pool.
const globalForDb = globalThis as unknown as { __crmDb?: PrismaClient; __crmPool?: { client: PrismaClient; pool: RawReader } };
const created = globalForDb.__crmDb ? null : create();
export const db: PrismaClient = globalForDb.__crmDb ?? created!.prisma;
globalForDb.__crmDb = db;
if (created) globalForDb.__crmPool = { client: created.prisma, pool: created.pool };

/**
 * The rows of ONE statement without the Prisma client's per-query work (parameter and result
 * mapping: at 16 agents at once on 2 cores it doubled the MSISDN lookup's p95 over the same SELECT
 * through `pg`). For the hot paths only: an agent's lookups, queue and complaint commands.
 * - `prepared`: sent as a named statement, so each connection plans it once (PostgreSQL then keeps
 *   a generic plan). Only for statements whose best plan does not depend on the values: the work
 *   queue's plan cost more than running it (0.8 ms planning, 0.4 ms execution; with it the queue
 *   went from 566 to 2,650 calls/s at 16 concurrent). Not for pattern searches (LIKE, trigrams).
 * - `tx`: inside a transaction the statement runs through it (Prisma), unprepared.
 * A write through here is one statement, hence one transaction: it must carry its audit row in the
 * same statement (a CTE, `auditInsertSql`). Values come back as `pg` parses them (int4 → number,
 * timestamptz → Date, json → objects, int8 and numeric → string); through `tx`, as Prisma's raw
 * queries return them (int8 → bigint), so shared statements cast their int8 columns.
 */
export async function sqlRows<T>(sql: Prisma.Sql, opts: { tx?: Tx; prepared?: boolean } = {}): Promise<T[]> {
  if (opts.tx) return opts.tx.$queryRaw<T[]>(sql);
  const own = globalForDb.__crmPool;
  if (!own || own.client !== db) return db.$queryRaw<T[]>(sql); // a client injected without its pool (tests)
  const name = opts.prepared ? statementName(sql.text) : undefined;
  const r = await own.pool.query({ ...(name ? { name } : {}), text: sql.text, values: sql.values });
  return r.rows as T[];
}

// One name per statement text, bounded: a text past the bound just runs unnamed (planned each time).
const statementNames = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < 500) statementNames.set(text, (name = `s${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`));
  return name;
}
