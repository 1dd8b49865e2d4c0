#!/usr/bin/env node
// npm test: a throwaway PostgreSQL (embedded, temp dir) unless TEST_DATABASE_URL is given →
// migrations → small demo seed → generated 20,000-customer base (second database) → vitest (unit +
// integration) → build → Playwright e2e in Chromium → benchmark smoke run on the generated base.
//   --unit / --integration / --e2e / --bench   run only those parts (default: all)
// A skipped or todo test fails the run (Vitest's and Playwright's JSON reports are read after
// each): a test that does not run cannot fail. Integration files each run on a clone of the
// seeded database (tests/global-setup.ts), so they share nothing and may run in any order.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runChild } from "./lib/child.mjs";
import { startEmbeddedPostgres, tempDataDir } from "./lib/postgres.mjs";
import { deployMigrations } from "./lib/migrations.mjs";
import { buildIfNeeded } from "./lib/build.mjs";
import { appRoleUrl } from "./lib/db-roles.mjs";

const args = process.argv.slice(2);
const only = ["--unit", "--integration", "--e2e", "--bench"].filter((a) => args.includes(a));
const want = (part) => only.length === 0 || only.includes(`--${part}`);
// Anything else narrows Vitest and Playwright to matching files, e.g. `npm test -- --integration value`.
const filters = args.filter((a) => !a.startsWith("--"));
const t0 = Date.now();
const env = {
  ...process.env,
  NODE_ENV: "test",
  // The suite runs the demo mode; production-mode tests set CRM_MODE=production themselves.
  CRM_MODE: "demo",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "test-auth-secret-0123456789abcdef0123456789",
  PII_ENC_KEY: process.env.PII_ENC_KEY ?? Buffer.alloc(32, 3).toString("base64"),
  PII_HMAC_KEY: process.env.PII_HMAC_KEY ?? Buffer.alloc(32, 5).toString("base64"),
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};
// The fault and backup tests start PostgreSQL servers of their own: their ports follow the test
// server's, so runs with different TEST_PG_PORTs on one machine never take each other's.
const pgPort = Number(process.env.TEST_PG_PORT ?? 54330);
env.TEST_FAULT_PG_PORT ??= String(pgPort + 100);
env.TEST_BACKUP_PG_PORT ??= String(pgPort + 200);
let stopDb = async () => {};
const BENCH_CUSTOMERS = 20000;
const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-test-bench-"));
const tsNode = [process.execPath, "--experimental-wasm-modules", "--no-warnings", "--conditions=react-server", "--import", "tsx"];
let failed = false;

// TEST_REPORT_DIR keeps Vitest's and Playwright's JSON reports (per-test durations) after the run.
const keepReports = Boolean(process.env.TEST_REPORT_DIR);
const reportDir = keepReports ? path.resolve(process.env.TEST_REPORT_DIR) : fs.mkdtempSync(path.join(os.tmpdir(), "crm-test-reports-"));
fs.mkdirSync(reportDir, { recursive: true });
// Each part has a ceiling well above its usual time: a part that hangs (a process that does not
// exit, a server that does not stop) fails the run with its name instead of eating CI's 90 minutes.
const MINUTES = 60_000;
const ceilings = { vitest: 30 * MINUTES, playwright: 60 * MINUTES, bench: 20 * MINUTES };
const phases = [];
const since = (t) => `${((Date.now() - t) / 1000).toFixed(0)} s`;

/** Names of the tests Vitest skipped or left todo (.skip, .todo, skipIf/runIf, ctx.skip(), or an .only elsewhere). */
function skippedInVitest(file) {
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  return report.testResults.flatMap((f) =>
    f.assertionResults
      .filter((t) => !["passed", "failed"].includes(t.status))
      .map((t) => `${path.relative(process.cwd(), f.name)} › ${t.fullName} (${t.status})`),
  );
}

/** Names of the tests Playwright skipped (test.skip, test.fixme, a skip condition). */
function skippedInPlaywright(file) {
  if (!fs.existsSync(file)) return [];
  const names = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) if (t.status === "skipped") names.push(`${spec.file} › ${[...titles, spec.title].join(" › ")}`);
    }
    for (const child of suite.suites ?? []) walk(child, child.title && !child.title.endsWith(".ts") ? [...titles, child.title] : titles);
  };
  for (const s of JSON.parse(fs.readFileSync(file, "utf8")).suites ?? []) walk(s, []);
  return names;
}

function failOnSkipped(tool, names) {
  if (!names.length) return;
  console.error(`\n✖ ${tool} skipped ${names.length} test${names.length === 1 ? "" : "s"}. A skipped test cannot fail, so it fails the run:`);
  for (const n of names) console.error(`    ${n}`);
  console.error("  Remove the .skip/.only/.todo/.fixme, or turn the skip condition into a failing assertion with a message.");
  failed = true;
}

