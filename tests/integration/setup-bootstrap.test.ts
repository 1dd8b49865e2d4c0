// The first administrator of a production install (issue 19, finding 1): a one-time token from the
// server console opens /setup once; replay, expiry and an existing user close it.
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { applyMigrationSql } from "./copy-database";
import { withClient } from "../pg-client";

// A production install starts with an empty database: this file's own, made from the migrations
// (no demo users), before any lib module opens a connection.
// The owner creates and migrates it; lib runs as the app role (crm_app), as everywhere.
const clone = new URL(process.env.DATABASE_URL!);
const owner = new URL(process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL!);
const emptyName = `${decodeURIComponent(clone.pathname.slice(1))}_empty`;
const admin = new URL(owner);
admin.pathname = "/postgres";
await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE "${emptyName}"`));
const emptyOwner = new URL(owner);
emptyOwner.pathname = `/${emptyName}`;
await applyMigrationSql(emptyOwner.toString());
const empty = new URL(clone);
empty.pathname = `/${emptyName}`;
process.env.DATABASE_URL = empty.toString();
process.env.MIGRATION_DATABASE_URL = emptyOwner.toString();

const { db } = await import("@/lib/db");
const { issueSetupToken, isSetupOpen, completeSetup, SETUP_TOKEN_TTL_MINUTES } = await import("@/lib/users/setup-commands");
const { authenticate } = await import("@/lib/auth/login");
const { getMfaStatus } = await import("@/lib/auth/mfa");
const { actorOf } = await import("@/lib/auth/actor");
const { NotFoundError, RateLimitError } = await import("@/lib/shared/errors");

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);
const form = (token: string, over: Record<string, string> = {}) => ({
  token,
  username: "ops.admin",
  displayName: "Operations Admin",
  password: "Long-enough-2026",
  passwordConfirm: "Long-enough-2026",
  ...over,
});
const setupRow = () => db.appSetting.findUnique({ where: { key: "setup.token" } });

describe("first-administrator bootstrap (production install)", () => {
  test("the token is 256 random bits, stored only as a SHA-256 hash with an expiry", async () => {
    expect(await db.user.count()).toBe(0);
    const now = new Date();
    const token = (await issueSetupToken(now))!;
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const row = await setupRow();
    const value = row!.value as { sha256: string; expiresAt: string };
    expect(JSON.stringify(value)).not.toContain(token);
    expect(value.sha256).toBe(createHash("sha256").update(token).digest("hex"));
    expect(new Date(value.expiresAt).getTime()).toBe(minutes(SETUP_TOKEN_TTL_MINUTES, now).getTime());
    expect(await isSetupOpen(token)).toBe(true);
    // A new token replaces the old one.
    const next = (await issueSetupToken())!;
    expect(await isSetupOpen(token)).toBe(false);
    expect(await isSetupOpen(next)).toBe(true);
  });

  test("a wrong token is refused as not found and leaves the right one usable", async () => {
    const token = (await issueSetupToken())!;
    const wrong = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    await expect(completeSetup(form(wrong))).rejects.toBeInstanceOf(NotFoundError);
    expect(await isSetupOpen(wrong)).toBe(false);
    expect(await isSetupOpen(undefined)).toBe(false);
    expect(await isSetupOpen(token)).toBe(true);
    expect(await db.user.count()).toBe(0);
  });

  test("an expired token is refused", async () => {
    const token = (await issueSetupToken(minutes(-SETUP_TOKEN_TTL_MINUTES - 1)))!;
    expect(await isSetupOpen(token)).toBe(false);
    await expect(completeSetup(form(token))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.user.count()).toBe(0);
  });

  test("the password policy applies: too short, no digit, or the two entries differ, and nothing is created", async () => {
    const token = (await issueSetupToken())!;
    const fieldOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { issues?: Array<{ path: unknown[]; message: string }> }) => e.issues?.map((i) => `${i.path.join(".")}:${i.message}`),
      );
    expect(await fieldOf(completeSetup(form(token, { password: "Short-1", passwordConfirm: "Short-1" })))).toEqual([expect.stringMatching(/^password:/)]);
    expect(await fieldOf(completeSetup(form(token, { password: "no-digits-at-all", passwordConfirm: "no-digits-at-all" })))).toEqual(["password:passwordWeak"]);
    expect(await fieldOf(completeSetup(form(token, { passwordConfirm: "Long-enough-2027" })))).toEqual(["passwordConfirm:passwordMismatch"]);
    expect(await fieldOf(completeSetup(form(token, { username: "Bad Name" })))).toEqual(["username:usernameFormat"]);
    // The shipped breached-password list and the username rule hold for the first admin too.
    const fieldErrors = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { fields?: Record<string, string> }) => e.fields ?? null,
      );
    expect(await fieldErrors(completeSetup(form(token, { password: "Password123", passwordConfirm: "Password123" })))).toEqual({ password: "passwordCommon" });
    expect(await fieldErrors(completeSetup(form(token, { password: "ops.admin-2026", passwordConfirm: "ops.admin-2026" })))).toEqual({
      password: "passwordHasUsername",
    });
    expect(await db.user.count()).toBe(0);
    expect(await isSetupOpen(token)).toBe(true);
  });

  test("two submissions of one token at once create exactly one administrator; the token is consumed with it, audited", async () => {
    const token = (await issueSetupToken())!;
    const results = await Promise.allSettled([completeSetup(form(token)), completeSetup(form(token, { username: "other.admin" }))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(NotFoundError);
    const users = await db.user.findMany();
    expect(users).toHaveLength(1);
    const [u] = users;
    expect(u).toMatchObject({ role: "ADMIN", teamId: null, isActive: true, mfaEnabledAt: null });
    expect(await setupRow()).toBeNull();
    const audit = await db.auditLog.findMany({ where: { action: "user.bootstrapped" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: u!.id, entity: "user", entityId: String(u!.id) });
    expect(JSON.stringify(audit[0]!.data)).not.toMatch(/Long-enough|token/i);
  });

  test("the bootstrapped admin signs in with the chosen password and must enrol MFA before anything else", async () => {
    const u = await db.user.findFirstOrThrow();
    const login = await authenticate({ username: u.username, password: "Long-enough-2026" });
    expect(login.ok).toBe(true);
    expect(await getMfaStatus(actorOf(u, { ip: null, userAgent: null }))).toMatchObject({ enabled: false, required: true });
  });

  test("the bootstrap cannot be replayed: the used token, a new token and a planted one are all refused once a user exists", async () => {
    const used = "any-token-that-was-used-before-000000000000";
    await expect(completeSetup(form(used, { username: "second.admin" }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await issueSetupToken()).toBeNull();
    expect(await setupRow()).toBeNull();
    // Even a token row written behind the app's back does not reopen the set-up.
    const planted = "planted-token-0123456789abcdefghijklmnopqrstu";
    await db.appSetting.create({
      data: { key: "setup.token", value: { sha256: createHash("sha256").update(planted).digest("hex"), expiresAt: minutes(30).toISOString() } },
    });
    expect(await isSetupOpen(planted)).toBe(false);
    await expect(completeSetup(form(planted, { username: "second.admin" }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.user.count()).toBe(1);
  });

  test("set-up attempts are rate-limited for everyone together", async () => {
    const later = minutes(24 * 60); // a full bucket, whatever the tests above took
    const attempts: unknown[] = [];
    for (let i = 0; i < 21; i++) attempts.push(await completeSetup(form("x".repeat(43)), later).catch((e) => e));
    expect(attempts.slice(0, 20).every((e) => e instanceof NotFoundError)).toBe(true);
    expect(attempts[20]).toBeInstanceOf(RateLimitError);
  });
});
