import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { ciphertextPrefix, decryptWith, encryptWith, type PiiKeyring } from "@/lib/pii/keyring";
import { normalizeIdNumber, piiKeyring } from "@/lib/pii/crypto";

// `npm run keys:rotate`: re-encrypts every PII ciphertext that is not under the current key, while
// the app keeps running. Keyset-paginated batches (one SELECT, decryption in Node, one set-based
// UPDATE from unnest()ed arrays per batch, each batch its own transaction); the UPDATE only
// touches a row whose ciphertext is still the one read, so a row the app rewrote meanwhile (it
// writes under the current key) is left alone. Resumable by construction: a rerun picks up only
// the rows still on old keys. One audit row per run, counts only.
//
// `rehash` also recomputes every ID-number hash with the configured PII_HMAC_KEY in the same
// batches. The HMAC key is not versioned (a lookup hash must compare equal to every other hash:
// search and the import's duplicate-ID check), so it changes only with a full rehash, with the app
// stopped (docs/operations.md "Keys and rotation").

/** Every column that holds a PII ciphertext (search the code for encryptPii when adding one). */
export const PII_COLUMNS = [
  { table: "customer", column: "id_number_enc", hash: "id_number_hash" },
  { table: "app_user", column: "mfa_secret_enc", hash: null },
  // The signing secrets of Open API /hub listeners (lib/api/hub/subscription-commands.ts).
  { table: "hub_subscription", column: "secret_enc", hash: null },
] as const;

export type PiiTable = (typeof PII_COLUMNS)[number]["table"];

export interface RotationOptions {
  keyring?: PiiKeyring;
  rehash?: boolean;
  hmacKey?: Buffer;
  batchSize?: number;
  /** Called once per table before its first batch, with the rows it will visit. */
  onTable?: (table: PiiTable, total: number) => void;
  /** Called after a batch is read and before it is written (the app may write meanwhile; tests use it to do so). */
  afterRead?: (table: PiiTable, ids: number[]) => Promise<void>;
  /** Called after every batch with the rows it visited. */
  onBatch?: (table: PiiTable, visited: number) => void;
}

export interface RotationResult {
  keyId: number;
  /** Rows re-encrypted (or rehashed) per table. */
  rewritten: Record<PiiTable, number>;
  batches: number;
  ms: number;
}

const ident = (name: string) => Prisma.raw(`"${name}"`);

function pending(c: (typeof PII_COLUMNS)[number], prefix: string, rehash: boolean): Prisma.Sql {
  return rehash && c.hash ? Prisma.sql`${ident(c.column)} IS NOT NULL` : Prisma.sql`${ident(c.column)} IS NOT NULL AND NOT starts_with(${ident(c.column)}, ${prefix})`;
}

/** Ciphertexts per key id and table (for `keys:rotate --status` and the tests). */
export async function countPiiByKey(): Promise<Record<PiiTable, Record<string, number>>> {
  const out = {} as Record<PiiTable, Record<string, number>>;
  for (const c of PII_COLUMNS) {
    const rows = await db.$queryRaw<{ key_id: string; n: number }[]>`
      SELECT COALESCE(substring(${ident(c.column)} from '^v([0-9]+)\\.'), '1') AS key_id, count(*)::int AS n
      FROM ${ident(c.table)} WHERE ${ident(c.column)} IS NOT NULL GROUP BY 1 ORDER BY 1`;
    out[c.table] = Object.fromEntries(rows.map((r) => [r.key_id, r.n]));
  }
  return out;
}

export async function rotatePiiKeys(opts: RotationOptions = {}): Promise<RotationResult> {
  const t0 = Date.now();
  const keyring = opts.keyring ?? piiKeyring();
  const rehash = opts.rehash ?? false;
  const hmacKey = opts.hmacKey ?? Buffer.from(env().PII_HMAC_KEY, "base64");
  const batchSize = opts.batchSize ?? 1000;
  const prefix = ciphertextPrefix(keyring.currentId);
  const rewritten = { customer: 0, app_user: 0, hub_subscription: 0 } as Record<PiiTable, number>;
  let batches = 0;
  for (const c of PII_COLUMNS) {
    const where = pending(c, prefix, rehash);
    const [{ n: total }] = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM ${ident(c.table)} WHERE ${where}`;
    opts.onTable?.(c.table, total);
    let after = 0;
    for (;;) {
      const rows = await db.$queryRaw<{ id: number; enc: string; hash: string | null }[]>`
        SELECT id, ${ident(c.column)} AS enc, ${c.hash ? ident(c.hash) : Prisma.sql`NULL::text`} AS hash
        FROM ${ident(c.table)} WHERE id > ${after} AND ${where} ORDER BY id LIMIT ${batchSize}`;
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      const ids: number[] = [];
      const olds: string[] = [];
      const news: string[] = [];
      const hashes: (string | null)[] = [];
      for (const r of rows) {
        const current = r.enc.startsWith(prefix);
        const plain = !current || (rehash && c.hash) ? decryptWith(keyring, r.enc) : null;
        const hash = rehash && c.hash && plain !== null ? crypto.createHmac("sha256", hmacKey).update(normalizeIdNumber(plain)).digest("hex") : r.hash;
        if (current && hash === r.hash) continue;
        ids.push(r.id);
        olds.push(r.enc);
        news.push(current ? r.enc : encryptWith(keyring, plain!));
        hashes.push(hash);
      }
      await opts.afterRead?.(c.table, ids);
      if (ids.length) {
        rewritten[c.table] += await db.$executeRaw`
          UPDATE ${ident(c.table)} t SET ${ident(c.column)} = v.enc${c.hash ? Prisma.sql`, ${ident(c.hash)} = v.hash` : Prisma.empty}
          FROM unnest(${ids}::int[], ${olds}::text[], ${news}::text[], ${hashes}::text[]) AS v(id, old, enc, hash)
          WHERE t.id = v.id AND t.${ident(c.column)} = v.old`;
      }
      batches++;
      opts.onBatch?.(c.table, rows.length);
    }
  }
  const result = { keyId: keyring.currentId, rewritten, batches, ms: Date.now() - t0 };
  await db.$transaction((tx) =>
    recordAudit(tx, null, {
      action: "piiKey.rotated",
      entity: "pii_key",
      entityId: keyring.currentId,
      data: { keyId: keyring.currentId, rehash, customers: rewritten.customer, users: rewritten.app_user, hubSecrets: rewritten.hub_subscription, batches, ms: result.ms },
    }),
  );
  return result;
}
