import { describe, test, expect } from "vitest";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ciphertextPrefix, decryptWith, encryptWith, keyIdOf, keyringOf, parsePiiKeyring, PiiKeyError } from "@/lib/pii/keyring";
import { readPiiKeysFile, withPiiKeysFile } from "@/lib/pii/keys-file";

const K1 = crypto.randomBytes(32);
const K2 = crypto.randomBytes(32);
const b64 = (k: Buffer) => k.toString("base64");

/** A ciphertext exactly as the first releases wrote it (iv.tag.ciphertext, no key id). */
function legacyCiphertext(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return [iv, c.getAuthTag(), ct].map((b) => b.toString("base64url")).join(".");
}

describe("versioned PII keys", () => {
  test("every ciphertext carries the id of the key it was written with", () => {
    const token = encryptWith(keyringOf([2, K2], [1, K1]), "11010519491231002X");
    expect(token.startsWith(ciphertextPrefix(2))).toBe(true);
    expect(token.split(".")).toHaveLength(4);
    expect(keyIdOf(token)).toBe(2);
    expect(keyIdOf(encryptWith(keyringOf([1, K1]), "x"))).toBe(1);
  });

  test("data written under key 1 (also in the unversioned format) still decrypts after key 2 becomes current", () => {
    const before = keyringOf([1, K1]);
    const after = keyringOf([2, K2], [1, K1]);
    const written = encryptWith(before, "11010519491231002X");
    const legacy = legacyCiphertext(K1, "JBSWY3DPEHPK3PXP");
    expect(keyIdOf(legacy)).toBe(1);
    expect(decryptWith(after, written)).toBe("11010519491231002X");
    expect(decryptWith(after, legacy)).toBe("JBSWY3DPEHPK3PXP");
    expect(keyIdOf(encryptWith(after, "new"))).toBe(2);
  });

  test("a missing key id, a wrong key or a malformed ciphertext is refused with a message that names the key", () => {
    const token = encryptWith(keyringOf([3, crypto.randomBytes(32)]), "secret");
    expect(() => decryptWith(keyringOf([2, K2], [1, K1]), token)).toThrow(/under key 3, which is not configured \(configured: 2, 1\)/);
    const underOtherKey1 = encryptWith(keyringOf([1, crypto.randomBytes(32)]), "secret");
    expect(() => decryptWith(keyringOf([1, K1]), underOtherKey1)).toThrow(/under key 1 does not decrypt/);
    expect(() => decryptWith(keyringOf([1, K1]), legacyCiphertext(K2, "secret"))).toThrow(PiiKeyError);
    expect(() => keyIdOf("garbage")).toThrow(/not a PII ciphertext/);
    expect(() => keyIdOf("x1.a.b.c")).toThrow(/not a PII ciphertext/);
  });

  test("PII_ENC_KEYS lists the current key first; PII_ENC_KEY is still accepted as key 1", () => {
    const both = parsePiiKeyring({ PII_ENC_KEYS: `2:${b64(K2)}, 1:${b64(K1)}` })!;
    expect(both.currentId).toBe(2);
    expect([...both.keys.keys()]).toEqual([2, 1]);
    const legacyOnly = parsePiiKeyring({ PII_ENC_KEY: b64(K1) })!;
    expect(legacyOnly.currentId).toBe(1);
    const added = parsePiiKeyring({ PII_ENC_KEYS: `2:${b64(K2)}`, PII_ENC_KEY: b64(K1) })!;
    expect(added.currentId).toBe(2);
    expect(added.keys.get(1)!.equals(K1)).toBe(true);
    expect(parsePiiKeyring({})).toBeNull();
  });

  test.each([
    ["not id:key", { PII_ENC_KEYS: b64(K1) }, /is not "<id>:<base64 key>"/],
    ["a duplicate id", { PII_ENC_KEYS: `1:${b64(K1)},1:${b64(K2)}` }, /key id 1 appears twice/],
    ["a short key", { PII_ENC_KEYS: `1:${crypto.randomBytes(16).toString("base64")}` }, /must be 32 bytes/],
    ["id 0", { PII_ENC_KEYS: `0:${b64(K1)}` }, /between 1 and/],
    ["PII_ENC_KEY contradicting key 1", { PII_ENC_KEYS: `1:${b64(K1)}`, PII_ENC_KEY: b64(K2) }, /differs from key 1/],
  ])("a key list with %s is refused", (_, config, message) => {
    expect(() => parsePiiKeyring(config)).toThrow(message);
  });
});

describe("PII_KEYS_FILE", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-keys-"));
  const file = path.join(dir, "pii-keys.json");

  test("is read when only its owner may read it, and refused otherwise", () => {
    fs.writeFileSync(file, JSON.stringify({ PII_ENC_KEYS: `1:${b64(K1)}`, PII_HMAC_KEY: b64(K2), OTHER: "ignored" }), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    expect(readPiiKeysFile(file)).toEqual({ PII_ENC_KEYS: `1:${b64(K1)}`, PII_HMAC_KEY: b64(K2) });
    fs.chmodSync(file, 0o644);
    expect(() => readPiiKeysFile(file)).toThrow(/readable by group or others \(mode 644\); run: chmod 600/);
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, "PII_ENC_KEY=abc");
    expect(() => readPiiKeysFile(file)).toThrow(/not a JSON object/);
    expect(() => readPiiKeysFile(path.join(dir, "missing.json"))).toThrow(/does not exist/);
  });

  test("fills the keys the environment does not set; the environment wins", () => {
    fs.writeFileSync(file, JSON.stringify({ PII_ENC_KEYS: `2:${b64(K2)},1:${b64(K1)}`, PII_HMAC_KEY: b64(K1) }), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    const vars = withPiiKeysFile({ PII_KEYS_FILE: file, PII_HMAC_KEY: b64(K2) });
    expect(vars.PII_HMAC_KEY).toBe(b64(K2));
    expect(parsePiiKeyring(vars)!.currentId).toBe(2);
    expect(withPiiKeysFile({ PII_ENC_KEY: b64(K1) })).toEqual({ PII_ENC_KEY: b64(K1) });
    fs.chmodSync(file, 0o640);
    expect(() => withPiiKeysFile({ PII_KEYS_FILE: file })).toThrow(/Invalid environment configuration:\n  PII_KEYS_FILE: .*\(mode 640\)/);
  });
});
