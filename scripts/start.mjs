#!/usr/bin/env node
// npm start: database (embedded unless DATABASE_URL is set) → migrations → demo seed (once) →
// build (when sources changed) → `next start` on $PORT (default 3000), one process per core.
import { spawn, spawnSync } from "node:child_process";
import { startEmbeddedPostgres, defaultDataDir } from "./lib/postgres.mjs";
import { deployMigrations } from "./lib/migrations.mjs";
import { buildIfNeeded } from "./lib/build.mjs";
import { localSecrets } from "./lib/secrets.mjs";
import { DEMO_LOGINS } from "./lib/demo-logins.mjs";
import { appDatabaseUrl } from "./lib/db-roles.mjs";

const t0 = Date.now();
const port = Number(process.env.PORT ?? 3000);
const dev = process.argv.includes("--dev");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let stopDb = async () => {};
const embedded = !env.DATABASE_URL;

if (embedded) {
  const pgPort = Number(env.EMBEDDED_PG_PORT ?? 54329);
  const db = await startEmbeddedPostgres({ dataDir: defaultDataDir(), port: pgPort });
  env.DATABASE_URL = db.url;
  stopDb = db.stop;
  console.log(`Embedded PostgreSQL on port ${pgPort} (data in ${defaultDataDir()}).`);
  env.CRM_MODE ??= "demo";
} else {
  console.log("Using DATABASE_URL.");
}
for (const [k, v] of Object.entries(localSecrets())) env[k] ??= v;
env.NEXTAUTH_URL ??= `http://localhost:${port}`;

// Migrations and the seed as the owner (MIGRATION_DATABASE_URL; the embedded server's own user);
// the app as crm_app, which holds data rights only (scripts/lib/db-roles.mjs).
const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
delete env.MIGRATION_DATABASE_URL; // the app never gets the owner's credentials
const applied = await deployMigrations(ownerUrl);
console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Database schema is up to date.");

const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts"], {
  stdio: "inherit",
  env: { ...env, DATABASE_URL: ownerUrl },
});
if (seed.status !== 0) {
  await stopDb();
  process.exit(seed.status ?? 1);
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
    buildIfNeeded(env);
  } catch (e) {
    console.error(String(e));
    await stopDb();
    process.exit(1);
  }
}

// Production: `next start` in one process per core (scripts/serve.mjs; WEB_CONCURRENCY to change).
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
    console.log("  Demo logins (password for all: Demo@2026):");
    for (const l of DEMO_LOGINS) console.log(`    ${l.username.padEnd(12)} ${l.role}`);
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
