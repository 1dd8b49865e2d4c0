import { describe, test, expect } from "vitest";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { authenticate, computeIpBackoffMinutes, MAX_FAILURES_PER_HOUR } from "@/lib/auth/login";
import { createSession, validateSession } from "@/lib/auth/session-store";
import { evaluateSession, getSessionPolicy, updateSessionPolicy } from "@/lib/auth/session-policy";
import { createUser, resetUserPassword, setUserActive, unlockUser, updateUser } from "@/lib/users/commands";
import { RATE_LIMITS, refill, takeToken } from "@/lib/shared/rate-limit";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createAgent } from "@/tests/factories/staff";

const uniq = () => crypto.randomBytes(4).toString("hex");
async function freshUser(extra: { role?: "AGENT" | "ADMIN"; teamId?: number | null } = {}) {
  return (await createAgent({ password: "Right@12345", ...extra })).user;
}
const ip = () => `203.0.113.${crypto.randomInt(1, 250)}-${uniq()}`;

describe("login throttling", () => {
  test("per-IP exponential back-off: after 10 failures from one address even the right password is refused there, not elsewhere", async () => {
    const u = await freshUser();
    const attacker = ip();
    const now = new Date();
    for (let i = 0; i < 10; i++) await authenticate({ username: `nobody_${i}`, password: "x", ip: attacker }, now);
    expect(await authenticate({ username: u.username, password: "Right@12345", ip: attacker }, now)).toMatchObject({ ok: false, code: "locked" });
    const reasons = await db.auditLog.findMany({ where: { ip: attacker, action: "auth.loginFailed" }, select: { data: true }, orderBy: { id: "asc" } });
    expect(reasons.at(-1)?.data).toEqual({ reason: "ipThrottled" });
    expect((await authenticate({ username: u.username, password: "Right@12345", ip: ip() }, now)).ok).toBe(true);
  });

  test("the per-IP request bucket refuses a burst of attempts", async () => {
    const addr = ip();
    const now = new Date();
    let refused = 0;
    for (let i = 0; i < RATE_LIMITS.login.capacity + 2; i++) if (!(await takeToken("login", addr, now))) refused++;
    expect(refused).toBe(2);
  });

  test(`at most ${MAX_FAILURES_PER_HOUR} failed attempts per hour per account`, async () => {
    const u = await freshUser();
    const at = new Date(Date.now() - 10 * 60_000);
    await db.auditLog.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_HOUR }, () => ({ action: "auth.loginFailed", entity: "user", entityId: String(u.id), at })),
    });
    expect((await authenticate({ username: u.username, password: "Right@12345" })).ok).toBe(false);
    const last = await db.auditLog.findFirst({ where: { entityId: String(u.id) }, orderBy: { id: "desc" } });
    expect(last?.data).toEqual({ reason: "hourlyCap" });
  });

  test("IP back-off doubles from the 10th failure up to an hour", () => {
    expect([9, 10, 11, 12, 15, 40].map(computeIpBackoffMinutes)).toEqual([0, 1, 2, 4, 32, 60]);
  });

  test("token buckets refill continuously up to capacity", () => {
    const p = { capacity: 10, refillPerSecond: 1 };
    const t0 = new Date(0);
    expect(refill(p, 0, t0, new Date(3_000))).toBe(3);
    expect(refill(p, 9, t0, new Date(60_000))).toBe(10);
    expect(refill(p, 4, t0, new Date(-5_000))).toBe(4);
  });
});

