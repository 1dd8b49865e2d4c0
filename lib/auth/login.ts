import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { dummyHash, verifyPassword } from "@/lib/auth/password";
import type { RoleName } from "@/lib/auth/permissions";
import { takeToken } from "@/lib/shared/rate-limit";
import { createSession, revokeSessions } from "@/lib/auth/session-store";
import { verifySecondFactor } from "@/lib/auth/mfa";

export const LOCK_AFTER_FAILURES = 5;
const MAX_LOCK_MINUTES = 60;
/** ASVS 2.2.1: never more than 100 failed attempts per hour on one account. */
export const MAX_FAILURES_PER_HOUR = 100;
/** Per client IP: from the 10th failure within an hour, wait 1, 2, 4 … 60 minutes after the last one. */
export const IP_BACKOFF_AFTER = 10;

/** Exponential back-off per IP address (minutes to wait after the last failure). */
export function computeIpBackoffMinutes(failuresLastHour: number): number {
  if (failuresLastHour < IP_BACKOFF_AFTER) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failuresLastHour - IP_BACKOFF_AFTER));
}

async function ipThrottled(ip: string, now: Date): Promise<boolean> {
  // Any attempt (right or wrong) draws from the IP's bucket; failures add exponential back-off.
  if (!(await takeToken("login", ip, now))) return true;
  const since = new Date(now.getTime() - 3_600_000);
  const [r] = await db.$queryRaw<Array<{ n: number; last: Date | null }>>`
    SELECT count(*)::int AS n, max(at) AS last FROM audit_log
    WHERE action = 'auth.loginFailed' AND ip = ${ip} AND at > ${since}`;
  const wait = computeIpBackoffMinutes(r?.n ?? 0);
  return wait > 0 && !!r?.last && r.last.getTime() + wait * 60_000 > now.getTime();
}

async function accountFailuresLastHour(userId: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 3_600_000);
  const [r] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.loginFailed' AND entity_id = ${String(userId)} AND at > ${since}`;
  return r?.n ?? 0;
}

/** Exponential back-off: 1, 2, 4 … 60 minutes from the 5th consecutive failure on. */
export function computeLockMinutes(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - LOCK_AFTER_FAILURES));
}

export type LoginResult =
  | { ok: true; user: { id: number; username: string; role: RoleName; sessionVersion: number; locale: string | null; sessionId: string } }
  | { ok: false; code: "invalid" | "mfaRequired" };

interface LoginInput {
  username: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
  /** The second factor (TOTP or recovery code) for users with MFA. */
  code?: string | null;
}

/** Checks credentials with lockout; every attempt is audited. One generic failure for all causes. */
export async function authenticate(input: LoginInput, now = new Date()): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase().slice(0, 100);
  const meta = { ip: input.ip ?? null, userAgent: input.userAgent ?? null };
  const user = await db.user.findUnique({ where: { username } });

  if (meta.ip && (await ipThrottled(meta.ip, now))) {
    await recordAudit(db, { id: 0, username, name: username, role: "AGENT", teamId: null, ...meta }, { action: "auth.loginFailed", entity: "user", entityId: user?.id, data: { reason: "ipThrottled" } });
    return { ok: false, code: "invalid" };
  }

  if (!user || !user.isActive) {
    await verifyPassword(await dummyHash(), input.password);
    await recordAudit(db, { id: 0, username, name: username, role: "AGENT", teamId: null, ...meta }, { action: "auth.loginFailed", entity: "user", entityId: user?.id, data: { reason: user ? "inactive" : "unknown" } });
    return { ok: false, code: "invalid" };
  }
  const actor = { id: user.id, username: user.username, name: user.displayName, role: user.role, teamId: user.teamId, ...meta };

  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(db, actor, { action: "auth.loginFailed", entity: "user", entityId: user.id, data: { reason: "locked" } });
    return { ok: false, code: "invalid" };
  }
  if ((await accountFailuresLastHour(user.id, now)) >= MAX_FAILURES_PER_HOUR) {
    await recordAudit(db, actor, { action: "auth.loginFailed", entity: "user", entityId: user.id, data: { reason: "hourlyCap" } });
    return { ok: false, code: "invalid" };
  }

  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  // The password was right: ask for the second factor (not a failure, nothing is counted).
  if (passwordOk && user.mfaEnabledAt && !input.code) return { ok: false, code: "mfaRequired" };
  const factor = passwordOk && user.mfaEnabledAt ? await verifySecondFactor(user, input.code ?? "", now) : null;
  if (!passwordOk || factor === false) {
    const failures = user.failedLogins + 1;
    const lockMinutes = computeLockMinutes(failures);
    await db.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: { failedLogins: failures, lockedUntil: lockMinutes ? new Date(now.getTime() + lockMinutes * 60_000) : user.lockedUntil },
      });
      await recordAudit(tx, actor, { action: "auth.loginFailed", entity: "user", entityId: user.id, data: { reason: passwordOk ? "secondFactor" : "password", failures, lockMinutes } });
    });
    return { ok: false, code: "invalid" };
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
    await recordAudit(tx, actor, { action: "auth.loginSucceeded", entity: "user", entityId: user.id, data: factor ? { secondFactor: factor } : undefined });
  });
  // A fresh server-side session (new id) at every login: session rotation.
  const sessionId = await createSession(user.id, meta, now);
  return { ok: true, user: { id: user.id, username: user.username, role: user.role, sessionVersion: user.sessionVersion, locale: user.locale, sessionId } };
}

/** Logout: bumping the session version kills this and every other session of the user. */
export async function endSessions(userId: number, ip?: string | null, userAgent?: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await revokeSessions(tx, userId);
    await recordAudit(tx, { id: u.id, username: u.username, name: u.displayName, role: u.role, teamId: u.teamId, ip, userAgent }, { action: "auth.loggedOut", entity: "user", entityId: u.id });
  });
}
