import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { actorOf } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { setupAdminInput, type SetupAdminInput } from "@/lib/auth/schemas";
import { assertRateLimit } from "@/lib/shared/rate-limit";
import { NotFoundError } from "@/lib/shared/errors";

// The first administrator of a production install (no demo users exist there). While the database
// has no users, `npm start` (scripts/setup-token.ts) issues a one-time token and prints a link to
// /setup on the server console: whoever reads the console is the operator. Only the token's
// SHA-256 is stored (app_setting "setup.token", with its expiry); the token itself is 256 random
// bits, so a hash without salt or stretching is enough. Creating the admin consumes it in the same
// transaction; a used or expired token, a wrong one, or any existing user answers "not found".

const KEY = "setup.token";
export const SETUP_TOKEN_TTL_MINUTES = 60;

interface StoredToken {
  sha256: string;
  expiresAt: string;
}

const sha256 = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

async function hasUsers(tx: Tx): Promise<boolean> {
  return (await tx.user.count({ take: 1 })) > 0;
}

/** A new one-time setup token (replacing any earlier one), or null when users exist already. */
export async function issueSetupToken(now = new Date()): Promise<string | null> {
  const token = randomBytes(32).toString("base64url");
  const value: StoredToken = { sha256: sha256(token), expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MINUTES * 60_000).toISOString() };
  return db.$transaction(async (tx) => {
    if (await hasUsers(tx)) return null;
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: { ...value } }, update: { value: { ...value } } });
    return token;
  });
}

function matches(stored: unknown, token: string, now: Date): boolean {
  const s = stored as Partial<StoredToken> | null;
  if (!s || typeof s.sha256 !== "string" || typeof s.expiresAt !== "string") return false;
  if (!(new Date(s.expiresAt).getTime() > now.getTime())) return false;
  const a = Buffer.from(sha256(token), "hex");
  const b = Buffer.from(s.sha256, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether /setup may be shown for this token: no users yet, and the token is the current, unexpired one. */
export async function isSetupOpen(token: string | undefined, now = new Date()): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const [stored, users] = await Promise.all([db.appSetting.findUnique({ where: { key: KEY } }), db.user.count({ take: 1 })]);
  return users === 0 && !!stored && matches(stored.value, token, now);
}

/**
 * Creates the first administrator and consumes the token, in one transaction (the token's row is
 * locked, so two submissions cannot both succeed). Public: the token is the credential. The new
 * admin has no second factor yet: the admin role requires one, so the first sign-in leads to
 * /account/mfa before anything else (lib/auth/current-actor.ts).
 */
export async function completeSetup(raw: SetupAdminInput, now = new Date()): Promise<{ id: number; username: string }> {
  // Everyone shares one bucket: the token is unguessable, this only stops hammering.
  await assertRateLimit("setup", "all", now);
  const input = setupAdminInput.parse(raw);
  if (!(await isSetupOpen(input.token, now))) throw new NotFoundError("setup token");
  // The most privileged account of the install: the breached-password list applies as everywhere.
  assertAcceptablePassword("password", input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const [stored] = await tx.$queryRaw<Array<{ value: unknown }>>(Prisma.sql`SELECT value FROM app_setting WHERE key = ${KEY} FOR UPDATE`);
    if (!stored || !matches(stored.value, input.token, now) || (await hasUsers(tx))) throw new NotFoundError("setup token");
    await tx.appSetting.delete({ where: { key: KEY } });
    const u = await tx.user.create({ data: { username: input.username, displayName: input.displayName, role: "ADMIN", teamId: null, passwordHash } });
    // The new admin is the actor of their own creation: nobody else exists.
    await recordAudit(tx, actorOf(u, { ip: null, userAgent: null }), { action: "user.bootstrapped", entity: "user", entityId: u.id, data: { username: u.username, role: u.role } });
    return { id: u.id, username: u.username };
  });
}
