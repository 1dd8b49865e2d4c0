import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

// National ID numbers: AES-256-GCM at rest (iv.tag.ciphertext, base64url parts) and an
// HMAC-SHA256 keyed hash for exact lookup, so search never decrypts rows.

export function normalizeIdNumber(id: string): string {
  return id.trim().toUpperCase();
}

export function encryptPii(plain: string): string {
  const key = Buffer.from(env().PII_ENC_KEY, "base64");
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct].map((b) => b.toString("base64url")).join(".");
}

export function decryptPii(token: string): string {
  const key = Buffer.from(env().PII_ENC_KEY, "base64");
  const [iv, tag, ct] = token.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
}

export function hashIdNumber(id: string): string {
  return crypto.createHmac("sha256", Buffer.from(env().PII_HMAC_KEY, "base64")).update(normalizeIdNumber(id)).digest("hex");
}
