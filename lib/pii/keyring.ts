import crypto from "node:crypto";

// Versioned PII encryption keys (AES-256-GCM). Every ciphertext names the key it was written
// with: `v<id>.<iv>.<tag>.<ciphertext>` (base64url parts). The first releases wrote
// `<iv>.<tag>.<ciphertext>` with no id: that format is read as key 1, so their data keeps working.
// Configuration: PII_ENC_KEYS="2:<base64>,1:<base64>" — the first key encrypts, every listed key
// decrypts — with PII_ENC_KEY still accepted as key 1. `npm run keys:rotate` moves old rows to the
// current key (lib/pii/rotation.ts). Pure: no env, no I/O, so it is unit-tested as is.

export interface PiiKeyring {
  /** The key new ciphertexts are written with. */
  currentId: number;
  keys: ReadonlyMap<number, Buffer>;
}

/** A ciphertext that no configured key can open, or that is not a PII ciphertext at all. */
export class PiiKeyError extends Error {
  override name = "PiiKeyError";
}

const KEY_BYTES = 32;
const MAX_KEY_ID = 65_535;

function decodeKey(b64: string, what: string): Buffer {
  const key = Buffer.from(b64.trim(), "base64");
  if (key.length !== KEY_BYTES) throw new PiiKeyError(`${what} must be 32 bytes, base64-encoded (npm run keys:generate, or openssl rand -base64 32)`);
  return key;
}

/**
 * The keyring from the configuration: PII_ENC_KEYS ("id:base64" list, current first) and/or
 * PII_ENC_KEY (key 1). Null when neither is set. Throws a PiiKeyError with a readable message on a
 * malformed list, a duplicate id, or a PII_ENC_KEY that contradicts key 1 of the list.
 */
export function parsePiiKeyring(config: { PII_ENC_KEYS?: string; PII_ENC_KEY?: string }): PiiKeyring | null {
  const keys = new Map<number, Buffer>();
  let currentId: number | null = null;
  const list = config.PII_ENC_KEYS?.trim();
  if (list) {
    for (const entry of list.split(",")) {
      const m = /^\s*(\d{1,5})\s*:\s*([A-Za-z0-9+/=_-]+)\s*$/.exec(entry);
      if (!m) throw new PiiKeyError(`PII_ENC_KEYS: "${entry.trim().slice(0, 8)}…" is not "<id>:<base64 key>" (e.g. PII_ENC_KEYS="2:<new key>,1:<old key>")`);
      const id = Number(m[1]);
      if (id < 1 || id > MAX_KEY_ID) throw new PiiKeyError(`PII_ENC_KEYS: key id ${id} must be between 1 and ${MAX_KEY_ID}`);
      if (keys.has(id)) throw new PiiKeyError(`PII_ENC_KEYS: key id ${id} appears twice`);
      keys.set(id, decodeKey(m[2], `PII_ENC_KEYS key ${id}`));
      currentId ??= id;
    }
  }
  if (config.PII_ENC_KEY) {
    const legacy = decodeKey(config.PII_ENC_KEY, "PII_ENC_KEY");
    const listed = keys.get(1);
    if (listed && !listed.equals(legacy)) throw new PiiKeyError("PII_ENC_KEY (key 1) differs from key 1 of PII_ENC_KEYS: keep one of them");
    keys.set(1, legacy);
    currentId ??= 1;
  }
  return currentId === null ? null : { currentId, keys };
}

/** A keyring from explicit keys (tests, the key generator): the first id is the current one. */
export function keyringOf(...entries: Array<[number, Buffer | string]>): PiiKeyring {
  const keys = new Map(entries.map(([id, k]) => [id, typeof k === "string" ? Buffer.from(k, "base64") : k] as const));
  return { currentId: entries[0][0], keys };
}

/** The prefix of every ciphertext written under `keyId` (what the rotation looks for in SQL). */
export function ciphertextPrefix(keyId: number): string {
  return `v${keyId}.`;
}

/** The key id a ciphertext was written with (1 for the original, unversioned format). */
export function keyIdOf(token: string): number {
  const parts = token.split(".");
  if (parts.length === 3) return 1;
  const m = parts.length === 4 ? /^v(\d{1,5})$/.exec(parts[0]) : null;
  if (!m) throw new PiiKeyError("not a PII ciphertext (expected v<key id>.<iv>.<tag>.<ciphertext>)");
  return Number(m[1]);
}

export function encryptWith(keyring: PiiKeyring, plain: string): string {
  const key = keyring.keys.get(keyring.currentId)!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v${keyring.currentId}.` + [iv, cipher.getAuthTag(), ct].map((b) => b.toString("base64url")).join(".");
}

export function decryptWith(keyring: PiiKeyring, token: string): string {
  const id = keyIdOf(token);
  const key = keyring.keys.get(id);
  if (!key) {
    const configured = [...keyring.keys.keys()].join(", ");
    throw new PiiKeyError(`PII ciphertext is under key ${id}, which is not configured (configured: ${configured}); add it to PII_ENC_KEYS`);
  }
  const [iv, tag, ct] = token
    .split(".")
    .slice(-3)
    .map((p) => Buffer.from(p, "base64url"));
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    throw new PiiKeyError(`PII ciphertext under key ${id} does not decrypt: the configured key ${id} is not the key it was written with`);
  }
}
