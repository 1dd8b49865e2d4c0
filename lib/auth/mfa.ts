import "server-only";
import crypto from "node:crypto";
import { generateSecret, generateURI } from "otplib";
import { matchTotpStep } from "@/lib/auth/totp";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { decryptPii, encryptPii } from "@/lib/pii/crypto";
import { ForbiddenError, ValidationError } from "@/lib/shared/errors";

// TOTP (RFC 6238, 30 s, 6 digits, ±1 step) as the second factor. A code is single-use (ASVS
// 2.8.4): the user's last accepted time step is stored, and a code is accepted only for a later
// step, claimed with one conditional UPDATE so two concurrent logins with the same code cannot both pass. Required for admins (an admin
// without it can only enrol: see getActor), optional for everyone else. The secret is stored
// AES-256-GCM encrypted; ten single-use recovery codes are stored as SHA-256 hashes (they carry
// 50 random bits each, so a fast hash is enough).
export const MFA_REQUIRED_ROLES = new Set(["ADMIN"]);
const ISSUER = "Telecom CRM";
const RECOVERY_CODES = 10;

export function hashRecoveryCode(code: string): string {
  return crypto.createHash("sha256").update(code.trim().toLowerCase().replace(/[^a-z0-9]/g, "")).digest("hex");
}

function newRecoveryCode(): string {
  const s = crypto.randomBytes(8).toString("hex").slice(0, 10);
  return `${s.slice(0, 5)}-${s.slice(5)}`;
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
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { mfaEnabledAt: new Date() } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: actor.id, codeHash: hashRecoveryCode(c) })) });
    await recordAudit(tx, actor, { action: "user.mfaEnabled", entity: "user", entityId: actor.id });
  });
  return { recoveryCodes };
}

/** Turns MFA off (not for roles that require it); needs a current code. */
export async function disableMfa(actor: Actor, code: string, now = new Date()): Promise<void> {
  if (MFA_REQUIRED_ROLES.has(actor.role)) throw new ForbiddenError("mfa is required for this role");
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
  if (!/^[0-9a-f]{5}-?[0-9a-f]{5}$/i.test(c)) return false;
  const { count } = await db.recoveryCode.updateMany({ where: { userId: user.id, codeHash: hashRecoveryCode(c), usedAt: null }, data: { usedAt: new Date() } });
  return count === 1 ? "recovery" : false;
}

/** The actor's own second-factor state, for the enrolment page. */
export async function getMfaStatus(actor: Actor): Promise<{ enabled: boolean; required: boolean }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaEnabledAt: true } });
  return { enabled: user.mfaEnabledAt !== null, required: MFA_REQUIRED_ROLES.has(actor.role) };
}
