// npm run generate -- --customers N [--seed S] [--db-dir DIR] [--workers W] [--force]
//
// Fills a database with N subscribers and their year of history, with the same factories and
// distributions as the demo seed (tests/factories/dataset.ts), for the benchmark (scripts/bench.ts).
//
//   1. database: DATABASE_URL, or an embedded PostgreSQL in .data/bench-N/pg (see lib/bench-db.ts);
//      migrations; reference data and the demo users (same logins as the demo).
//   2. bulk settings: no fsync/synchronous commit, large WAL, no autovacuum (reset afterwards).
//   3. the foreign keys, primary keys and indexes of the bulk tables are dropped (their
//      definitions kept in memory) so COPY only appends to the heap.
//   4. W worker processes generate fixed-size chunks of customers (chunk k has its own PRNG seed
//      and id ranges, so the data depends on N and the seed, not on W) and COPY them.
//   5. keys and indexes are rebuilt on 2 connections, then the foreign keys (validated), then
//      VACUUM ANALYZE.
//   6. POST_LOAD_STEPS (set-based SQL from the loaded rows) and the markers. The end of the load
//      (5.) and each finished step are recorded in app_setting, so when a step fails (say the
//      machine runs out of something at 10 M) running the same command again resumes at that step
//      instead of loading again.
//
// Extending it: a capability that adds per-customer rows (complaints, survey answers…) adds a
// table to `Batch`/`COLUMNS` in tests/factories/dataset.ts and a line to copyBatch (load.ts); every
// table in COLUMNS has its keys and indexes dropped before the load and rebuilt after it here. Data derived from what is loaded (value
// scores, segments, rollups) is a step appended to POST_LOAD_STEPS below: one set-based statement
// or a call into lib, timed and shown in the summary.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import cliProgress from "cli-progress";
import { openBenchDb } from "./lib/bench-db";
import { deployMigrations } from "./lib/migrations.mjs";

const CHUNK = 20_000; // customers per chunk: the unit of determinism and of work distribution
const LINE_ID_STRIDE = 6; // ids per customer reserved for lines (a customer has at most 5)
export const GENERATED_MARKER = "bench.generated";

interface PostLoadStep {
  name: string;
  run: (client: pg.Client) => Promise<void>;
}

