import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ValidationError } from "@/lib/shared/errors";

// The points ledger's one way to post (issue 23, decision 030). A customer's balance is the sum of
// their points_entry rows; points_account keeps it as a running balance, changed in the same
// statement that writes the entries, so the two never disagree (the reconciliation job checks).
//
// Everything posts through postPointsSet: a set of (customer, points, ref) rows of one kind, in
// three statements — whatever the number of rows (one redemption, a month's earning for 1 M):
//   1. the rows not yet posted (customer × kind × ref is the idempotency key) into a temp table;
//   2. the customers' accounts created when missing;
//   3. one UPDATE of the accounts (row locks: a concurrent post waits, so no update is lost) whose
//      RETURNING feeds the INSERT of the entries with their balance_after.
// A debit beyond the balance either fails (CHECK balance >= 0: "insufficient points") or, with
// `clamp` (expiry), takes what is there. One row per customer per call.
// postPoints (one entry: a redemption, an adjustment, a compensation) runs the same steps as two
// statements without the temp table (its DDL was most of a redemption's cost); same key, same locks.

export type PointsKind = "EARN" | "BONUS" | "REDEEM" | "EXPIRE" | "ADJUST" | "COMPENSATION" | "GIFT" | "REVERSAL";

export interface PointsPostOptions {
  /** Debits take at most the balance (expiry) instead of failing. */
  clamp?: boolean;
  createdById?: number | null;
  now?: Date;
}

/**
 * Posts `rows` — a query of (customer_id int, points int, ref text, expires_on date, reason text),
 * at most one row per customer — as entries of `kind`. Rows already posted (same customer, kind
 * and ref) and zero rows are skipped. Returns the number of entries written.
 */
export async function postPointsSet(tx: Tx, kind: PointsKind, rows: Prisma.Sql, opts: PointsPostOptions = {}): Promise<number> {
  const now = opts.now ?? new Date();
  await tx.$executeRaw`DROP TABLE IF EXISTS points_post`;
  await tx.$executeRaw`
    CREATE TEMP TABLE points_post ON COMMIT DROP AS
    SELECT r.customer_id::int AS customer_id, r.points::int AS points, r.ref::text AS ref, r.expires_on::date AS expires_on, COALESCE(r.reason, '')::text AS reason
    FROM (${rows}) r
    WHERE r.points <> 0
      AND NOT EXISTS (SELECT 1 FROM points_entry e WHERE e.customer_id = r.customer_id AND e.kind = ${kind}::"PointsEntryKind" AND e.ref = r.ref)`;
  // Only the customers without an account (one anti-join; ON CONFLICT alone probes the key row by row).
  await tx.$executeRaw`
    INSERT INTO points_account (customer_id, updated_at)
    SELECT p.customer_id, ${now} FROM points_post p WHERE NOT EXISTS (SELECT 1 FROM points_account a WHERE a.customer_id = p.customer_id)
    ON CONFLICT (customer_id) DO NOTHING`;
  const delta = opts.clamp ? Prisma.sql`greatest(p.points, -a.balance)` : Prisma.sql`p.points`;
  try {
    return await tx.$executeRaw`
      WITH upd AS (
        UPDATE points_account a
        SET last_delta = ${delta}, balance = a.balance + ${delta}, lifetime_earned = a.lifetime_earned + greatest(${delta}, 0), updated_at = ${now}
        FROM points_post p WHERE a.customer_id = p.customer_id
        RETURNING a.customer_id, a.last_delta, a.balance)
      INSERT INTO points_entry (customer_id, kind, points, balance_after, expires_on, ref, reason, created_by_id, created_at)
      SELECT p.customer_id, ${kind}::"PointsEntryKind", u.last_delta, u.balance, CASE WHEN u.last_delta > 0 THEN p.expires_on END, p.ref, p.reason, ${opts.createdById ?? null}::int, ${now}
      FROM upd u JOIN points_post p ON p.customer_id = u.customer_id
      WHERE u.last_delta <> 0
      ORDER BY p.customer_id`; // in key order the customer-led indexes of the entries fill page by page (a month's earning: half the time)
  } catch (e) {
    if (isCheckViolation(e)) throw new ValidationError({ points: "insufficientPoints" }, "loyalty.insufficientPoints");
    throw e;
  }
}

export interface PointsPost {
  customerId: number;
  kind: PointsKind;
  /** Signed. */
  points: number;
  ref: string;
  reason?: string;
  /** Credits: the day the lot expires (lib/loyalty expiry rule). */
  expiresOn?: string | null;
  createdById?: number | null;
}

/**
 * One entry. Returns the new balance, or null when an entry with the same customer, kind and ref
 * was already posted (idempotent). Throws ValidationError("loyalty.insufficientPoints") for a debit
 * beyond the balance.
 */
export async function postPoints(tx: Tx, p: PointsPost, now = new Date()): Promise<{ balance: number; entryId: bigint } | null> {
  if (p.points === 0) return null;
  await tx.$executeRaw`INSERT INTO points_account (customer_id, updated_at) VALUES (${p.customerId}, ${now}) ON CONFLICT (customer_id) DO NOTHING`;
  try {
    const rows = await tx.$queryRaw<Array<{ id: bigint; balance_after: number }>>`
      WITH upd AS (
        UPDATE points_account a
        SET last_delta = ${p.points}::int, balance = a.balance + ${p.points}::int, lifetime_earned = a.lifetime_earned + greatest(${p.points}::int, 0), updated_at = ${now}
        WHERE a.customer_id = ${p.customerId}
          AND NOT EXISTS (SELECT 1 FROM points_entry e WHERE e.customer_id = ${p.customerId} AND e.kind = ${p.kind}::"PointsEntryKind" AND e.ref = ${p.ref})
        RETURNING a.customer_id, a.balance)
      INSERT INTO points_entry (customer_id, kind, points, balance_after, expires_on, ref, reason, created_by_id, created_at)
      SELECT u.customer_id, ${p.kind}::"PointsEntryKind", ${p.points}::int, u.balance, CASE WHEN ${p.points}::int > 0 THEN ${p.expiresOn ?? null}::date END,
             ${p.ref}, ${p.reason ?? ""}, ${p.createdById ?? null}::int, ${now}
      FROM upd u
      RETURNING id, balance_after`;
    return rows.length ? { balance: rows[0].balance_after, entryId: rows[0].id } : null;
  } catch (e) {
    if (isCheckViolation(e)) throw new ValidationError({ points: "insufficientPoints" }, "loyalty.insufficientPoints");
    throw e;
  }
}

function isCheckViolation(e: unknown): boolean {
  const s = String((e as { message?: string })?.message ?? "") + JSON.stringify((e as { meta?: unknown })?.meta ?? {});
  return s.includes("23514") || s.includes("points_account_balance_check");
}