describe("sessions", () => {
  test("login creates a new session row each time (rotation)", async () => {
    const u = await freshUser();
    const a = await authenticate({ username: u.username, password: "Right@12345" });
    const b = await authenticate({ username: u.username, password: "Right@12345" });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.user.sessionId).not.toBe(b.user.sessionId);
    expect(await db.userSession.count({ where: { userId: u.id } })).toBe(2);
  });

  test("idle timeout 30 min and absolute lifetime 12 h", async () => {
    const u = await freshUser();
    const t0 = new Date(Date.now() - 1000);
    const sid = await createSession(u.id, {}, t0);
    expect(await validateSession(sid, u.id, new Date(t0.getTime() + 29 * 60_000))).toBe("ok");
    expect(await validateSession(sid, u.id, new Date(t0.getTime() + 29 * 60_000 + 31 * 60_000))).toBe("idle");
    expect(await validateSession(sid, u.id + 1, t0)).toBe("revoked");
    expect(await validateSession("not-a-uuid", u.id, t0)).toBe("revoked");
    const policy = { idleMinutes: 30, absoluteHours: 12 };
    const s = { createdAt: t0, lastSeenAt: new Date(t0.getTime() + 12 * 3_600_000), revokedAt: null };
    expect(evaluateSession(s, policy, new Date(t0.getTime() + 12 * 3_600_000 + 1000))).toBe("expired");
    expect(evaluateSession({ ...s, revokedAt: t0 }, policy, t0)).toBe("revoked");
  });

  test("an admin changes the timeouts; others may not", async () => {
    const admin = await actorFor("admin1");
    await expect(updateSessionPolicy(await actorFor("manager1"), { idleMinutes: 10, absoluteHours: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    await updateSessionPolicy(admin, { idleMinutes: 10, absoluteHours: 2 });
    try {
      expect(await getSessionPolicy()).toEqual({ idleMinutes: 10, absoluteHours: 2 });
      await expect(updateSessionPolicy(admin, { idleMinutes: 1, absoluteHours: 2 })).rejects.toThrow();
    } finally {
      // The default policy again: the other session tests of this file expect it.
      await updateSessionPolicy(admin, { idleMinutes: 30, absoluteHours: 12 });
    }
    expect(await db.auditLog.count({ where: { action: "settings.updated", actorId: admin.id } })).toBeGreaterThanOrEqual(2);
  });
});

describe("user administration", () => {
  test("role change, deactivation and password reset end every session; a name change does not", async () => {
    const admin = await actorFor("admin1");
    const u = await freshUser({ teamId: admin.teamId });
    const sid = await createSession(u.id);
    await updateUser(admin, { userId: u.id, version: u.version, displayName: "Renamed", role: "AGENT", teamId: u.teamId });
    expect(await validateSession(sid, u.id)).toBe("ok");
    await updateUser(admin, { userId: u.id, version: u.version + 1, displayName: "Renamed", role: "SUPERVISOR", teamId: u.teamId });
    expect(await validateSession(sid, u.id)).toBe("revoked");
    const afterRole = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(afterRole.sessionVersion).toBe(u.sessionVersion + 1);

    const sid2 = await createSession(u.id);
    await setUserActive(admin, { userId: u.id, active: false });
    expect(await validateSession(sid2, u.id)).toBe("revoked");
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion).toBe(u.sessionVersion + 2);
    expect((await authenticate({ username: u.username, password: "Right@12345" })).ok).toBe(false);

    await setUserActive(admin, { userId: u.id, active: true });
    const sid3 = await createSession(u.id);
    await resetUserPassword(admin, { userId: u.id, password: "Brand-new-pass-1" });
    expect(await validateSession(sid3, u.id)).toBe("revoked");
    expect((await authenticate({ username: u.username, password: "Brand-new-pass-1" })).ok).toBe(true);
    const actions = (await db.auditLog.findMany({ where: { entity: "user", entityId: String(u.id), actorId: admin.id }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["user.updated", "user.updated", "user.deactivated", "user.reactivated", "user.passwordReset"]);
  });

  test("a stale version is a conflict and changes nothing", async () => {
    const admin = await actorFor("admin1");
    const u = await freshUser();
    await expect(updateUser(admin, { userId: u.id, version: u.version + 5, displayName: "X", role: "ADMIN", teamId: null })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).role).toBe("AGENT");
  });

  test("create validates username, password strength and team; admin unlock lifts a lockout", async () => {
    const admin = await actorFor("admin1");
    await expect(createUser(admin, { username: "x", displayName: "X", role: "AGENT", teamId: null, password: "Good-pass-123" })).rejects.toThrow();
    await expect(
      createUser(admin, { username: `ok_${uniq()}`, displayName: "X", role: "AGENT", teamId: 999999, password: "Good-pass-123" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(createUser(admin, { username: `ok_${uniq()}`, displayName: "X", role: "AGENT", teamId: null, password: "short1" })).rejects.toThrow();
    const { id } = await createUser(admin, { username: `ok_${uniq()}`, displayName: "X", role: "AGENT", teamId: null, password: "Good-pass-123" });
    await db.user.update({ where: { id }, data: { failedLogins: 7, lockedUntil: new Date(Date.now() + 3_600_000) } });
    await unlockUser(admin, { userId: id });
    const u = await db.user.findUniqueOrThrow({ where: { id } });
    expect([u.failedLogins, u.lockedUntil]).toEqual([0, null]);
    await expect(setUserActive(admin, { userId: admin.id, active: false })).rejects.toBeInstanceOf(ValidationError);
  });
});
