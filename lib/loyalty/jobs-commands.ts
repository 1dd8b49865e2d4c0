import "server-only";
import { db, allowLongStatements, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/shared/logger";
import { postPointsSet } from "@/lib/loyalty/ledger";
import { readLoyaltySettings } from "@/lib/loyalty/config-queries";
import { pointsExpiryFor } from "@/lib/loyalty/settings";
import { runJobInput, type RunJobInput } from "@/lib/loyalty/schemas";

// The loyalty jobs (docs/loyalty.md "Jobs, reconciliation and figures"): earning over a month's
// bills, expiry of lots at a cut-off, and the reconciliation of both ledgers. Each is set-based
// (a handful of statements whatever the number of customers) and runs once per period: the
// loyalty_job row (kind, period) is unique, a failed run may be run again, and the ledger's keys
// (customer × kind × ref) make a rerun post nothing twice. The jobs take one advisory lock, so two
// of them never update the same accounts in different orders (no deadlock between big updates);
// a redemption running meanwhile waits on its customer's row lock and loses nothing.

/** The statements below use only $executeRaw / $queryRaw, so a pg transaction adapter can run them (the demo seed). */
export type RawTx = Pick<Tx, "$executeRaw" | "$queryRaw">;

const JOB_LOCK = 23_0001;
const JOB_TX = { timeout: 3_600_000, maxWait: 30_000 };

function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, "0")}` };
}

export interface EarnStats {
  customers: number;
  points: number;
  bonusEntries: number;
  bonusPoints: number;
}

/**
 * Earns a month's points: per customer, Σ bill total × the most specific active RATE rule for the
 * line's plan class and the customer's grade (plan class + grade > one of them > neither; a tie:
 * the newest rule), × the grade's points multiplier, floored; then each BONUS rule active in the
 * month adds earned × (multiplier − 1) for its grade (or everyone). One scan of the month's bills
 * into a temp table, then postPointsSet (EARN 'bill:YYYY-MM', BONUS 'bonus:<rule>:YYYY-MM').
 */
export async function earnPointsForMonth(tx: RawTx, month: string, now = new Date()): Promise<EarnStats> {
  const { start, end } = monthBounds(month);
  const settings = await readLoyaltySettings(tx);
  const expiresOn = pointsExpiryFor(month, settings);
  // The sums, sorts and the posting's CTE stay in memory (as the scoring pipeline's jobs do).
  await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
  await tx.$executeRaw`DROP TABLE IF EXISTS loyalty_earn`;
  await tx.$executeRaw`
    CREATE TEMP TABLE loyalty_earn ON COMMIT DROP AS
    WITH rate AS MATERIALIZED (
      SELECT pc.class, g.grade,
             (SELECT r.points_per_yuan FROM loyalty_earn_rule r
              WHERE r.kind = 'RATE' AND r.is_active
                AND (r.plan_class IS NULL OR r.plan_class = pc.class) AND (r.grade IS NULL OR r.grade = g.grade)
                AND (r.starts_on IS NULL OR r.starts_on <= ${end}::date) AND (r.ends_on IS NULL OR r.ends_on >= ${start}::date)
              ORDER BY (r.plan_class IS NOT NULL)::int + (r.grade IS NOT NULL)::int DESC, r.id DESC LIMIT 1) AS ppy
      FROM unnest(enum_range(NULL::"PlanClass")) pc(class) CROSS JOIN unnest(enum_range(NULL::"MemberGrade")) g(grade)),
    plan_rate AS MATERIALIZED (
      SELECT p.id AS plan_id, r.grade, r.ppy * COALESCE(d.points_multiplier, 1) AS factor
      FROM plan p JOIN rate r ON r.class = p.class LEFT JOIN member_grade_def d ON d.grade = r.grade
      WHERE r.ppy > 0),
    -- The one scan of the month's bills, summed per customer and plan before the rates apply (the
    -- plans × grades table is tiny; joined after the sum, it never multiplies the bill rows).
    billed AS MATERIALIZED (
      SELECT b.customer_id, l.plan_id, sum(b.total_charge) AS total
      FROM bill b JOIN line l ON l.id = b.line_id
      WHERE b.month = ${start}::date
      GROUP BY b.customer_id, l.plan_id)
    SELECT x.customer_id, COALESCE(m.grade, 'STANDARD') AS grade, floor(sum(x.total * pr.factor))::int AS points
    FROM billed x
    LEFT JOIN customer_membership m ON m.customer_id = x.customer_id
    JOIN plan_rate pr ON pr.plan_id = x.plan_id AND pr.grade = COALESCE(m.grade, 'STANDARD')
    GROUP BY x.customer_id, COALESCE(m.grade, 'STANDARD')
    HAVING floor(sum(x.total * pr.factor)) > 0`;
  const customers = await postPointsSet(
    tx as Tx,
    "EARN",
    Prisma.sql`SELECT customer_id, points, ${`bill:${month}`}::text AS ref, ${expiresOn}::date AS expires_on, '' AS reason FROM loyalty_earn`,
    { now },
  );
  // The month's points as computed (a month earns once: what was posted); summed from the temp
  // table, not from points_entry (its keys start with the customer: a kind + ref filter reads it all).
  const [{ points }] = await tx.$queryRaw<Array<{ points: number }>>`SELECT COALESCE(sum(points), 0)::int AS points FROM loyalty_earn`;
  const bonuses = await tx.$queryRaw<Array<{ id: number; grade: string | null; multiplier: string }>>`
    SELECT id, grade::text AS grade, multiplier::text AS multiplier FROM loyalty_earn_rule
    WHERE kind = 'BONUS' AND is_active AND multiplier > 1
      AND (starts_on IS NULL OR starts_on <= ${end}::date) AND (ends_on IS NULL OR ends_on >= ${start}::date)
    ORDER BY id`;
  let bonusEntries = 0;
  let bonusPoints = 0;
  for (const b of bonuses) {
    const ref = `bonus:${b.id}:${month}`;
    bonusEntries += await postPointsSet(
      tx as Tx,
      "BONUS",
      Prisma.sql`SELECT customer_id, floor(points * (${b.multiplier}::numeric - 1))::int AS points, ${ref}::text AS ref, ${expiresOn}::date AS expires_on, '' AS reason
                 FROM loyalty_earn WHERE ${b.grade}::text IS NULL OR grade::text = ${b.grade}::text`,
      { now },
    );
    const [{ p }] = await tx.$queryRaw<Array<{ p: number }>>`
      SELECT COALESCE(sum(floor(points * (${b.multiplier}::numeric - 1))), 0)::int AS p FROM loyalty_earn WHERE ${b.grade}::text IS NULL OR grade::text = ${b.grade}::text`;
    bonusPoints += p;
  }
  return { customers, points, bonusEntries, bonusPoints };
}

export interface ExpireStats {
  customers: number;
  points: number;
}

/**
 * Expires the lots whose day is past: per customer, expired = max(0, credits expiring by `cutoff`
 * − every debit so far, earlier expiries included), clamped to the balance — first in, first out,
 * without lot rows. Only customers with a lot in (the previous successful cut-off, cutoff] are
 * looked at (`since`); every cut-off is its own key ('expire:YYYY-MM-DD').
 */
export async function expirePoints(tx: RawTx, cutoff: string, since: string | null = null, now = new Date()): Promise<ExpireStats> {
  const ref = `expire:${cutoff}`;
  const customers = await postPointsSet(
    tx as Tx,
    "EXPIRE",
    Prisma.sql`
      SELECT e.customer_id,
             -greatest(0, COALESCE(sum(e.points) FILTER (WHERE e.points > 0 AND e.expires_on <= ${cutoff}::date), 0)
                          + COALESCE(sum(e.points) FILTER (WHERE e.points < 0), 0))::int AS points,
             ${ref}::text AS ref, NULL::date AS expires_on, '' AS reason
      FROM points_entry e
      WHERE e.customer_id IN (SELECT DISTINCT customer_id FROM points_entry
                              WHERE expires_on <= ${cutoff}::date ${since ? Prisma.sql`AND expires_on > ${since}::date` : Prisma.empty})
      GROUP BY e.customer_id`,
    { clamp: true, now },
  );
  const [{ points }] = await tx.$queryRaw<Array<{ points: number }>>`
    SELECT COALESCE(-sum(points), 0)::int AS points FROM points_entry WHERE kind = 'EXPIRE' AND ref = ${ref}`;
  return { customers, points };
}

export interface ReconcileStats {
  pointsAccounts: number;
  pointsMismatches: number;
  accounts: number;
  accountMismatches: number;
  mismatches: number;
}

/** Compares each running balance with the sum of its ledger (points and account). */
export async function reconcileLedgers(tx: RawTx): Promise<ReconcileStats> {
  const [p] = await tx.$queryRaw<Array<{ n: number; bad: number }>>`
    SELECT count(*)::int AS n, count(*) FILTER (WHERE a.balance IS DISTINCT FROM COALESCE(s.sum, 0))::int AS bad
    FROM points_account a FULL JOIN (SELECT customer_id, sum(points) AS sum FROM points_entry GROUP BY customer_id) s ON s.customer_id = a.customer_id`;
  const [a] = await tx.$queryRaw<Array<{ n: number; bad: number }>>`
    SELECT count(*)::int AS n, count(*) FILTER (WHERE a.balance IS DISTINCT FROM COALESCE(s.sum, 0))::int AS bad
    FROM account a LEFT JOIN (SELECT account_id, sum(amount) AS sum FROM account_entry GROUP BY account_id) s ON s.account_id = a.id`;
  return { pointsAccounts: p.n, pointsMismatches: p.bad, accounts: a.n, accountMismatches: a.bad, mismatches: p.bad + a.bad };
}

/** Today's calendar day in Asia/Shanghai, shifted by `days`. */
export function shanghaiDay(now: Date, days = 0): string {
  return new Date(now.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The month before `now`'s month in Asia/Shanghai ("YYYY-MM"): the monthly earning's period. */
export function previousMonth(now: Date): string {
  const sh = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(sh.getUTCFullYear(), sh.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

function periodOf(input: RunJobInput, now: Date): string {
  if (input.kind === "EARN") return input.month;
  if (input.kind === "EXPIRE") return input.cutoff ?? shanghaiDay(now, -1);
  return now.toISOString();
}

export interface LoyaltyJobView {
  id: number;
  kind: string;
  period: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  stats: Record<string, unknown> | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/**
 * Claims (kind, period) — a new row, or a FAILED one again — and runs the job in one transaction.
 * A period already SUCCEEDED or RUNNING is not run again: that row comes back with `ran: false`.
 */
export async function runLoyaltyJob(raw: unknown, opts: { requestedBy?: number | null; now?: Date } = {}): Promise<{ job: LoyaltyJobView; ran: boolean }> {
  const input = runJobInput.parse(raw);
  const now = opts.now ?? new Date();
  const period = periodOf(input, now);
  const claimed = await db.$queryRaw<Array<{ id: number }>>`
    INSERT INTO loyalty_job (kind, period, status, requested_by, created_at, started_at)
    VALUES (${input.kind}::"LoyaltyJobKind", ${period}, 'RUNNING', ${opts.requestedBy ?? null}::int, now(), now())
    ON CONFLICT (kind, period) DO UPDATE SET status = 'RUNNING', error = NULL, stats = NULL, started_at = now(), finished_at = NULL,
      requested_by = EXCLUDED.requested_by
      WHERE loyalty_job.status = 'FAILED'
    RETURNING id`;
  if (!claimed.length) {
    const job = await db.loyaltyJob.findUniqueOrThrow({ where: { kind_period: { kind: input.kind, period } } });
    return { job: view(job), ran: false };
  }
  const id = claimed[0].id;
  const t0 = Date.now();
  try {
    const stats = await db.$transaction(async (tx) => {
      await allowLongStatements(tx, "wholeBase");
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${JOB_LOCK})`;
      if (input.kind === "EARN") return { ...(await earnPointsForMonth(tx, input.month, now)) };
      if (input.kind === "EXPIRE") {
        const prev = await tx.$queryRaw<Array<{ period: string }>>`
          SELECT max(period) AS period FROM loyalty_job WHERE kind = 'EXPIRE' AND status = 'SUCCEEDED' AND period < ${period}`;
        return { ...(await expirePoints(tx, period, prev[0]?.period ?? null, now)) };
      }
      const r = await reconcileLedgers(tx);
      if (r.mismatches > 0) {
        const admins = await tx.user.findMany({ where: { isActive: true, role: "ADMIN" }, select: { id: true } });
        if (admins.length) {
          await tx.notification.createMany({
            data: admins.map((a) => ({ userId: a.id, kind: "loyalty.reconcileMismatch", complaintId: null, data: { mismatches: r.mismatches } })),
          });
        }
      }
      return { ...r };
    }, JOB_TX);
    const done = await db.loyaltyJob.update({
      where: { id },
      data: { status: "SUCCEEDED", finishedAt: new Date(), stats: { ...stats, ms: Date.now() - t0 } as Prisma.InputJsonValue },
    });
    // Counts only: never a customer's number or name.
    const log = input.kind === "RECONCILE" && (stats as unknown as ReconcileStats).mismatches > 0 ? logger.warn : logger.info;
    log(`loyalty.job.${input.kind.toLowerCase()}`, { id, period, ...stats, ms: Date.now() - t0 });
    return { job: view(done), ran: true };
  } catch (e) {
    logger.error("loyalty.job.failed", { id, kind: input.kind, period, message: e instanceof Error ? e.message : String(e) });
    const failed = await db.loyaltyJob.update({
      where: { id },
      data: { status: "FAILED", finishedAt: new Date(), error: e instanceof Error ? e.message.slice(0, 2000) : "error" },
    });
    return { job: view(failed), ran: true };
  }
}

