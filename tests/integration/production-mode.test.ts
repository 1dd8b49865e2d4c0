// Production mode (issue 19, finding 1): the server and `npm start` refuse to run with public
// secrets or on the embedded PostgreSQL, and Secure cookies and HSTS are the default.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { spawn } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { loadEnv } from "@/lib/env";
import { sessionCookieName } from "@/lib/auth/cookies";
import { proxy } from "@/proxy";

const KEY = Buffer.alloc(32, 9).toString("base64");
const KEYS = { AUTH_SECRET: "an-operator-secret-0123456789abcdef0123456789", PII_ENC_KEY: KEY, PII_HMAC_KEY: KEY };
const DB = { DATABASE_URL: "postgresql://crm:crm@127.0.0.1:5432/crm" };

describe("production mode refuses the public development secrets (lib/env.ts)", () => {
  test("without AUTH_SECRET and the PII keys the server refuses to start, naming each variable and how to generate it", () => {
    expect(() => loadEnv({ ...DB, CRM_MODE: "production" })).toThrow(/AUTH_SECRET, PII_ENC_KEY, PII_HMAC_KEY are not set/);
    let message = "";
    try {
      loadEnv({ ...DB, NODE_ENV: "production", CRM_MODE: "production" });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ["AUTH_SECRET", "PII_ENC_KEY", "PII_HMAC_KEY"]) expect(message).toMatch(new RegExp(`^  ${name}: .*openssl rand -base64 32`, "m"));
  });

  test("production is the default mode: with no CRM_MODE a missing key is refused, never replaced by a development constant", () => {
    expect(() => loadEnv({ ...DB, AUTH_SECRET: KEYS.AUTH_SECRET, PII_ENC_KEY: KEY })).toThrow(/PII_HMAC_KEY is not set/);
    expect(() => loadEnv({ ...DB, AUTH_SECRET: KEYS.AUTH_SECRET, PII_ENC_KEY: KEY })).not.toThrow(/AUTH_SECRET|PII_ENC_KEY/);
  });

  test("the versioned key list PII_ENC_KEYS counts as the encryption key", () => {
    expect(() => loadEnv({ ...DB, AUTH_SECRET: KEYS.AUTH_SECRET, PII_HMAC_KEY: KEY, PII_ENC_KEYS: `1:${KEY}` })).not.toThrow();
  });

  test("with its secrets production mode starts and uses exactly them", () => {
    const e = loadEnv({ ...DB, ...KEYS, CRM_MODE: "production" });
    expect(e).toMatchObject({ ...KEYS, usingDevSecrets: false });
  });

  test("only `next build` may evaluate the modules without secrets (an image is built without them); `next start` may not", () => {
    expect(() => loadEnv({ ...DB, NEXT_PHASE: "phase-production-build" })).not.toThrow();
    expect(() => loadEnv({ ...DB, NEXT_PHASE: "phase-production-server" })).toThrow(/AUTH_SECRET, PII_ENC_KEY, PII_HMAC_KEY are not set/);
  });

  test("the demo and the tests keep the development fallback", () => {
    expect(loadEnv({ ...DB, CRM_MODE: "demo" }).usingDevSecrets).toBe(true);
  });
});

describe("Secure cookies and HSTS are on by default in production mode", () => {
  const saved = { CRM_MODE: process.env.CRM_MODE, SECURE_COOKIES: process.env.SECURE_COOKIES };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });
  const hsts = (mode: string, secureCookies?: string) => {
    process.env.CRM_MODE = mode;
    if (secureCookies === undefined) delete process.env.SECURE_COOKIES;
    else process.env.SECURE_COOKIES = secureCookies;
    return proxy(new NextRequest("http://localhost/login")).headers.get("strict-transport-security");
  };

  test("production mode: the __Host- session cookie and an HSTS header without any setting", () => {
    expect(sessionCookieName(loadEnv({ ...DB, ...KEYS, CRM_MODE: "production" }).secureCookies)).toBe("__Host-crm.session");
    expect(hsts("production")).toMatch(/max-age=\d{8}/);
  });

  test("SECURE_COOKIES=false turns both off explicitly; the demo has them only with SECURE_COOKIES=true", () => {
    expect(loadEnv({ ...DB, ...KEYS, CRM_MODE: "production", SECURE_COOKIES: "false" }).secureCookies).toBe(false);
    expect(hsts("production", "false")).toBeNull();
    expect(loadEnv({ ...DB, CRM_MODE: "demo" }).secureCookies).toBe(false);
    expect(hsts("demo")).toBeNull();
    expect(hsts("demo", "true")).toMatch(/max-age/);
  });
});

/** Runs `npm start` (scripts/start.mjs) with exactly `vars`; kills it (and its children) after `ms`. */
function start(vars: Record<string, string>, args: string[] = [], ms = 30_000): Promise<{ code: number | null; out: string; err: string; timedOut: boolean }> {
  // Whatever happens, never the worktree's own embedded database or port.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "crm-start-"));
  const base = Number(process.env.TEST_PG_PORT ?? 54330);
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? scratch,
    EMBEDDED_PG_DIR: path.join(scratch, "pg"),
    EMBEDDED_PG_PORT: String(base + 300),
    PORT: String(base + 310),
    ...vars,
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "scripts/start.mjs", ...args], {
      env: env as unknown as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }, ms);
    child.on("exit", (code) => {
      clearTimeout(timer);
      fs.rmSync(scratch, { recursive: true, force: true });
      resolve({ code, out, err, timedOut });
    });
  });
}

describe("npm start in production mode (scripts/start.mjs)", () => {
  test("NODE_ENV=production without DATABASE_URL refuses the embedded PostgreSQL, before starting or building anything", async () => {
    const r = await start({ NODE_ENV: "production", ...KEYS });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refuses the embedded PostgreSQL: set DATABASE_URL to your PostgreSQL/);
    expect(r.out).not.toMatch(/Embedded PostgreSQL on port|Building/);
  });

  test("--production without DATABASE_URL refuses the embedded PostgreSQL too", async () => {
    const r = await start({ ...KEYS }, ["--production"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/set DATABASE_URL to your PostgreSQL/);
  });

  test("a DATABASE_URL without AUTH_SECRET and the PII keys is refused with each missing variable named, before the database is touched", async () => {
    const r = await start({ DATABASE_URL: process.env.DATABASE_URL! });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/AUTH_SECRET, PII_ENC_KEY, PII_HMAC_KEY are not set/);
    expect(r.err).toMatch(/openssl rand -base64 32/);
    expect(r.out).not.toMatch(/Migrations applied|Database schema is up to date|Building|Demo logins/);
  });

  test("only the missing key is named", async () => {
    const r = await start({ DATABASE_URL: process.env.DATABASE_URL!, NODE_ENV: "production", AUTH_SECRET: KEYS.AUTH_SECRET, PII_ENC_KEY: KEY });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/PII_HMAC_KEY is not set/);
    expect(r.err).not.toMatch(/AUTH_SECRET:|PII_ENC_KEY:/);
  });

  test("a database holding the demo data (demo users share a public password) is refused in production mode", async () => {
    // This file's database is a clone of the seeded demo database.
    const r = await start({ DATABASE_URL: process.env.DATABASE_URL!, ...KEYS });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holds the demo data/);
    expect(r.out).not.toMatch(/Demo logins|Building/);
  });
});
