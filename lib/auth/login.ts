import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { dummyHash, verifyPassword } from "@/lib/auth/password";
import type { RoleName } from "@/lib/auth/permissions";
import { RATE_LIMITS, takeToken } from "@/lib/shared/rate-limit";
import { throttleKeyOfIp } from "@/lib/shared/client-ip";
import { createSession, revokeSessions } from "@/lib/auth/session-store";
import { verifySecondFactor } from "@/lib/auth/mfa";
import type { LoginFailure } from "@/lib/auth/login-errors";

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

/** The audit reasons of failed attempts whose password (or second factor) was checked. */
export const EVALUATED_FAILURES = ["password", "secondFactor", "unknown", "inactive"] as const;

/** Whole minutes (at least 1) until `until`. */
function minutesUntil(until: Date | null | undefined, now: Date): number {
  return Math.max(1, Math.ceil(((until?.getTime() ?? now.getTime()) - now.getTime()) / 60_000));
}

/** Minutes until a refused token bucket has a token again (at least 1). */
function bucketWaitMinutes(policy: { refillPerSecond: number }): number {
  return Math.max(1, Math.ceil(1 / policy.refillPerSecond / 60));
}

/** Minutes the client must wait before trying again (0: go on). */
async function ipWaitMinutes(ip: string, now: Date): Promise<number> {
  // Any attempt (right or wrong) draws from the IP's bucket; failures add exponential back-off.
  if (!(await takeToken("login", throttleKeyOfIp(ip), now))) return bucketWaitMinutes(RATE_LIMITS.login);
  const since = new Date(now.getTime() - 3_600_000);
  // Guesses that were evaluated: attempts refused unevaluated (locked, throttled) cost nothing to
  // the accounts, and the bucket above limits them.
  const [r] = await db.$queryRaw<Array<{ n: number; last: Date | null }>>`
    SELECT count(*)::int AS n, max(at) AS last FROM audit_log
    WHERE action = 'auth.loginFailed' AND ip = ${ip} AND at > ${since} AND data->>'reason' IN (${Prisma.join(EVALUATED_FAILURES)})`;
  const wait = computeIpBackoffMinutes(r?.n ?? 0);
  if (wait === 0 || !r?.last || r.last.getTime() + wait * 60_000 <= now.getTime()) return 0;
  return minutesUntil(new Date(r.last.getTime() + wait * 60_000), now);
}

/** Minutes until the account is under the hourly cap again (0: it is). */
async function hourlyCapWaitMinutes(userId: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 3_600_000);
  const [r] = await db.$queryRaw<Array<{ n: number; first: Date | null }>>`
    SELECT count(*)::int AS n, min(at) AS first FROM audit_log WHERE action = 'auth.loginFailed' AND entity_id = ${String(userId)} AND at > ${since}`;
  if ((r?.n ?? 0) < MAX_FAILURES_PER_HOUR) return 0;
  return minutesUntil(new Date((r?.first ?? now).getTime() + 3_600_000), now);
}

/** Exponential back-off: 1, 2, 4 … 60 minutes from the 5th consecutive failure on. */
export function computeLockMinutes(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - LOCK_AFTER_FAILURES));
}

// Every password guess is claimed before it is evaluated: one statement adds the failure and,
// from the 5th on, sets the lock (computeLockMinutes in SQL), and only when the row is not locked.
// PostgreSQL serialises the updates of one row, so parallel attempts cannot all read the same
// count: once one of them locks the row, the others find it locked and evaluate nothing. A right
// password gives the claim back (success resets the counter; "code required" refunds it).
const lockUntilSql = (now: Date) => Prisma.sql`
  CASE WHEN t.failed_logins + 1 >= ${LOCK_AFTER_FAILURES}::int
    THEN ${now}::timestamptz + make_interval(mins => LEAST(${MAX_LOCK_MINUTES}::int, power(2, LEAST(t.failed_logins + 1 - ${LOCK_AFTER_FAILURES}::int, 10))::int))
    ELSE t.locked_until END`;

type Claim = { failures: number; locked?: undefined } | { locked: Date | null; failures?: undefined };

async function claimAccountAttempt(userId: number, now: Date): Promise<Claim> {
  const [row] = await db.$queryRaw<Array<{ failures: number }>>`
    UPDATE app_user AS t SET failed_logins = t.failed_logins + 1, locked_until = ${lockUntilSql(now)}
    WHERE t.id = ${userId} AND (t.locked_until IS NULL OR t.locked_until <= ${now})
    RETURNING t.failed_logins AS failures`;
  if (row) return { failures: row.failures };
  const [u] = await db.$queryRaw<Array<{ lockedUntil: Date | null }>>`SELECT locked_until AS "lockedUntil" FROM app_user WHERE id = ${userId}`;
  return { locked: u?.lockedUntil ?? null };
}

/** Usernames without an account are throttled under an HMAC of the name (never stored in clear). */
function unknownUsernameKey(username: string): string {
  return crypto.createHmac("sha256", env().AUTH_SECRET).update(`login:${username}`).digest("hex");
}

