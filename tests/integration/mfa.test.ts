import { describe, test, expect } from "vitest";
import { generateSync } from "otplib";
import { db } from "@/lib/db";
import { authenticate } from "@/lib/auth/login";
import { assertCan } from "@/lib/auth/actor";
import { confirmMfaEnrolment, disableMfa, startMfaEnrolment } from "@/lib/auth/mfa";
import { ForbiddenError, ValidationError } from "@/lib/shared/errors";
import { createUser } from "@/tests/factories/staff";

async function freshUser(role: "AGENT" | "ADMIN") {
  const { user: u, actor } = await createUser({ role, password: "Right@12345" });
  return { u, actor };
}

/** Moments 30 s apart from one start, and the code of each: every TOTP use needs a fresh time step. */
function clock() {
  const t0 = Date.now();
  const at = (k: number) => new Date(t0 + k * 30_000);
  const code = (secret: string, k: number) => generateSync({ secret, epoch: Math.floor(at(k).getTime() / 1000) });
  return { at, code };
}

describe("TOTP second factor", () => {
  test("enrol, then login needs the code; a wrong code counts as a failure; recovery codes work once", async () => {
    const { u, actor } = await freshUser("AGENT");
    const { at, code } = clock();
    const { secret, uri } = await startMfaEnrolment(actor);
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    await expect(confirmMfaEnrolment(actor, "000000")).rejects.toBeInstanceOf(ValidationError);
    const { recoveryCodes } = await confirmMfaEnrolment(actor, code(secret, 0), at(0));
    expect(recoveryCodes).toHaveLength(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: u.id } });
    expect(stored.map((r) => r.codeHash)).not.toContain(recoveryCodes[0]);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).mfaSecretEnc).not.toContain(secret);

    expect(await authenticate({ username: u.username, password: "Right@12345" })).toEqual({ ok: false, code: "mfaRequired" });
    expect(await authenticate({ username: u.username, password: "Right@12345", code: "123456" })).toEqual({ ok: false, code: "wrongCode" });
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).failedLogins).toBe(1);
    // A wrong password never reveals whether a code would be asked for.
    expect(await authenticate({ username: u.username, password: "wrong" })).toEqual({ ok: false, code: "invalid" });
    expect((await authenticate({ username: u.username, password: "Right@12345", code: code(secret, 1) }, at(1))).ok).toBe(true);
    expect((await authenticate({ username: u.username, password: "Right@12345", code: recoveryCodes[0]!.toUpperCase() })).ok).toBe(true);
    expect((await authenticate({ username: u.username, password: "Right@12345", code: recoveryCodes[0]! })).ok).toBe(false);
    const last = await db.auditLog.findFirst({ where: { entityId: String(u.id), action: "auth.loginSucceeded" }, orderBy: { id: "desc" } });
    expect(last?.data).toEqual({ secondFactor: "recovery" });

    await disableMfa(actor, code(secret, 2), at(2));
    expect((await authenticate({ username: u.username, password: "Right@12345" })).ok).toBe(true);
  });

  test("admins must enrol: until then every permission is refused, and they cannot turn it off", async () => {
    const { actor } = await freshUser("ADMIN");
    expect(() => assertCan({ ...actor, mfaEnrolmentRequired: true }, "user:manage")).toThrow(ForbiddenError);
    expect(() => assertCan(actor, "user:manage")).not.toThrow();
    const { secret } = await startMfaEnrolment(actor);
    await confirmMfaEnrolment(actor, generateSync({ secret }));
    await expect(disableMfa(actor, generateSync({ secret }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startMfaEnrolment(actor)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("a TOTP code is single-use (ASVS 2.8.4)", () => {
  async function enrolled() {
    const { u, actor } = await freshUser("AGENT");
    const { secret } = await startMfaEnrolment(actor);
    const c = clock();
    await confirmMfaEnrolment(actor, c.code(secret, 0), c.at(0));
    const login = (code: string, k: number) => authenticate({ username: u.username, password: "Right@12345", code }, c.at(k));
    return { u, actor, secret, ...c, login };
  }

  test("the code that confirmed enrolment cannot sign in; the same code twice is refused; the next step is accepted", async () => {
    const { u, secret, at, code, login } = await enrolled();
    // Still within the window of step 0 (it is accepted ±1 step), but step 0 is used up.
    expect(await login(code(secret, 0), 0)).toEqual({ ok: false, code: "wrongCode" });
    expect((await login(code(secret, 1), 1)).ok).toBe(true);
    expect(await login(code(secret, 1), 1)).toEqual({ ok: false, code: "wrongCode" });
    // A code of an earlier step that is still inside the ±1 window is refused too.
    expect(await login(code(secret, 0), 1)).toEqual({ ok: false, code: "wrongCode" });
    expect((await login(code(secret, 2), 2)).ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(user.totpLastStep).toBe(Math.floor(at(2).getTime() / 30_000));
    const replays = await db.auditLog.findMany({ where: { entityId: String(u.id), action: "auth.loginFailed" } });
    expect(replays.map((r) => (r.data as { reason: string }).reason)).toEqual(["secondFactor", "secondFactor", "secondFactor"]);
  });

  test("two concurrent sign-ins with the same code: exactly one passes", async () => {
    const { secret, code, login } = await enrolled();
    const same = code(secret, 1);
    const results = await Promise.all(Array.from({ length: 4 }, () => login(same, 1)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 3 }, () => ({ ok: false, code: "wrongCode" })));
  });

  test("turning MFA off needs an unused code too", async () => {
    const { actor, secret, at, code, login } = await enrolled();
    expect((await login(code(secret, 1), 1)).ok).toBe(true);
    await expect(disableMfa(actor, code(secret, 1), at(1))).rejects.toBeInstanceOf(ValidationError);
    await disableMfa(actor, code(secret, 2), at(2));
    expect((await db.user.findUniqueOrThrow({ where: { id: actor.id } })).mfaEnabledAt).toBeNull();
  });
});

describe("admin reset of a lost second factor", () => {
  test("turns MFA off, removes recovery codes, ends sessions, audited; only admins", async () => {
    const { resetUserMfa } = await import("@/lib/users/commands");
    const { actorFor } = await import("./helpers");
    const { u, actor } = await freshUser("AGENT");
    const { secret } = await startMfaEnrolment(actor);
    await confirmMfaEnrolment(actor, generateSync({ secret }));
    await expect(resetUserMfa(await actorFor("supervisor1"), { userId: u.id })).rejects.toBeInstanceOf(ForbiddenError);
    await resetUserMfa(await actorFor("admin1"), { userId: u.id });
    const after = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect([after.mfaEnabledAt, after.mfaSecretEnc, after.sessionVersion]).toEqual([null, null, u.sessionVersion + 1]);
    expect(await db.recoveryCode.count({ where: { userId: u.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "user.mfaReset", entityId: String(u.id) } })).toBe(1);
  });
});