/** Derived data built from the loaded rows, in order (see the header for how to add one). */
const POST_LOAD_STEPS: PostLoadStep[] = [
  {
    name: "sequences",
    run: async (c) => {
      for (const t of await bulkTables()) {
        await c.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST((SELECT max(id) FROM ${ident(t)}), 1))`, [t]);
      }
    },
  },
  {
    // The demo seed's own complaint history (same factory: categories, workflow states, SLA
    // clocks, status changes), then its survey invitations and answers, then the dashboards'
    // rollups, so the benchmark's complaint, queue and dashboard rows read a realistic base.
    name: "complaints",
    run: async (c) => {
      const { seedDemoComplaints } = await import("@/tests/factories/complaints");
      // ≈ 0.2 complaints per subscriber a year (domain.md); 2 per 1,000 customers open in the
      // last days (the demo's 24 would leave 24,000 open complaints at 1 M).
      await seedDemoComplaints(c, { perSubscriberYear: 0.2, perThousandCustomers: 2 });
    },
  },
  {
    name: "surveys",
    run: async (c) => {
      const { seedDemoSurveys } = await import("@/tests/factories/surveys");
      await seedDemoSurveys(c);
    },
  },
  {
    // The 360 story's other kinds: results given on complaints and the invitations' messages.
    name: "story",
    run: async (c) => {
      const { seedDemoStory } = await import("@/tests/factories/story");
      await seedDemoStory(c);
    },
  },
  {
    name: "dashboard rollups",
    run: async () => {
      const { refreshRollups } = await import("@/lib/dashboards/rollups");
      await refreshRollups(new Date(), { timeoutMs: 3_600_000 });
    },
  },
  {
    name: "overview rollup",
    run: async () => {
      const { refreshOverviewRollup } = await import("@/lib/dashboards/overview");
      await refreshOverviewRollup();
    },
  },
  {
    // A year of campaigns (issue 22): 24 campaigns with audiences of 2–20 % of the base, their
    // members, funnel, touches, call tasks, messages and plan changes, then the conversion job's
    // statements and the evaluation's rollups (tests/factories/campaign-history.ts).
    name: "campaign history",
    run: async (c) => {
      const { seedCampaignHistory } = await import("@/tests/factories/campaign-history");
      await seedCampaignHistory(c, (label) => void (process.argv.includes("--quiet") || console.log(`    ${label}`)));
    },
  },
  {
    // Win-back (issue 23): 3 % of the base got a win-back in the last 180 days, most with an
    // outcome, so the value page's retention rates and their bench row read a realistic base.
    name: "win-back history",
    run: async (c) => {
      const { seedWinBackHistory } = await import("@/tests/factories/winback");
      await seedWinBackHistory(c);
    },
  },
  {
    // Member grades (issue 23): last month's and this month's re-grading over every customer (the
    // app's statement), the GOLD SLA cells, a credit on one account (tests/factories/membership-demo.ts).
    name: "member grades",
    run: async (c) => {
      const { seedDemoMembership } = await import("@/tests/factories/membership-demo");
      await seedDemoMembership(c, new Date(), { hotline: false });
    },
  },
  {
    // Loyalty (issue 23): the programme's settings, rules and catalogue, and the earning job's
    // statements for two bill months (the newest is left for the bench to earn).
    name: "loyalty points",
    run: async (c) => {
      const { seedDemoLoyalty } = await import("@/tests/factories/loyalty-demo");
      // One transaction: the job's temp tables live until its commit (ON COMMIT DROP).
      await c.query("BEGIN");
      try {
        await seedDemoLoyalty(c, new Date(), { months: 2, skipLatest: true, extras: false });
        await c.query("COMMIT");
      } catch (e) {
        await c.query("ROLLBACK");
        throw e;
      }
    },
  },
  {
    // Care tasks (issue 23): one customer in 25 with a task of the last 30 days or the next 5, for
    // the agents' care lists and the teams' completion rates (tests/factories/care.ts).
    name: "care tasks",
    run: async (c) => {
      const { seedCareTasks } = await import("@/tests/factories/care");
      await seedCareTasks(c);
    },
  },
  {
    // Standard scripts (issue 24): the demo's scripts for every call stage (a handful of rows: the
    // complaint page's script render reads them; the knowledge base's generator makes the articles).
    name: "standard scripts",
    run: async (c) => {
      const { seedDemoScripts } = await import("@/tests/factories/scripts-demo");
      await seedDemoScripts(c);
    },
  },
  {
    // Knowledge base (issue 24): 20,000 bilingual articles with their search columns — a provincial
    // operator's knowledge base, which does not grow with its subscribers; a base smaller than
    // 200,000 customers gets one article per 10 customers, at least 2,000 (the test suite's 20 k base:
    // 2,000 articles, so the suite does not pay for the full knowledge base on every run).
    name: "knowledge articles",
    run: async (c) => {
      const { seedKnowledgeBase } = await import("@/tests/factories/knowledge");
      const customers = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM customer`)).rows[0].n);
      await seedKnowledgeBase(c, { articles: Math.min(20_000, Math.max(2_000, Math.round(customers / 10))) });
    },
  },
  {
    // Quality inspection (issue 24): two contacts per agent and week over 13 weeks, scored (the
    // current week's left open), for "My QA", the team averages and the supervisors' queues.
    name: "qa evaluations",
    run: async (c) => {
      const { seedQaEvaluations } = await import("@/tests/factories/quality");
      await seedQaEvaluations(c);
    },
  },
  {
    // The monthly assessment (issue 24): 2 % of the subscribers as agents (20,000 at 1 M, the target's
    // size; 400 at least) in teams of 20, with 12 months of agent_assessment, for the ranking and trend bench rows; the job's
    // own run is timed by scripts/bench-assessment.ts on synthetic rollups it rolls back.
    name: "assessment agents",
    run: async (c) => {
      const { seedGeneratedAssessment, GENERATED_AGENTS_PER_MILLION } = await import("@/tests/factories/training");
      const customers = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM customer`)).rows[0]?.n ?? 0);
      // 20,000 agents from 1 M subscribers up (2 % of them beyond), 400 at least: the test suite's 20 k
      // base gets 400, not the target's 20,000 (the target is measured at 1 M).
      await seedGeneratedAssessment(c, Math.max(400, Math.round((customers * GENERATED_AGENTS_PER_MILLION) / 1_000_000)));
    },
  },
  {
    // Open API (issue 25): the demo's self-service app and a handful of integrations with static
    // tokens (one revoked each) and a day of hourly OAuth tokens, for the admin pages at scale.
    name: "api clients",
    run: async (c) => {
      const { seedGeneratedApiClients } = await import("@/tests/factories/api-demo");
      await seedGeneratedApiClients(c);
    },
  },
];

interface Args {
  customers: number;
  seed: number;
  dbDir?: string;
  workers: number;
  force: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const customers = Number(get("customers"));
  if (!Number.isInteger(customers) || customers < 1 || customers > 50_000_000) {
    console.error("Usage: npm run generate -- --customers N [--seed S] [--db-dir DIR] [--workers W] [--force]");
    process.exit(2);
  }
  return {
    customers,
    seed: Number(get("seed") ?? 20261123),
    dbDir: get("db-dir"),
    workers: Math.max(1, Number(get("workers") ?? 2)),
    force: argv.includes("--force"),
    quiet: argv.includes("--quiet"),
  };
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function bulkTables(): Promise<string[]> {
  const { COLUMNS } = await import("@/tests/factories/dataset");
  return Object.keys(COLUMNS);
}

interface SavedDdl {
  foreignKeys: Array<{ table: string; name: string; def: string }>;
  keys: Array<{ table: string; name: string; def: string }>;
  indexes: Array<{ name: string; def: string }>;
}

/** Drops FKs touching the bulk tables, then their PK/unique constraints and indexes; returns the DDL to rebuild them. */
async function dropKeysAndIndexes(c: pg.Client, tables: string[]): Promise<SavedDdl> {
  const fks = await c.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[])) ORDER BY 1, 2`,
    [tables],
  );
  const keys = await c.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype IN ('p', 'u') AND conrelid = ANY($1::regclass[]) ORDER BY 1, 2`,
    [tables],
  );
  const idx = await c.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p','u'))
     ORDER BY 1`,
    [tables],
  );
  for (const f of fks.rows) await c.query(`ALTER TABLE ${f.table} DROP CONSTRAINT ${ident(f.name)}`);
  for (const k of keys.rows) await c.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${ident(k.name)}`);
  for (const i of idx.rows) await c.query(`DROP INDEX ${i.name}`);
  return { foreignKeys: fks.rows, keys: keys.rows, indexes: idx.rows };
}

/** Runs statements on `n` connections, biggest first (in the order given). */
async function runParallel(url: string, statements: string[], n: number, onDone: (sql: string, ms: number) => void): Promise<void> {
  const queue = [...statements];
  await Promise.all(
    Array.from({ length: Math.min(n, queue.length) }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`SET maintenance_work_mem = '1GB'`);
        for (let sql = queue.shift(); sql; sql = queue.shift()) {
          const t = Date.now();
          await c.query(sql);
          onDone(sql, Date.now() - t);
        }
      } finally {
        await c.end();
      }
    }),
  );
}

/** WAL kept between checkpoints during the load: large (fewer checkpoints), but at most a tenth of
 *  the free disk — a 10 M load writes ≈ 60 GB of tables, and 16 GB of WAL on top would not fit. */
function bulkWalSize(dir: string): string {
  let freeGb = 160;
  try {
    const st = fs.statfsSync(dir);
    freeGb = (st.bavail * st.bsize) / 2 ** 30;
  } catch {}
  return `'${Math.max(1, Math.min(16, Math.floor(freeGb / 10)))}GB'`;
}

const BULK_SETTINGS: Array<[string, string]> = [
  ["synchronous_commit", "off"],
  ["full_page_writes", "off"],
  ["max_wal_size", bulkWalSize(process.cwd())],
  ["checkpoint_timeout", "'30min'"],
  ["autovacuum", "off"],
];

async function setBulkSettings(c: pg.Client, on: boolean): Promise<boolean> {
  try {
    for (const [k, v] of BULK_SETTINGS) await c.query(on ? `ALTER SYSTEM SET ${k} = ${v}` : `ALTER SYSTEM RESET ${k}`);
    await c.query(`SELECT pg_reload_conf()`);
    return true;
  } catch {
    return false; // not a superuser (a managed server): load with its settings
  }
}

const LOADED_MARKER = "bench.loaded";
const STEP_MARKER = "bench.step.";
interface LoadedMarker {
  seconds: { setup: number; load: number; indexes: number; foreignKeys: number; vacuumAnalyze: number };
  anchor: string;
}

async function saveMarker(c: pg.Client, key: string, value: unknown): Promise<void> {
  await c.query(
    `INSERT INTO app_setting (key, value, updated_at) VALUES ($1, $2, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}