async function claimUnknownUsernameAttempt(username: string, now: Date): Promise<Claim> {
  const key = unknownUsernameKey(username);
  const [row] = await db.$queryRaw<Array<{ failures: number }>>`
    INSERT INTO login_throttle AS t (key, failed_logins, locked_until, updated_at) VALUES (${key}, 1, NULL, ${now})
    ON CONFLICT (key) DO UPDATE SET failed_logins = t.failed_logins + 1, locked_until = ${lockUntilSql(now)}, updated_at = ${now}
    WHERE t.locked_until IS NULL OR t.locked_until <= ${now}
    RETURNING t.failed_logins AS failures`;
  if (row) return { failures: row.failures };
  const [u] = await db.$queryRaw<Array<{ lockedUntil: Date | null }>>`SELECT locked_until AS "lockedUntil" FROM login_throttle WHERE key = ${key}`;
  return { locked: u?.lockedUntil ?? null };
}

/** A right password without the second factor is not a failure: give the claim back. */
async function refundAccountAttempt(userId: number, failures: number): Promise<void> {
  const claimLocked = computeLockMinutes(failures) > 0;
  await db.$executeRaw`
    UPDATE app_user SET failed_logins = GREATEST(0, failed_logins - 1), locked_until = CASE WHEN ${claimLocked} THEN NULL ELSE locked_until END
    WHERE id = ${userId}`;
}

export type LoginResult =
  | { ok: true; user: { id: number; username: string; role: RoleName; sessionVersion: number; locale: string | null; sessionId: string } }
  | ({ ok: false } & LoginFailure);

interface LoginInput {
  username: string;
  password: string;
  /** The client's address (lib/shared/client-ip.ts); without one, the global limit applies. */
  ip?: string | null;
  userAgent?: string | null;
  /** The second factor (TOTP or recovery code) for users with MFA. */
  code?: string | null;
}

/**
 * Checks credentials with lockout; every attempt is audited. The answers never tell whether a
 * username exists: unknown usernames count failures and lock exactly like accounts. A locked
 * username (or a throttled client) is told how long to wait; a wrong second factor is told so
 * (only someone with the right password gets that far).
 */
export async function authenticate(input: LoginInput, now = new Date()): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase().slice(0, 100);
  const meta = { ip: input.ip ?? null, userAgent: input.userAgent ?? null };
  const anonymous = { id: 0, username, name: username, role: "AGENT" as RoleName, teamId: null, ...meta };
  const user = await db.user.findUnique({ where: { username } });

  // Per client address; a request whose address is unknown draws from one bucket shared by all such requests.
  const clientWait = meta.ip
    ? await ipWaitMinutes(meta.ip, now)
    : (await takeToken("loginWithoutIp", "all", now))
      ? 0
      : bucketWaitMinutes(RATE_LIMITS.loginWithoutIp);
  if (clientWait > 0) {
    await recordAudit(db, anonymous, { action: "auth.loginFailed", entity: "user", entityId: user?.id, data: { reason: meta.ip ? "ipThrottled" : "noIpThrottled" } });
    return { ok: false, code: "locked", retryAfterMinutes: clientWait };
  }

  if (!user || !user.isActive) {
    const claim = user ? await claimAccountAttempt(user.id, now) : await claimUnknownUsernameAttempt(username, now);
    if (claim.locked !== undefined) {
      await recordAudit(db, anonymous, { action: "auth.loginFailed", entity: "user", entityId: user?.id, data: { reason: "locked" } });
      return { ok: false, code: "locked", retryAfterMinutes: minutesUntil(claim.locked, now) };
    }
    await verifyPassword(await dummyHash(), input.password);
    const lockMinutes = computeLockMinutes(claim.failures);
    await recordAudit(db, anonymous, { action: "auth.loginFailed", entity: "user", entityId: user?.id, data: { reason: user ? "inactive" : "unknown", failures: claim.failures, lockMinutes } });
    return { ok: false, code: "invalid" };
  }
  const actor = { id: user.id, username: user.username, name: user.displayName, role: user.role, teamId: user.teamId, ...meta };

  const capWait = await hourlyCapWaitMinutes(user.id, now);
  if (capWait > 0) {
    await recordAudit(db, actor, { action: "auth.loginFailed", entity: "user", entityId: user.id, data: { reason: "hourlyCap" } });
    return { ok: false, code: "locked", retryAfterMinutes: capWait };
  }
  const claim = await claimAccountAttempt(user.id, now);
  if (claim.locked !== undefined) {
    await recordAudit(db, actor, { action: "auth.loginFailed", entity: "user", entityId: user.id, data: { reason: "locked" } });
    return { ok: false, code: "locked", retryAfterMinutes: minutesUntil(claim.locked, now) };
  }

  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  // The password was right: ask for the second factor (not a failure, nothing is counted).
  if (passwordOk && user.mfaEnabledAt && !input.code) {
    await refundAccountAttempt(user.id, claim.failures);
    return { ok: false, code: "mfaRequired" };
  }
  const factor = passwordOk && user.mfaEnabledAt ? await verifySecondFactor(user, input.code ?? "", now) : null;
  if (!passwordOk || factor === false) {
    // The claim already counted this failure (and locked the account from the 5th on).
    const lockMinutes = computeLockMinutes(claim.failures);
    await recordAudit(db, actor, { action: "auth.loginFailed", entity: "user", entityId: user.id, data: { reason: passwordOk ? "secondFactor" : "password", failures: claim.failures, lockMinutes } });
    return { ok: false, code: passwordOk ? "wrongCode" : "invalid" };
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