/**
 * An admin's "Run now": audited, then the run starts in this process without being awaited (a
 * month's earning at a million subscribers outlives the request); the page shows the job's row.
 * `done` settles when it ends (tests await it).
 */
export async function requestLoyaltyJob(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<{ period: string; done: Promise<{ job: LoyaltyJobView; ran: boolean }> }> {
  assertCan(actor, "loyalty:configure");
  const input = runJobInput.parse(raw);
  const period = periodOf(input, now);
  await db.$transaction((tx) =>
    recordAudit(tx, actor, { action: "loyalty.jobRequested", entity: "loyalty_job", entityId: null, data: { kind: input.kind, period } }),
  );
  const done = runLoyaltyJob(input.kind === "EXPIRE" ? { kind: "EXPIRE", cutoff: period } : input, { requestedBy: actor.id > 0 ? actor.id : null, now });
  done.catch(() => {});
  return { period, done };
}

export function view(j: {
  id: number;
  kind: string;
  period: string;
  status: string;
  stats: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}): LoyaltyJobView {
  return {
    id: j.id,
    kind: j.kind,
    period: j.period,
    status: j.status as LoyaltyJobView["status"],
    stats: (j.stats as Record<string, unknown> | null) ?? null,
    error: j.error,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}

/** At process start: a run a dead process left RUNNING can never finish; it may be run again. */
export async function failInterruptedLoyaltyJobs(): Promise<number> {
  const r = await db.loyaltyJob.updateMany({
    where: { status: "RUNNING", startedAt: { lt: new Date(Date.now() - 3_600_000) } },
    data: { status: "FAILED", finishedAt: new Date(), error: "interrupted" },
  });
  return r.count;
}
