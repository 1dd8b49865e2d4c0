import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";
import { decryptWith, encryptWith, type PiiKeyring } from "@/lib/pii/keyring";

// National ID numbers and TOTP secrets: AES-256-GCM at rest under versioned keys
// (v<key id>.iv.tag.ciphertext, lib/pii/keyring.ts), and an HMAC-SHA256 keyed hash of ID numbers
// for exact lookup, so search never decrypts rows. The HMAC key is not versioned: see
// docs/operations.md "Keys and rotation".

export function normalizeIdNumber(id: string): string {
  return id.trim().toUpperCase();
}

/** The configured keys (PII_ENC_KEYS / PII_ENC_KEY / PII_KEYS_FILE, parsed once by lib/env.ts). */
export function piiKeyring(): PiiKeyring {
  return env().piiKeyring;
}

/** Encrypts under the current key; the ciphertext carries its key id. */
export function encryptPii(plain: string, keyring: PiiKeyring = piiKeyring()): string {
  return encryptWith(keyring, plain);
}

/** Decrypts under the key the ciphertext names (unversioned = key 1); a PiiKeyError says which key is missing or wrong. */
export function decryptPii(token: string, keyring: PiiKeyring = piiKeyring()): string {
  return decryptWith(keyring, token);
}

export function hashIdNumber(id: string, hmacKey: Buffer = Buffer.from(env().PII_HMAC_KEY, "base64")): string {
  return crypto.createHmac("sha256", hmacKey).update(normalizeIdNumber(id)).digest("hex");
}
