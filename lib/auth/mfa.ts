import "server-only";
import { generateSecret, generateURI } from "otplib";
import { matchTotpStep } from "@/lib/auth/totp";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { isMfaRequired } from "@/lib/auth/mfa-policy";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { isRecoveryCodeFormat, newRecoveryCode, normaliseRecoveryCode } from "@/lib/auth/recovery-codes";
import { decryptPii, encryptPii } from "@/lib/pii/crypto";
import { ForbiddenError, ValidationError } from "@/lib/shared/errors";

// TOTP (RFC 6238, 30 s, 6 digits, ±1 step) as the second factor. A code is single-use (ASVS
// 2.8.4): the user's last accepted time step is stored, and a code is accepted only for a later
// step, claimed with one conditional UPDATE so two concurrent logins with the same code cannot
// both pass. Required for the roles of the MFA policy (lib/auth/mfa-policy.ts: a user of such a
// role without it can only enrol), optional for everyone else. The secret is stored AES-256-GCM
// encrypted.
//
// Recovery codes (ASVS 2.6.2): ten, each 16 random bytes shown as 25 base32 characters in five
// groups (125 bits), stored as salted argon2id hashes, single-use. Codes of the earlier scheme
// (10 hex characters, unsalted SHA-256) were deleted by migration 20261207050000000: their owners
// generate a new set on /account/mfa.
const ISSUER = "Telecom CRM";
export const RECOVERY_CODES = 10;

/** A new set of codes and their rows (argon2id: salted, slow; the same cost as passwords). */
async function newRecoveryCodeRows(userId: number): Promise<{ codes: string[]; rows: Array<{ userId: number; codeHash: string }> }> {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  const rows = await Promise.all(codes.map(async (c) => ({ userId, codeHash: await hashPassword(normaliseRecoveryCode(c)) })));
  return { codes, rows };
}

type Db = Pick<typeof db, "user">;

/**
 * Checks a TOTP code and uses it up: true only when it matches a step later than the last one
 * accepted for this user, which then becomes the last one. One conditional UPDATE, so of two
 * concurrent requests with the same code exactly one wins (PostgreSQL re-checks the WHERE after
 * the first commits).
 */
export async function consumeTotp(client: Db, userId: number, secret: string, code: string, now = new Date()): Promise<boolean> {
  const step = matchTotpStep(secret, code, now);
  if (step == null) return false;
  const { count } = await client.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}

/** Starts (or restarts) enrolment: a new secret, not active until a code confirms it. */
export async function startMfaEnrolment(actor: Actor): Promise<{ secret: string; uri: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaEnabledAt: true, username: true } });
  if (user.mfaEnabledAt) throw new ValidationError({ code: "mfaAlreadyEnabled" });
  const secret = generateSecret();
  // A new secret: codes of the old one are worthless, so the used-step history starts afresh.
  await db.user.update({ where: { id: actor.id }, data: { mfaSecretEnc: encryptPii(secret), totpLastStep: null } });
  return { secret, uri: generateURI({ issuer: ISSUER, label: user.username, secret }) };
}

/** Confirms enrolment with a code from the app; returns the recovery codes (shown once). */
export async function confirmMfaEnrolment(actor: Actor, code: string, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaSecretEnc: true, mfaEnabledAt: true } });
  if (user.mfaEnabledAt) throw new ValidationError({ code: "mfaAlreadyEnabled" });
  if (!user.mfaSecretEnc || !(await consumeTotp(db, actor.id, decryptPii(user.mfaSecretEnc), code, now))) throw new ValidationError({ code: "totpWrong" });
  const { codes: recoveryCodes, rows } = await newRecoveryCodeRows(actor.id);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { mfaEnabledAt: new Date() } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.recoveryCode.createMany({ data: rows });
    await recordAudit(tx, actor, { action: "user.mfaEnabled", entity: "user", entityId: actor.id });
  });
  return { recoveryCodes };
}

/** Turns MFA off (not for roles that require it); needs a current code. */
export async function disableMfa(actor: Actor, code: string, now = new Date()): Promise<void> {
  if (await isMfaRequired(actor.role)) throw new ForbiddenError("mfa is required for this role");
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaSecretEnc: true, mfaEnabledAt: true } });
  if (!user.mfaEnabledAt || !user.mfaSecretEnc || !(await consumeTotp(db, actor.id, decryptPii(user.mfaSecretEnc), code, now))) throw new ValidationError({ code: "totpWrong" });
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { mfaEnabledAt: null, mfaSecretEnc: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await recordAudit(tx, actor, { action: "user.mfaDisabled", entity: "user", entityId: actor.id });
  });
}

/** The second factor at login: a current TOTP code, or an unused recovery code (then used up). */
export async function verifySecondFactor(user: { id: number; mfaSecretEnc: string | null }, code: string, now = new Date()): Promise<"totp" | "recovery" | false> {
  const c = code.trim();
  if (/^\d{6}$/.test(c)) return user.mfaSecretEnc && (await consumeTotp(db, user.id, decryptPii(user.mfaSecretEnc), c, now)) ? "totp" : false;
  return (await consumeRecoveryCode(user.id, c, now)) ? "recovery" : false;
}

/**
 * Uses up a recovery code: the user's unused codes are checked against their argon2id hashes (at
 * most ten, salted, so no lookup by hash), then the match is claimed with one conditional UPDATE
 * (`used_at IS NULL`): of two concurrent sign-ins with the same code exactly one wins.
 */
export async function consumeRecoveryCode(userId: number, code: string, now = new Date()): Promise<boolean> {
  if (!isRecoveryCodeFormat(code)) return false;
  const normalised = normaliseRecoveryCode(code);
  const unused = await db.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  for (const row of unused) {
    if (!(await verifyPassword(row.codeHash, normalised))) continue;
    const { count } = await db.recoveryCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    return count === 1;
  }
  return false;
}

/** A new set of recovery codes (the old ones stop working), confirmed with a current TOTP code; shown once. */
export async function regenerateRecoveryCodes(actor: Actor, code: string, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaSecretEnc: true, mfaEnabledAt: true } });
  if (!user.mfaEnabledAt || !user.mfaSecretEnc || !(await consumeTotp(db, actor.id, decryptPii(user.mfaSecretEnc), code, now))) throw new ValidationError({ code: "totpWrong" });
  const { codes, rows } = await newRecoveryCodeRows(actor.id);
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.recoveryCode.createMany({ data: rows });
    await recordAudit(tx, actor, { action: "user.recoveryCodesRegenerated", entity: "user", entityId: actor.id });
  });
  return { recoveryCodes: codes };
}

/** The actor's own second-factor state, for the enrolment page. */
export async function getMfaStatus(actor: Actor): Promise<{ enabled: boolean; required: boolean; recoveryCodesLeft: number }> {
  const [user, recoveryCodesLeft] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId: actor.id, usedAt: null } }),
  ]);
  return { enabled: user.mfaEnabledAt !== null, required: await isMfaRequired(actor.role), recoveryCodesLeft };
}
