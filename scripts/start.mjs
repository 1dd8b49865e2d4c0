#!/usr/bin/env node
// npm start: database (embedded unless DATABASE_URL is set) → migrations → demo seed (once) →
// build (when sources changed) → `next start` on $PORT (default 3000), one process per core.
import { spawn, spawnSync } from "node:child_process";
import { startEmbeddedPostgres, defaultDataDir } from "./lib/postgres.mjs";
import { deployMigrations } from "./lib/migrations.mjs";
import { buildIfNeeded } from "./lib/build.mjs";
import { localSecrets } from "./lib/secrets.mjs";
import { DEMO_LOGINS } from "./lib/demo-logins.mjs";

const t0 = Date.now();
const port = Number(process.env.PORT ?? 3000);
const dev = process.argv.includes("--dev");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let stopDb = async () => {};

if (!env.DATABASE_URL) {
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

const applied = await deployMigrations(env.DATABASE_URL);
console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Database schema is up to date.");

const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts"], { stdio: "inherit", env });
if (seed.status !== 0) {
  await stopDb();
  process.exit(seed.status ?? 1);
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
