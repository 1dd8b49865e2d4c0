import { describe, test, expect, beforeAll } from "vitest";
import crypto from "node:crypto";
import { generateSecret, generateSync } from "otplib";
import { db } from "@/lib/db";
import { decryptPii, encryptPii, hashIdNumber, piiKeyring } from "@/lib/pii/crypto";
import { ciphertextPrefix, keyringOf, type PiiKeyring } from "@/lib/pii/keyring";
import { countPiiByKey, rotatePiiKeys } from "@/lib/pii/rotation";
import { matchTotpStep } from "@/lib/auth/totp";
import { createCustomer } from "@/tests/factories/customers";
import { createAgent } from "@/tests/factories/staff";
import { createApiClient } from "@/tests/factories/api";

// The suite's configured key is key 1 (scripts/test.mjs); key 2 is made here and becomes current.
// The file has a database of its own, so rotating every row of it disturbs no other file.
let K1: Buffer;
const K2 = crypto.randomBytes(32);
let before: PiiKeyring;
let after: PiiKeyring;
/** What every row held before rotation, in clear: customer id → ID number, user id → TOTP secret. */
const idNumbers = new Map<number, string>();
const totpSecrets = new Map<number, string>();
/** Open API /hub listeners' signing secrets: subscription id → secret. */
const hubSecrets = new Map<number, string>();

/** A ciphertext as the first releases wrote it (iv.tag.ciphertext, no key id). */
function legacyCiphertext(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return [iv, c.getAuthTag(), ct].map((b) => b.toString("base64url")).join(".");
}

beforeAll(async () => {
  K1 = piiKeyring().keys.get(1)!;
  before = keyringOf([1, K1]);
  after = keyringOf([2, K2], [1, K1]);
  // Rows in both key-1 formats: today's unversioned one and v1.
  for (let i = 0; i < 5; i++) {
    const { customer } = await createCustomer({ idNumber: true });
    if (i % 2 === 0) {
      const plain = decryptPii(customer.idNumberEnc!);
      await db.customer.update({ where: { id: customer.id }, data: { idNumberEnc: legacyCiphertext(K1, plain) } });
    }
  }
  for (let i = 0; i < 3; i++) {
    const { user } = await createAgent();
    const secret = generateSecret();
    await db.user.update({
      where: { id: user.id },
      data: { mfaSecretEnc: i === 0 ? legacyCiphertext(K1, secret) : encryptPii(secret, before), mfaEnabledAt: new Date() },
    });
  }
  const { client } = await createApiClient({ scopes: ["ticket:read", "hub:manage"] });
  for (let i = 0; i < 2; i++) {
    const secret = `crm_hs_${crypto.randomBytes(32).toString("base64url")}`;
    const s = await db.hubSubscription.create({
      data: {
        clientId: client.id,
        api: "troubleTicket",
        callback: "https://listener.example.com/hook",
        eventTypes: ["TROUBLE_TICKET_CREATE"],
        secretEnc: encryptPii(secret, before),
      },
    });
    hubSecrets.set(s.id, secret);
  }
  for (const c of await db.customer.findMany({ where: { idNumberEnc: { not: null } }, select: { id: true, idNumberEnc: true } }))
    idNumbers.set(c.id, decryptPii(c.idNumberEnc!, before));
  for (const u of await db.user.findMany({ where: { mfaSecretEnc: { not: null } }, select: { id: true, mfaSecretEnc: true } }))
    totpSecrets.set(u.id, decryptPii(u.mfaSecretEnc!, before));
});

/** The rotation as an operator runs it: interrupted after its first batch, then run again. */
const run = {
  interrupted: null as unknown,
  partly: {} as Awaited<ReturnType<typeof countPiiByKey>>,
  tables: [] as string[],
  resumed: null as Awaited<ReturnType<typeof rotatePiiKeys>> | null,
  second: null as Awaited<ReturnType<typeof rotatePiiKeys>> | null,
};

beforeAll(async () => {
  const stopAfterFirstBatch = () => {
    throw new Error("interrupted");
  };
  run.interrupted = await rotatePiiKeys({ keyring: after, batchSize: 4, onBatch: stopAfterFirstBatch }).catch((e: Error) => e.message);
  run.partly = await countPiiByKey();
  run.resumed = await rotatePiiKeys({ keyring: after, batchSize: 4, onTable: (t, n) => run.tables.push(`${t}:${n}`) });
  run.second = await rotatePiiKeys({ keyring: after });
});

