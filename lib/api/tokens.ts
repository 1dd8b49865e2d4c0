import "server-only";
import crypto from "node:crypto";

// Secrets of the Open API (decision 034): 32 random bytes, base64url, with a readable prefix so a
// leaked one is recognisable in a log or a repository scan. Only their SHA-256 is stored.

export const ACCESS_TOKEN_PREFIX = "crm_at_";
export const CLIENT_SECRET_PREFIX = "crm_cs_";
export const CLIENT_KEY_PREFIX = "crm_ci_";
/** Lifetime of a token from POST /oauth/token. */
export const OAUTH_TOKEN_TTL_SECONDS = 3600;
/** Longest lifetime an admin may give a static token. */
export const STATIC_TOKEN_MAX_DAYS = 366;

export function newSecret(prefix: string): string {
  return prefix + crypto.randomBytes(32).toString("base64url");
}

/** A client id: not secret, but unguessable so a list of clients cannot be enumerated. */
export function newClientKey(): string {
  return CLIENT_KEY_PREFIX + crypto.randomBytes(12).toString("base64url");
}

export function sha256Hex(value: string): string {
  return crypto.createHash("sha256").update(value, "utf8").digest("hex");
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The part of a token shown in lists: prefix and 4 characters. */
export function tokenPrefix(token: string): string {
  return token.slice(0, ACCESS_TOKEN_PREFIX.length + 4);
}
