import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { revokeSessions } from "@/lib/auth/session-store";
import { assertRateLimit } from "@/lib/shared/rate-limit";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { changePasswordInput, createUserInput, resetPasswordInput, setUserActiveInput, updateUserInput, userIdInput } from "@/lib/auth/schemas";
import type { Locale } from "@/lib/i18n/locales";

/** A user's own interface language (no permission needed beyond being logged in). */
export async function saveUserLocale(actor: Actor, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: actor.id }, data: { locale } });
}

async function assertTeam(tx: Tx, teamId: number | null) {
  if (teamId != null && !(await tx.team.findUnique({ where: { id: teamId }, select: { id: true } }))) throw new ValidationError({ teamId: "unknownTeam" });
}

/** Ends every session of the user: the JWT's session version no longer matches, rows are revoked. */
async function endUserSessions(tx: Tx, userId: number) {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await revokeSessions(tx, userId);
}

export async function createUser(actor: Actor, raw: z.input<typeof createUserInput>): Promise<{ id: number }> {
  assertCan(actor, "user:manage");
  const input = createUserInput.parse(raw);
  assertAcceptablePassword("password", input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await assertTeam(tx, input.teamId);
    if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) throw new ValidationError({ username: "usernameTaken" });
    // The admin knows this password: the user replaces it at first sign-in (ASVS 2.3.1).
    const u = await tx.user.create({ data: { username: input.username, displayName: input.displayName, role: input.role, teamId: input.teamId, passwordHash, mustChangePassword: true } });
    await recordAudit(tx, actor, { action: "user.created", entity: "user", entityId: u.id, data: { username: u.username, role: u.role, teamId: u.teamId } });
    return { id: u.id };
  });
}

/** Changes name, role and team; a role or team change ends the user's sessions. */
export async function updateUser(actor: Actor, raw: z.input<typeof updateUserInput>): Promise<void> {
  assertCan(actor, "user:manage");
  const input = updateUserInput.parse(raw);
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId } });
    if (!before) throw new NotFoundError("user");
    await assertTeam(tx, input.teamId);
    const { count } = await tx.user.updateMany({
      where: { id: input.userId, version: input.version },
      data: { displayName: input.displayName, role: input.role, teamId: input.teamId, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError();
    const privilegesChanged = before.role !== input.role || before.teamId !== input.teamId;
    if (privilegesChanged) await endUserSessions(tx, input.userId);
    await recordAudit(tx, actor, {
      action: "user.updated",
      entity: "user",
      entityId: input.userId,
      data: { from: { role: before.role, teamId: before.teamId, displayName: before.displayName }, to: { role: input.role, teamId: input.teamId, displayName: input.displayName }, sessionsEnded: privilegesChanged },
    });
  });
}

export async function setUserActive(actor: Actor, raw: z.input<typeof setUserActiveInput>): Promise<void> {
  assertCan(actor, "user:manage");
  const input = setUserActiveInput.parse(raw);
  if (input.userId === actor.id && !input.active) throw new ValidationError({ userId: "cannotDeactivateSelf" });
  await db.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!u) throw new NotFoundError("user");
    await tx.user.update({ where: { id: u.id }, data: { isActive: input.active, version: { increment: 1 } } });
    if (!input.active) await endUserSessions(tx, u.id);
    await recordAudit(tx, actor, { action: input.active ? "user.reactivated" : "user.deactivated", entity: "user", entityId: u.id });
  });
}

/**
 * An admin sets a temporary password: the user must replace it at the next sign-in before
 * anything else (must_change_password; assertCan refuses every permission until then), so an
 * admin cannot keep a password of someone else's account.
 */
export async function resetUserPassword(actor: Actor, raw: z.input<typeof resetPasswordInput>): Promise<void> {
  assertCan(actor, "user:manage");
  const input = resetPasswordInput.parse(raw);
  const target = await db.user.findUnique({ where: { id: input.userId }, select: { username: true } });
  if (!target) throw new NotFoundError("user");
  assertAcceptablePassword("password", input.password, target.username);
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!u) throw new NotFoundError("user");
    await tx.user.update({ where: { id: u.id }, data: { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, version: { increment: 1 } } });
    await endUserSessions(tx, u.id);
    await recordAudit(tx, actor, { action: "user.passwordReset", entity: "user", entityId: u.id });
  });
}

/**
 * The acting user changes their own password (no permission needed: a user who must change it
 * may do only this). Needs the current password (rate-limited per user); the new one follows the
 * policy and is not a common one, the username or the demo password. Every other session of the
 * user is revoked; this one goes on. Clears must_change_password. Audited.
 */
export async function changeOwnPassword(actor: Actor, raw: z.input<typeof changePasswordInput>): Promise<void> {
  const input = changePasswordInput.parse(raw);
  await assertRateLimit("passwordChange", actor.id);
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { id: true, username: true, passwordHash: true, mustChangePassword: true, isActive: true } });
  if (!user || !user.isActive) throw new NotFoundError("user");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAudit(db, actor, { action: "user.passwordChangeFailed", entity: "user", entityId: user.id });
    throw new ValidationError({ currentPassword: "passwordWrong" });
  }
  if (input.newPassword === input.currentPassword) throw new ValidationError({ newPassword: "passwordUnchanged" });
  assertAcceptablePassword("newPassword", input.newPassword, user.username);
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, failedLogins: 0, lockedUntil: null } });
    // Every other session ends (their rows are revoked, which getActor checks on each request).
    const { count } = await tx.userSession.updateMany({
      where: { userId: user.id, revokedAt: null, ...(actor.sessionId ? { NOT: { id: actor.sessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, actor, { action: "user.passwordChanged", entity: "user", entityId: user.id, data: { required: user.mustChangePassword, otherSessionsEnded: count } });
  });
}

/** Lifts a login lockout before it expires. */
export async function unlockUser(actor: Actor, raw: z.input<typeof userIdInput>): Promise<void> {
  assertCan(actor, "user:manage");
  const input = userIdInput.parse(raw);
  await db.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, failedLogins: true, lockedUntil: true } });
    if (!u) throw new NotFoundError("user");
    await tx.user.update({ where: { id: u.id }, data: { failedLogins: 0, lockedUntil: null } });
    await recordAudit(tx, actor, { action: "user.unlocked", entity: "user", entityId: u.id, data: { failedLogins: u.failedLogins } });
  });
}

/** For a user who lost both the authenticator and the recovery codes: MFA off, sessions ended. */
export async function resetUserMfa(actor: Actor, raw: z.input<typeof userIdInput>): Promise<void> {
  assertCan(actor, "user:manage");
  const input = userIdInput.parse(raw);
  await db.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!u) throw new NotFoundError("user");
    await tx.user.update({ where: { id: u.id }, data: { mfaSecretEnc: null, mfaEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: u.id } });
    await endUserSessions(tx, u.id);
    await recordAudit(tx, actor, { action: "user.mfaReset", entity: "user", entityId: u.id });
  });
}
