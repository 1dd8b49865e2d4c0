// Findings 7 and 8 of issue 19: the MFA policy per role, recovery codes (ASVS 2.6.2), the user's
// own password change, the common-password list and must-change after an admin set a password.
import crypto from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { generateSync } from "otplib";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/login";
import { confirmMfaEnrolment, disableMfa, regenerateRecoveryCodes, startMfaEnrolment } from "@/lib/auth/mfa";
import { defaultMfaRoles, getMfaPolicy, updateMfaPolicy } from "@/lib/auth/mfa-policy";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/auth/permissions";
import { loadSessionActor } from "@/lib/auth/session-actor";
import { createSession } from "@/lib/auth/session-store";
import { changeOwnPassword, createUser as adminCreatesUser, resetUserPassword } from "@/lib/users/commands";
import { ConflictError, ForbiddenError, RateLimitError, ValidationError } from "@/lib/shared/errors";
import { createUser } from "@/tests/factories/staff";
import { actorFor } from "./helpers";

const REQUEST = { ip: "127.0.0.1", userAgent: "vitest" };

/** The actor a request with a fresh session of this user would get (the path getActor takes). */
async function sessionActor(userId: number, sid?: string): Promise<Actor | null> {
  const sessionId = sid ?? (await createSession(userId));
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  return loadSessionActor({ uid: userId, sv: sessionVersion, sid: sessionId }, REQUEST);
}

function expectEveryPermissionRefused(actor: Actor) {
  for (const p of ROLE_PERMISSIONS[actor.role]) expect(() => assertCan(actor, p), p).toThrow(ForbiddenError);
}
function expectEveryPermissionAllowed(actor: Actor) {
  for (const p of ROLE_PERMISSIONS[actor.role]) expect(() => assertCan(actor, p), p).not.toThrow();
}

async function setMfaRoles(roles: RoleName[]) {
  const admin = await actorFor("admin1");
  return updateMfaPolicy(admin, { roles, version: (await getMfaPolicy()).version });
}