// Never spawnSync here: this process reads the embedded PostgreSQL's log pipe (scripts/lib/child.mjs).
async function run(label, cmd, argv, extraEnv = {}, timeout = 0) {
  console.log(`\n▶ ${label} (started ${new Date().toISOString().slice(11, 19)} UTC)`);
  const t = Date.now();
  const r = await runChild(cmd, argv, { env: { ...env, ...extraEnv }, timeout });
  phases.push(`${label.split(" ")[0]} ${since(t)}`);
  if (r.timedOut) {
    console.error(`✖ ${label} did not finish within ${timeout / MINUTES} minutes and was stopped`);
    failed = true;
    return false;
  }
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (exit ${r.status})`);
    failed = true;
  }
  return r.status === 0;
}

try {
  if (want("integration") || want("e2e") || want("bench")) {
    if (process.env.TEST_DATABASE_URL) {
      env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    } else {
      const dir = tempDataDir();
      const db = await startEmbeddedPostgres({ dataDir: dir, port: pgPort, persistent: false });
      env.DATABASE_URL = db.url;
      stopDb = async () => {
        await db.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      };
    }
    // Migrations and the seed as the owner; everything after (tests, the app under e2e) as crm_app
    // (scripts/lib/db-roles.mjs), so the tests prove its grants are enough.
    env.MIGRATION_DATABASE_URL = env.DATABASE_URL;
    const tSetup = Date.now();
    await deployMigrations(env.MIGRATION_DATABASE_URL);
    const seeded = await runChild(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "-e",
        // Exit once seeded: the care demo (issue 23) writes through the app's pool, which would hold the process open.
        `import("./scripts/seed.ts").then(m => m.seedDemo(process.env.DATABASE_URL, { customers: 600, quiet: true })).then(() => process.exit(0))`,
      ],
      { env },
    );
    if (seeded.status !== 0) throw new Error("test seed failed");
    env.DATABASE_URL = await appRoleUrl(env.MIGRATION_DATABASE_URL);
    phases.push(`database+seed ${since(tSetup)}`);
  }
  if (want("integration") || want("bench")) {
    // A second database with a generated base: the query-plan test (integration) and the
    // benchmark smoke run use it, so neither the generator nor the benchmark can rot.
    const url = new URL(env.MIGRATION_DATABASE_URL);
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS crm_bench WITH (FORCE)");
    await admin.query("CREATE DATABASE crm_bench");
    await admin.end();
    url.pathname = "/crm_bench";
    env.BENCH_DATABASE_URL = url.toString();
    const t = Date.now();
    const gen = await runChild(
      tsNode[0],
      [...tsNode.slice(1), "scripts/generate.ts", "--customers", String(BENCH_CUSTOMERS), "--db-dir", benchDir, "--quiet"],
      {
        env: { ...env, DATABASE_URL: env.BENCH_DATABASE_URL },
      },
    );
    if (gen.status !== 0) throw new Error("generating the benchmark base failed");
    console.log(`Generated ${BENCH_CUSTOMERS} customers for the plan test and the benchmark smoke run in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
    phases.push(`generate ${since(t)}`);
  }
  const vitestDirs = [want("unit") && "tests/unit", want("integration") && "tests/integration"].filter(Boolean);
  if (vitestDirs.length) {
    const report = path.join(reportDir, "vitest.json");
    await run(
      `vitest ${vitestDirs.join(" ")} ${filters.join(" ")}`,
      process.execPath,
      [
        "node_modules/vitest/vitest.mjs",
        "run",
        ...(filters.length ? filters : vitestDirs),
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
      ],
      {},
      ceilings.vitest,
    );
    failOnSkipped("Vitest", skippedInVitest(report));
  }
  if (want("e2e") && !failed) {
    const tBuild = Date.now();
    if (await buildIfNeeded({ ...env, NODE_ENV: "production" })) phases.push(`build ${since(tBuild)}`);
    const report = path.join(reportDir, "playwright.json");
    await run(
      `playwright e2e ${filters.join(" ")}`,
      process.execPath,
      ["node_modules/@playwright/test/cli.js", "test", ...filters, ...(filters.length ? ["--pass-with-no-tests"] : []), "--reporter=list,json"],
      {
        NODE_ENV: "production",
        PLAYWRIGHT_JSON_OUTPUT_FILE: report,
      },
      ceilings.playwright,
    );
    failOnSkipped("Playwright", skippedInPlaywright(report));
  }
  if (want("bench") && !failed) {
    // Smoke run: every benchmark row runs briefly (no timing assertions; timing is the benchmark's job).
    await buildIfNeeded({ ...env, NODE_ENV: "production" });
    await run(
      "benchmark smoke run",
      tsNode[0],
      [
        ...tsNode.slice(1),
        "scripts/bench.ts",
        "--customers",
        String(BENCH_CUSTOMERS),
        "--quick",
        "--db-dir",
        benchDir,
        "--out",
        path.join(benchDir, "results"),
      ],
      {
        DATABASE_URL: env.BENCH_DATABASE_URL,
        BENCH_PORT: process.env.BENCH_PORT ?? process.env.E2E_PORT ?? "3100",
        NODE_ENV: "production",
      },
      ceilings.bench,
    );
  }
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  const tStop = Date.now();
  // PostgreSQL's fast shutdown takes a second; one that hangs must not hold the run.
  await Promise.race([stopDb(), new Promise((r) => setTimeout(r, 30_000).unref())]);
  if (Date.now() - tStop > 5_000) phases.push(`database stop ${since(tStop)}`);
  fs.rmSync(benchDir, { recursive: true, force: true });
  if (keepReports) console.log(`Reports kept in ${reportDir}`);
  else fs.rmSync(reportDir, { recursive: true, force: true });
}
console.log(`\nTimes: ${phases.join(" · ")}`);
console.log(`\n${failed ? "✖ tests failed" : "✔ all tests passed"} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