describe("npm run keys:rotate", () => {
  test("moves every ID number and TOTP secret to key 2 in batches, and the old data still decrypts to the same values", async () => {
    expect(idNumbers.size).toBeGreaterThan(5);
    // The interrupted run committed its first batch only …
    expect(run.interrupted).toBe("interrupted");
    expect(run.partly.customer).toEqual({ "1": idNumbers.size - 4, "2": 4 });
    // … and running it again picks up only the rows still on old keys.
    expect(run.tables).toEqual([`customer:${idNumbers.size - 4}`, `app_user:${totpSecrets.size}`, `hub_subscription:${hubSecrets.size}`]);
    expect(run.resumed!.rewritten).toEqual({ customer: idNumbers.size - 4, app_user: totpSecrets.size, hub_subscription: hubSecrets.size });
    expect(run.resumed!.batches).toBe(Math.ceil((idNumbers.size - 4) / 4) + Math.ceil(totpSecrets.size / 4) + Math.ceil(hubSecrets.size / 4));
    expect(await countPiiByKey()).toEqual({
      customer: { "2": idNumbers.size },
      app_user: { "2": totpSecrets.size },
      hub_subscription: { "2": hubSecrets.size },
    });
    // The /hub listeners' signing secrets are the same after rotation (the listeners keep verifying).
    for (const s of await db.hubSubscription.findMany({ select: { id: true, secretEnc: true } })) {
      expect(s.secretEnc.startsWith(ciphertextPrefix(2))).toBe(true);
      expect(decryptPii(s.secretEnc, after)).toBe(hubSecrets.get(s.id));
    }
    for (const c of await db.customer.findMany({ where: { idNumberEnc: { not: null } }, select: { id: true, idNumberEnc: true, idNumberHash: true } })) {
      expect(c.idNumberEnc!.startsWith(ciphertextPrefix(2))).toBe(true);
      expect(decryptPii(c.idNumberEnc!, after)).toBe(idNumbers.get(c.id));
      // The lookup hash is unchanged: search by ID number keeps working during and after the run.
      expect(c.idNumberHash).toBe(hashIdNumber(idNumbers.get(c.id)!));
    }
    // A second run finds nothing left.
    expect(run.second!.rewritten).toEqual({ customer: 0, app_user: 0, hub_subscription: 0 });
  });

  test("TOTP secrets rotate too, and codes from the enrolled authenticator still match", async () => {
    for (const u of await db.user.findMany({ where: { mfaSecretEnc: { not: null } }, select: { id: true, mfaSecretEnc: true } })) {
      expect(u.mfaSecretEnc!.startsWith(ciphertextPrefix(2))).toBe(true);
      const secret = decryptPii(u.mfaSecretEnc!, after);
      expect(secret).toBe(totpSecrets.get(u.id));
      const now = new Date();
      expect(matchTotpStep(secret, generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) }), now)).not.toBeNull();
    }
  });

  test("each run writes one audit row, with counts and no PII", async () => {
    const rows = await db.auditLog.findMany({ where: { action: "piiKey.rotated" }, orderBy: { id: "asc" } });
    // The interrupted run wrote none (it did not finish); the resumed and the second run one each.
    expect(rows[0]).toMatchObject({ entity: "pii_key", entityId: "2", actorId: null });
    expect(rows[0].data).toMatchObject({ keyId: 2, rehash: false, customers: idNumbers.size - 4, users: totpSecrets.size });
    expect(rows[1].data).toMatchObject({ keyId: 2, customers: 0, users: 0 });
    const text = JSON.stringify(rows.map((r) => r.data));
    for (const id of idNumbers.values()) expect(text).not.toContain(id);
    expect(text).not.toContain(K2.toString("base64"));
  });

  test("a row under a key that is not configured stops the run with a message naming the key", async () => {
    const K3 = keyringOf([3, crypto.randomBytes(32)]);
    const { customer } = await createCustomer({ idNumber: true });
    const plain = decryptPii(customer.idNumberEnc!);
    await db.customer.update({ where: { id: customer.id }, data: { idNumberEnc: encryptPii(plain, K3) } });
    await expect(rotatePiiKeys({ keyring: after })).rejects.toThrow(/under key 3, which is not configured \(configured: 2, 1\)/);
    await db.customer.update({ where: { id: customer.id }, data: { idNumberEnc: encryptPii(plain, after) } });
  });

  test("online: a row the app rewrites while its batch is in flight keeps the app's value", async () => {
    const { customer } = await createCustomer({ idNumber: true });
    await db.customer.update({ where: { id: customer.id }, data: { idNumberEnc: encryptPii(decryptPii(customer.idNumberEnc!), before) } });
    const corrected = "110105199001011234";
    const r = await rotatePiiKeys({
      keyring: after,
      afterRead: async (table, ids) => {
        // An import corrects this customer's ID number (under the current key) between the read and the write.
        if (table === "customer" && ids.includes(customer.id))
          await db.customer.update({ where: { id: customer.id }, data: { idNumberEnc: encryptPii(corrected, after) } });
      },
    });
    expect(r.rewritten.customer).toBe(0);
    const row = await db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(decryptPii(row.idNumberEnc!, after)).toBe(corrected);
  });

  test("--rehash recomputes every ID-number hash with a new HMAC key in the same batches", async () => {
    const H2 = crypto.randomBytes(32);
    const r = await rotatePiiKeys({ keyring: after, rehash: true, hmacKey: H2, batchSize: 3 });
    expect(r.rewritten.customer).toBeGreaterThanOrEqual(idNumbers.size);
    for (const c of await db.customer.findMany({ where: { idNumberEnc: { not: null } }, select: { idNumberEnc: true, idNumberHash: true } })) {
      expect(c.idNumberHash).toBe(hashIdNumber(decryptPii(c.idNumberEnc!, after), H2));
    }
    // Nothing left to do on a second run with the same key.
    expect((await rotatePiiKeys({ keyring: after, rehash: true, hmacKey: H2 })).rewritten.customer).toBe(0);
  });
});
