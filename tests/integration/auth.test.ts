import { describe, test, expect } from "vitest";
import { db } from "@/lib/db";
import { authenticate, computeLockMinutes, endSessions } from "@/lib/auth/login";
import { createAgent } from "@/tests/factories/staff";
import { withClient } from "../pg-client";

async function freshUser() {
  return (await createAgent({ password: "Right@123" })).user;
}

describe("authenticate", () => {
  test("right password logs in and is audited; wrong password is refused and audited", async () => {
    const u = await freshUser();
    const bad = await authenticate({ username: u.username, password: "nope" });
    expect(bad).toEqual({ ok: false, code: "invalid" });
    const ok = await authenticate({ username: u.username.toUpperCase(), password: "Right@123" });
    expect(ok.ok).toBe(true);
    const actions = (await db.auditLog.findMany({ where: { entityId: String(u.id), entity: "user" }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["auth.loginFailed", "auth.loginSucceeded"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).failedLogins).toBe(0);
  });

  test("locks after 5 failures with exponential back-off, and a locked account refuses the right password", async () => {
    const u = await freshUser();
    const now = new Date();
    for (let i = 0; i < 5; i++) await authenticate({ username: u.username, password: "nope" }, now);
    const locked = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(locked.failedLogins).toBe(5);
    expect(locked.lockedUntil!.getTime()).toBe(now.getTime() + 60_000);
    expect((await authenticate({ username: u.username, password: "Right@123" }, now)).ok).toBe(false);
    // After the lock expires, the right password works again.
    expect((await authenticate({ username: u.username, password: "Right@123" }, new Date(now.getTime() + 61_000))).ok).toBe(true);
  });

  test("unknown users get the same answer", async () => {
    expect(await authenticate({ username: "no-such-user", password: "x" })).toEqual({ ok: false, code: "invalid" });
  });

  test("back-off doubles up to an hour", () => {
    expect([4, 5, 6, 7, 10, 20].map(computeLockMinutes)).toEqual([0, 1, 2, 4, 32, 60]);
  });

  test("ending sessions bumps the session version", async () => {
    const u = await freshUser();
    await endSessions(u.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion).toBe(u.sessionVersion + 1);
  });
});

describe("audit log is append-only", () => {
  // The app role has no UPDATE/DELETE/TRUNCATE on it at all (database-roles.test.ts); the trigger
  // refuses them even to the owner, who holds every privilege.
  test("UPDATE and DELETE are refused by the database, even to the owner of the table", async () => {
    const row = await db.auditLog.create({ data: { action: "test.created", entity: "test" } });
    await withClient(process.env.MIGRATION_DATABASE_URL!, async (owner) => {
      await expect(owner.query(`UPDATE audit_log SET action = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    });
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: row.id } })).action).toBe("test.created");
  });
});