const fmt = (ms: number) => {
  const s = Math.round(ms / 1000);
  return ms >= 59_500 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${(ms / 1000).toFixed(1)} s`;
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const bench = await openBenchDb(args.customers, { dbDir: args.dbDir, durable: false, fresh: args.force });
  Object.assign(process.env, bench.secrets, { DATABASE_URL: bench.url });
  const say = (m: string) => !args.quiet && console.log(m);
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  try {
    await deployMigrations(bench.url);
    const done = await client
      .query<{ value: { customers: number } }>(`SELECT value FROM app_setting WHERE key = $1`, [GENERATED_MARKER])
      .catch(() => ({ rows: [] }));
    if (done.rows[0]) {
      say(`${bench.dir}: already generated (${done.rows[0].value.customers} customers). --force regenerates.`);
      return;
    }
    // A run whose load finished but a post-load step failed resumes at that step (each step
    // records itself when it is done; a step that failed rolled back or is redone from its start).
    const loadedMarker = (await client.query<{ value: LoadedMarker }>(`SELECT value FROM app_setting WHERE key = $1`, [LOADED_MARKER])).rows[0]?.value;
    const existing = await client.query(`SELECT 1 FROM customer LIMIT 1`);
    if (existing.rowCount && !loadedMarker)
      throw new Error(`The database already has customers; generate into an empty database (or --force for the embedded one).`);
    const tables = await bulkTables();
    let loadSeconds: LoadedMarker["seconds"];
    let anchorIso: string;
    let bulk: boolean;
    if (loadedMarker) {
      say(`${bench.dir}: loaded earlier; resuming the post-load steps.`);
      loadSeconds = loadedMarker.seconds;
      anchorIso = loadedMarker.anchor;
      bulk = await setBulkSettings(client, true);
    } else {
      const { seedReferenceAndStaff } = await import("@/tests/factories/reference");
      const { currentAnchor } = await import("@/tests/factories/dataset");
      const { planIds, agentIds } = await seedReferenceAndStaff(bench.url);
      bulk = await setBulkSettings(client, true);
      const ddl = await dropKeysAndIndexes(client, tables);
      const tSetup = Date.now();
      say(
        `Generating ${args.customers.toLocaleString("en")} customers (seed ${args.seed}) into ${bench.embedded ? bench.dir : "DATABASE_URL"} with ${args.workers} workers…`,
      );

      // ── load ──
      const anchor = currentAnchor();
      const bar = new cliProgress.SingleBar(
        {
          format: "  load    [{bar}] {percentage}% | {value}/{total} customers | {rows} rows | ETA {eta_formatted} | {duration_formatted}",
          noTTYOutput: !args.quiet,
          notTTYSchedule: 10_000,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      if (!args.quiet) bar.start(args.customers, 0, { rows: 0 });
      let loaded = 0;
      let rows = 0;
      const workerPath = fileURLToPath(import.meta.url);
      await Promise.all(
        Array.from(
          { length: Math.min(args.workers, Math.ceil(args.customers / CHUNK)) },
          (_, w) =>
            new Promise<void>((resolve, reject) => {
              const child = spawn(process.execPath, [...process.execArgv, workerPath, "--worker"], {
                stdio: ["ignore", "inherit", "inherit", "ipc"],
                env: {
                  ...process.env,
                  BENCH_WORKER: JSON.stringify({
                    w,
                    workers: args.workers,
                    customers: args.customers,
                    seed: args.seed,
                    anchor: anchor.toISOString(),
                    planIds,
                    agentIds,
                  }),
                },
              });
              child.on("message", (m: { customers: number; rows: number }) => {
                loaded += m.customers;
                rows += m.rows;
                if (!args.quiet) bar.update(loaded, { rows: rows.toLocaleString("en") });
              });
              child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`generator worker ${w} failed (exit ${code})`))));
            }),
        ),
      );
      if (!args.quiet) bar.stop();
      const tLoad = Date.now();
      say(`  loaded ${loaded.toLocaleString("en")} customers, ${rows.toLocaleString("en")} rows in ${fmt(tLoad - tSetup)}`);

      // ── keys, indexes, foreign keys ──
      const sizes = await client.query<{ t: string; n: string }>(
        `SELECT relname AS t, pg_relation_size(oid)::text AS n FROM pg_class WHERE relname = ANY($1)`,
        [tables],
      );
      const sizeOf = (t: string) => Number(sizes.rows.find((r) => r.t === t.replace(/"/g, ""))?.n ?? 0);
      const tableOf = (def: string) => /ON (?:ONLY )?(?:public\.)?"?(\w+)"?/.exec(def)?.[1] ?? "";
      const indexSql = [
        ...ddl.keys.map((k) => ({ sql: `ALTER TABLE ${k.table} ADD CONSTRAINT ${ident(k.name)} ${k.def}`, size: sizeOf(k.table) })),
        ...ddl.indexes.map((i) => ({ sql: i.def, size: sizeOf(tableOf(i.def)) * (/USING gin/.test(i.def) ? 3 : 1) })),
      ].sort((a, b) => b.size - a.size);
      const step = (label: string, total: number) => {
        const b = new cliProgress.SingleBar(
          { format: `  ${label.padEnd(7)} [{bar}] {value}/{total} | {duration_formatted}`, noTTYOutput: !args.quiet, notTTYSchedule: 10_000 },
          cliProgress.Presets.shades_classic,
        );
        if (!args.quiet) b.start(total, 0);
        return { tick: () => !args.quiet && b.increment(), stop: () => !args.quiet && b.stop() };
      };
      let s = step("indexes", indexSql.length);
      await runParallel(
        bench.url,
        indexSql.map((x) => x.sql),
        2,
        () => s.tick(),
      );
      s.stop();
      const tIdx = Date.now();
      s = step("fkeys", ddl.foreignKeys.length);
      await runParallel(
        bench.url,
        ddl.foreignKeys.map((f) => `ALTER TABLE ${f.table} ADD CONSTRAINT ${ident(f.name)} ${f.def}`),
        2,
        () => s.tick(),
      );
      s.stop();
      const tFk = Date.now();
      s = step("vacuum", tables.length);
      await runParallel(
        bench.url,
        [...tables].sort((a, b) => sizeOf(b) - sizeOf(a)).map((t) => `VACUUM (ANALYZE) ${ident(t)}`),
        2,
        () => s.tick(),
      );
      s.stop();
      const tVac = Date.now();
      loadSeconds = {
        setup: (tSetup - t0) / 1000,
        load: (tLoad - tSetup) / 1000,
        indexes: (tIdx - tLoad) / 1000,
        foreignKeys: (tFk - tIdx) / 1000,
        vacuumAnalyze: (tVac - tFk) / 1000,
      };
      anchorIso = anchor.toISOString();
      await saveMarker(client, LOADED_MARKER, { seconds: loadSeconds, anchor: anchorIso } satisfies LoadedMarker);
    }

    const stepTimes: Record<string, number> = {};
    for (const st of POST_LOAD_STEPS) {
      const done = (await client.query<{ value: { ms: number } }>(`SELECT value FROM app_setting WHERE key = $1`, [`${STEP_MARKER}${st.name}`])).rows[0];
      if (done) {
        stepTimes[st.name] = done.value.ms;
        continue;
      }
      const t = Date.now();
      say(`  ${st.name}…`);
      await st.run(client);
      stepTimes[st.name] = Date.now() - t;
      await saveMarker(client, `${STEP_MARKER}${st.name}`, { ms: stepTimes[st.name] });
    }
    if (bulk) await setBulkSettings(client, false);
    await client.query(`CHECKPOINT`);
    const counts = await client.query<{ t: string; n: number }>(
      tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${ident(t)}`).join(" UNION ALL "),
    );
    const steps = Object.fromEntries(Object.entries(stepTimes).map(([k, v]) => [k, v / 1000]));
    // A resumed run reports the work's time: the recorded load phases plus every step's own time.
    const total = loadedMarker
      ? Object.values(loadSeconds).reduce((a, b) => a + b, 0) + Object.values(steps).reduce((a, b) => a + b, 0)
      : (Date.now() - t0) / 1000;
    const seconds = { ...loadSeconds, steps, total, ...(loadedMarker ? { resumed: true } : {}) };
    const facts = {
      customers: args.customers,
      seed: args.seed,
      anchor: anchorIso.slice(0, 10),
      at: new Date().toISOString(),
      workers: args.workers,
      rows: Object.fromEntries(counts.rows.map((r) => [r.t, r.n])),
      seconds,
    };
    // The demo marker too: `npm start` against this database must not seed over it.
    await client.query(
      `INSERT INTO app_setting (key, value, updated_at) VALUES ($1, $2, now()), ('demo.seededAt', $2, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [GENERATED_MARKER, JSON.stringify(facts)],
    );
    fs.writeFileSync(path.join(bench.dir, "generated.json"), JSON.stringify(facts, null, 2) + "\n");
    say(`  rows: ${counts.rows.map((r) => `${r.t} ${r.n.toLocaleString("en")}`).join(", ")}`);
    const ls = loadSeconds;
    say(
      `  setup ${fmt(ls.setup * 1000)} · load ${fmt(ls.load * 1000)} · indexes ${fmt(ls.indexes * 1000)} · foreign keys ${fmt(ls.foreignKeys * 1000)} · vacuum/analyze ${fmt(ls.vacuumAnalyze * 1000)}`,
    );
    say(
      `  ${Object.entries(steps)
        .map(([k, v]) => `${k} ${fmt(v * 1000)}`)
        .join(" · ")}`,
    );
    say(`Generated ${args.customers.toLocaleString("en")} customers in ${fmt(total * 1000)}${loadedMarker ? " (resumed; the time of the work)" : ""}.`);
  } finally {
    await client.end();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await bench.stop();
  }
}

/** Worker: generates chunks w, w+W, w+2W… and COPYs them, reporting progress to the parent. */
async function worker() {
  const cfg = JSON.parse(process.env.BENCH_WORKER!) as {
    w: number;
    workers: number;
    customers: number;
    seed: number;
    anchor: string;
    planIds: Record<string, number>;
    agentIds: number[];
  };
  const { generateSubscriberBatches } = await import("@/tests/factories/dataset");
  const { copyBatch } = await import("@/tests/factories/load");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`SET synchronous_commit = off`);
  const chunks = Math.ceil(cfg.customers / CHUNK);
  for (let k = cfg.w; k < chunks; k += cfg.workers) {
    const first = k * CHUNK;
    const n = Math.min(CHUNK, cfg.customers - first);
    const seed = (cfg.seed + Math.imul(k + 1, 0x9e3779b1)) >>> 0;
    for (const b of generateSubscriberBatches(
      {
        customers: n,
        seed,
        anchor: new Date(cfg.anchor),
        planIds: cfg.planIds,
        agentIds: cfg.agentIds,
        customerIdOffset: first,
        lineIdOffset: first * LINE_ID_STRIDE,
      },
      5000,
    )) {
      await client.query("BEGIN");
      await copyBatch(client, b);
      await client.query("COMMIT");
      process.send!({ customers: b.customers.length, rows: Object.values(b).reduce((s, r) => s + r.length, 0) });
    }
  }
  await client.end();
}

if (process.argv.includes("--worker")) {
  worker().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    if (!(e instanceof Error)) console.error(e);
    process.exit(1);
  });
}
