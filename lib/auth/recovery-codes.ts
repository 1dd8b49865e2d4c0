import crypto from "node:crypto";

// Recovery codes (ASVS 2.6.2), pure: 16 random bytes shown as 25 base32 characters (125 bits) in
// five groups of five. lib/auth/mfa.ts stores them as salted argon2id hashes.
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const RECOVERY_CODE_CHARS = 25;

/** A recovery code as typed: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** 16 random bytes → 25 base32 characters (the first 125 bits), as XXXXX-XXXXX-XXXXX-XXXXX-XXXXX. */
export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(16);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let chars = "";
  for (let i = 0; i < RECOVERY_CODE_CHARS; i++) chars += BASE32[Number((bits >> BigInt(128 - 5 * (i + 1))) & 31n)];
  return chars.match(/.{5}/g)!.join("-");
}

export const isRecoveryCodeFormat = (code: string) => new RegExp(`^[A-Z2-7]{${RECOVERY_CODE_CHARS}}$`).test(normaliseRecoveryCode(code));