describe("MFA policy per role (finding 7)", () => {
  afterEach(async () => {
    await setMfaRoles(["ADMIN"]);
  });

  test("the default requires MFA of every role that can reveal or export in production mode, of admins only in the demo", async () => {
    expect(defaultMfaRoles(true)).toEqual(["SUPERVISOR", "MANAGER", "ADMIN"]);
    expect(defaultMfaRoles(false)).toEqual(["ADMIN"]);
    // Every role holding customer:revealPii or customer:export is in the production default.
    const revealOrExport = (Object.keys(ROLE_PERMISSIONS) as RoleName[]).filter(
      (r) => ROLE_PERMISSIONS[r].has("customer:revealPii") || ROLE_PERMISSIONS[r].has("customer:export"),
    );
    expect(revealOrExport.every((r) => defaultMfaRoles(true).includes(r))).toBe(true);
    // The tests run in demo mode (CRM_MODE=demo) with no saved policy.
    await db.appSetting.deleteMany({ where: { key: "security.mfa" } });
    await updateMfaPolicy(await actorFor("admin1"), { roles: ["ADMIN"], version: 0 });
    expect((await getMfaPolicy()).roles).toEqual(["ADMIN"]);
  });

  test("a manager without MFA is refused every permission under the production policy; once an admin removes managers from it, allowed", async () => {
    const { user } = await createUser({ role: "MANAGER" });
    expectEveryPermissionAllowed((await sessionActor(user.id))!);

    await setMfaRoles(defaultMfaRoles(true));
    const blocked = (await sessionActor(user.id))!;
    expect(blocked.mfaEnrolmentRequired).toBe(true);
    expectEveryPermissionRefused(blocked);
    // Enrolling is still possible (it needs no permission), turning it off is not for a required role.
    const { secret } = await startMfaEnrolment(blocked);
    expect(secret).toBeTruthy();

    await setMfaRoles(["SUPERVISOR", "ADMIN"]);
    const allowed = (await sessionActor(user.id))!;
    expect(allowed.mfaEnrolmentRequired).toBeUndefined();
    expectEveryPermissionAllowed(allowed);
  });

  test("a supervisor who enrolled is let through, and may not turn MFA off while the policy requires it", async () => {
    const { user, actor } = await createUser({ role: "SUPERVISOR" });
    await setMfaRoles(["SUPERVISOR", "ADMIN"]);
    const { secret } = await startMfaEnrolment(actor);
    const t0 = Date.now();
    await confirmMfaEnrolment(actor, generateSync({ secret, epoch: Math.floor(t0 / 1000) }), new Date(t0));
    expectEveryPermissionAllowed((await sessionActor(user.id))!);
    const later = new Date(t0 + 30_000);
    await expect(disableMfa(actor, generateSync({ secret, epoch: Math.floor(later.getTime() / 1000) }), later)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("editing the policy: admins only, audited, admins always included, a stale version is a conflict", async () => {
    await expect(updateMfaPolicy(await actorFor("manager1"), { roles: ["ADMIN"], version: (await getMfaPolicy()).version })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const before = await getMfaPolicy();
    // ADMIN is added even when the form leaves it out (its box is disabled, so it is not submitted).
    const saved = await updateMfaPolicy(await actorFor("admin1"), { roles: ["MANAGER"], version: before.version });
    expect(saved).toEqual({ roles: ["MANAGER", "ADMIN"], version: before.version + 1 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "settings.updated", entityId: "security.mfa" }, orderBy: { id: "desc" } });
    expect(audit.data).toMatchObject({ to: ["MANAGER", "ADMIN"], version: before.version + 1 });
    await expect(updateMfaPolicy(await actorFor("admin1"), { roles: ["ADMIN"], version: before.version })).rejects.toBeInstanceOf(ConflictError);
    expect((await getMfaPolicy()).roles).toEqual(["MANAGER", "ADMIN"]);
  });
});

describe("recovery codes (ASVS 2.6.2)", () => {
  async function enrolledAgent() {
    const created = await createUser({ role: "AGENT", password: "Right-pass-2026" });
    const { secret } = await startMfaEnrolment(created.actor);
    const t0 = Date.now();
    const { recoveryCodes } = await confirmMfaEnrolment(created.actor, generateSync({ secret, epoch: Math.floor(t0 / 1000) }), new Date(t0));
    return { ...created, secret, t0, recoveryCodes };
  }

  test("each code carries at least 112 random bits and is stored salted and slow-hashed (argon2id)", async () => {
    const { user, recoveryCodes } = await enrolledAgent();
    expect(recoveryCodes).toHaveLength(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){4}$/);
    // 25 base32 characters × 5 bits = 125 bits.
    expect(recoveryCodes[0]!.replace(/-/g, "").length * 5).toBeGreaterThanOrEqual(112);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    for (const r of stored) {
      expect(r.codeHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      for (const c of recoveryCodes) expect(r.codeHash).not.toContain(c.replace(/-/g, ""));
    }
    // Salted: the same scheme never gives two equal hashes, and no fast hash of a code is stored.
    expect(new Set(stored.map((r) => r.codeHash)).size).toBe(10);
    const sha = crypto.createHash("sha256").update(recoveryCodes[0]!.replace(/-/g, "").toLowerCase()).digest("hex");
    expect(stored.map((r) => r.codeHash)).not.toContain(sha);
  });

  test("a code signs in once (any case, with or without dashes); four concurrent sign-ins with one code: exactly one passes", async () => {
    const { user, recoveryCodes } = await enrolledAgent();
    const login = (code: string) => authenticate({ username: user.username, password: "Right-pass-2026", code });
    expect((await login(recoveryCodes[0]!.toLowerCase().replace(/-/g, " "))).ok).toBe(true);
    expect(await login(recoveryCodes[0]!)).toEqual({ ok: false, code: "wrongCode" });
    const results = await Promise.all(Array.from({ length: 4 }, () => login(recoveryCodes[1]!)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(2);
  });

  test("a code of the earlier scheme (10 hex characters, SHA-256) no longer signs in", async () => {
    const { user } = await enrolledAgent();
    const old = "a1b2c-3d4e5";
    await db.recoveryCode.create({ data: { userId: user.id, codeHash: crypto.createHash("sha256").update("a1b2c3d4e5").digest("hex") } });
    expect(await authenticate({ username: user.username, password: "Right-pass-2026", code: old })).toEqual({ ok: false, code: "wrongCode" });
  });

  test("a new set needs a current code, replaces the old one and is audited", async () => {
    const { user, actor, secret, t0, recoveryCodes } = await enrolledAgent();
    await expect(regenerateRecoveryCodes(actor, "000000")).rejects.toBeInstanceOf(ValidationError);
    const at = new Date(t0 + 30_000);
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(actor, generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) }), at);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    const login = (code: string) => authenticate({ username: user.username, password: "Right-pass-2026", code });
    expect((await login(recoveryCodes[0]!)).ok).toBe(false);
    expect((await login(fresh[0]!)).ok).toBe(true);
    expect(await db.auditLog.count({ where: { action: "user.recoveryCodesRegenerated", entityId: String(user.id) } })).toBe(1);
  });
});

describe("the user's own password (finding 8)", () => {
  test("changing it needs the current password and ends every other session of the user, audited", async () => {
    const { user } = await createUser({ role: "AGENT", password: "Before-pass-2026" });
    const [here, elsewhere] = [await createSession(user.id), await createSession(user.id)];
    const actor = (await sessionActor(user.id, here))!;

    await expect(
      changeOwnPassword(actor, { currentPassword: "wrong-pass-1", newPassword: "After-pass-2026x", confirmPassword: "After-pass-2026x" }),
    ).rejects.toMatchObject({ fields: { currentPassword: "passwordWrong" } });
    expect(await db.auditLog.count({ where: { action: "user.passwordChangeFailed", entityId: String(user.id) } })).toBe(1);
    await expect(
      changeOwnPassword(actor, { currentPassword: "Before-pass-2026", newPassword: "After-pass-2026x", confirmPassword: "After-pass-2026y" }),
    ).rejects.toThrow();

    await changeOwnPassword(actor, { currentPassword: "Before-pass-2026", newPassword: "After-pass-2026x", confirmPassword: "After-pass-2026x" });
    expect(await sessionActor(user.id, here)).not.toBeNull();
    expect(await sessionActor(user.id, elsewhere)).toBeNull();
    expect((await authenticate({ username: user.username, password: "Before-pass-2026" })).ok).toBe(false);
    expect((await authenticate({ username: user.username, password: "After-pass-2026x" })).ok).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.passwordChanged", entityId: String(user.id) } });
    expect(audit.data).toEqual({ required: false, otherSessionsEnded: 1 });
  });

  test.each([
    ["a common password from the shipped list", "password123", "passwordCommon"],
    ["a common password in other case", "PassWord123", "passwordCommon"],
    ["another breached one", "qwerty12345", "passwordCommon"],
    ["the demo password with a suffix", "Demo@2026x", "passwordCommon"],
    ["one containing the username", "USERNAME-2026x", "passwordHasUsername"],
    ["the same as the current one", "Before-pass-2026", "passwordUnchanged"],
    ["one without a digit", "no-digits-here", "passwordWeak"],
  ])("the new password may not be %s", async (_what, candidate, key) => {
    const { user, actor } = await createUser({ role: "AGENT", password: "Before-pass-2026" });
    const newPassword = candidate.replace("USERNAME", user.username.toUpperCase());
    const err = await changeOwnPassword(actor, { currentPassword: "Before-pass-2026", newPassword, confirmPassword: newPassword }).catch((e: unknown) => e);
    const fields = err instanceof ValidationError ? err.fields : (err as { issues?: Array<{ message: string }> }).issues?.map((i) => i.message);
    expect(JSON.stringify(fields)).toContain(key);
    expect((await authenticate({ username: user.username, password: "Before-pass-2026" })).ok).toBe(true);
  });

  test("guessing the current password through a borrowed session is rate-limited (10, then 10 an hour)", async () => {
    const { actor } = await createUser({ role: "AGENT", password: "Before-pass-2026" });
    const attempt = () =>
      changeOwnPassword(actor, { currentPassword: "guess-pass-0", newPassword: "After-pass-2026x", confirmPassword: "After-pass-2026x" }).catch(
        (e: unknown) => e,
      );
    for (let i = 0; i < 10; i++) expect(await attempt()).toBeInstanceOf(ValidationError);
    expect(await attempt()).toBeInstanceOf(RateLimitError);
  });
});

describe("must change the password after an admin set it (finding 8)", () => {
  test("after a reset the user can sign in with the admin's password but do nothing until they choose their own", async () => {
    const admin = await actorFor("admin1");
    const { user } = await createUser({ role: "SUPERVISOR", password: "Own-pass-2026" });
    await resetUserPassword(admin, { userId: user.id, password: "Temp-pass-2026" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(true);

    // The admin knows this password: it signs in, but the session is good only for changing it.
    const login = await authenticate({ username: user.username, password: "Temp-pass-2026" });
    expect(login.ok).toBe(true);
    const sid = login.ok ? login.user.sessionId : undefined;
    const blocked = (await sessionActor(user.id, sid))!;
    expect(blocked.passwordChangeRequired).toBe(true);
    expectEveryPermissionRefused(blocked);

    await changeOwnPassword(blocked, { currentPassword: "Temp-pass-2026", newPassword: "Mine-only-2026", confirmPassword: "Mine-only-2026" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false);
    expectEveryPermissionAllowed((await sessionActor(user.id, sid))!);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.passwordChanged", entityId: String(user.id) } });
    expect(audit.data).toMatchObject({ required: true });
  });

  test("a user an admin creates must replace the initial password too", async () => {
    const { id } = await adminCreatesUser(await actorFor("admin1"), {
      username: `nu${Date.now().toString(36)}`,
      displayName: "New",
      role: "AGENT",
      teamId: null,
      password: "Initial-pass-2026",
    });
    expect((await sessionActor(id))!.passwordChangeRequired).toBe(true);
  });

  test("an admin cannot set a common password or one containing the username", async () => {
    const admin = await actorFor("admin1");
    const { user } = await createUser({ role: "AGENT" });
    await expect(resetUserPassword(admin, { userId: user.id, password: "Password123" })).rejects.toMatchObject({ fields: { password: "passwordCommon" } });
    await expect(resetUserPassword(admin, { userId: user.id, password: `${user.username}-2026` })).rejects.toMatchObject({
      fields: { password: "passwordHasUsername" },
    });
    await expect(
      adminCreatesUser(admin, { username: "commonpw", displayName: "X", role: "AGENT", teamId: null, password: "1q2w3e4r5t6y" }),
    ).rejects.toMatchObject({ fields: { password: "passwordCommon" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false);
  });
});
