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
  await tx.$executeRaw`INSERT INTO points_account (customer_id, updated_at) SELECT customer_id, ${now} FROM points_post ON CONFLICT (customer_id) DO NOTHING`;
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
      WHERE u.last_delta <> 0`;
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
  const n = await postPointsSet(
    tx,
    p.kind,
    Prisma.sql`SELECT ${p.customerId}::int AS customer_id, ${p.points}::int AS points, ${p.ref}::text AS ref, ${p.expiresOn ?? null}::date AS expires_on, ${p.reason ?? ""}::text AS reason`,
    { createdById: p.createdById ?? null, now },
  );
  if (n === 0) return null;
  const [row] = await tx.$queryRaw<Array<{ id: bigint; balance_after: number }>>`
    SELECT id, balance_after FROM points_entry WHERE customer_id = ${p.customerId} AND kind = ${p.kind}::"PointsEntryKind" AND ref = ${p.ref}`;
  return { balance: row.balance_after, entryId: row.id };
}

function isCheckViolation(e: unknown): boolean {
  const s = String((e as { message?: string })?.message ?? "") + JSON.stringify((e as { meta?: unknown })?.meta ?? {});
  return s.includes("23514") || s.includes("points_account_balance_check");
}
