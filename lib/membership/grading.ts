import "server-only";
import type { LoyaltyJobView } from "@/lib/loyalty/jobs-commands";
import { db, allowLongStatements } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/shared/logger";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { gradingRunInput, type GradingRunInput } from "@/lib/membership/schemas";
import { readMembershipSettings } from "@/lib/membership/settings";
import { gradingSql, type GradingRow } from "@/lib/membership/grading-sql";

// The monthly re-grading (issue 23, docs/membership.md "Re-grading and the grace period"): ONE
// statement over all customers — each customer's spend over the 12 billed months before the
// period (bill.total_charge) and tenure (customer.joined_at) give the computed grade on the admin's
// ladder; customer_membership is upserted and every change written to member_grade_change. The
// rules are lib/membership/ladder.ts `regrade` (unit-tested), here set-based:
//   first grading JOINED · higher UPGRADE at once · lower starts a grace period (GRACE_STARTED,
//   grace_until = month + grace months) and drops (DOWNGRADE) only if still lower at the first
//   re-grading on/after grace_until · back at the grade during grace GRACE_CLEARED · a churned
//   customer drops to STANDARD at once.
// A re-run of the same month changes nothing more (the state it wrote already says so); a month
// older than a customer's last grading leaves that customer alone. One run at a time (advisory lock).

const GRADING_LOCK = 23_0701;
export interface GradingStats {
  period: string;
  ms: number;
  customers: number;
  joined: number;
  upgraded: number;
  downgraded: number;
  graceStarted: number;
  graceCleared: number;
  grades: Record<string, number>;
}

/** The month (YYYY-MM) of `now` in Asia/Shanghai. */
export function currentPeriod(now: Date): string {
  const sh = new Date(now.getTime() + 8 * 3600_000);
  return `${sh.getUTCFullYear()}-${String(sh.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Runs the re-grading of `period` over every customer (jobs, the seed, the generator, tests). */
export async function gradeMembers(period: string, now = new Date()): Promise<GradingStats> {
  if (!/^\d{4}-\d{2}$/.test(period)) throw new ValidationError({ period: "invalidFormat" });
  const t0 = performance.now();
  const month = `${period}-01`;
  const r = await db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "wholeBase");
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${GRADING_LOCK})`;
      const { graceMonths } = await readMembershipSettings(tx);
      const [row] = await tx.$queryRaw<GradingRow[]>(gradingSql(month, graceMonths, now));
      return row;
    },
    { timeout: 3_600_000, maxWait: 30_000 },
  );
  const reasons = r.reasons ?? {};
  return {
    period,
    ms: Math.round(performance.now() - t0),
    customers: r.customers,
    joined: reasons.JOINED ?? 0,
    upgraded: reasons.UPGRADE ?? 0,
    downgraded: reasons.DOWNGRADE ?? 0,
    graceStarted: reasons.GRACE_STARTED ?? 0,
    graceCleared: reasons.GRACE_CLEARED ?? 0,
    grades: r.grades ?? {},
  };
}

// ── the job row (loyalty_job kind GRADE, period 'YYYY-MM') ──

/** A loyalty_job row of kind GRADE (the same row shape as the loyalty jobs' view). */
export type GradingJobView = Omit<LoyaltyJobView, "kind">;

const jobSelect = { id: true, period: true, status: true, stats: true, error: true, createdAt: true, startedAt: true, finishedAt: true } as const;
type JobRow = {
  id: number;
  period: string;
  status: string;
  stats: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};
const view = (j: JobRow): GradingJobView => ({
  ...j,
  status: j.status as GradingJobView["status"],
  stats: (j.stats as Record<string, unknown> | null) ?? null,
});

/**
 * Queues the re-grading of a month (default: this month) and starts it in this process without
 * awaiting it ("Run now"; the monthly schedule). A month's job row is reused: a finished one is
 * queued again (a re-run changes nothing that is already graded), a queued or running one is
 * joined. `done` settles when the run ends (requests ignore it; tests and the seed await it).
 */
export async function requestGrading(actor: Actor, raw: GradingRunInput = {}, now = new Date()): Promise<{ job: GradingJobView; done: Promise<void> }> {
  assertCan(actor, "loyalty:configure");
  const period = gradingRunInput.parse(raw).period ?? currentPeriod(now);
  const queued = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: number }>>`
      INSERT INTO loyalty_job (kind, period, status, requested_by, created_at)
      VALUES ('GRADE', ${period}, 'QUEUED', ${actor.id > 0 ? actor.id : null}::int, ${now}::timestamptz)
      ON CONFLICT (kind, period) DO UPDATE SET status = 'QUEUED', stats = NULL, error = NULL, started_at = NULL, finished_at = NULL,
        requested_by = EXCLUDED.requested_by, created_at = EXCLUDED.created_at
        WHERE loyalty_job.status IN ('SUCCEEDED', 'FAILED')
      RETURNING id`;
    if (!rows.length) return null;
    await recordAudit(tx, actor, { action: "membership.gradingRequested", entity: "loyalty_job", entityId: rows[0].id, data: { period } });
    return rows[0].id;
  });
  if (queued === null) {
    const running = await db.loyaltyJob.findUnique({ where: { kind_period: { kind: "GRADE", period } }, select: jobSelect });
    if (!running) throw new NotFoundError("job");
    return { job: view(running), done: waitForJob(running.id) };
  }
  const job = await db.loyaltyJob.findUniqueOrThrow({ where: { id: queued }, select: jobSelect });
  return { job: view(job), done: runGradingJob(queued, now) };
}

async function waitForJob(id: number): Promise<void> {
  for (;;) {
    const j = await db.loyaltyJob.findUnique({ where: { id }, select: { status: true } });
    if (!j || j.status === "SUCCEEDED" || j.status === "FAILED") return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Claims a queued GRADE job and runs it; never throws (a failure lands on the row). */
export async function runGradingJob(id: number, now = new Date()): Promise<void> {
  const claimed = await db.loyaltyJob.updateMany({ where: { id, kind: "GRADE", status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date() } });
  if (claimed.count === 0) return;
  const job = await db.loyaltyJob.findUniqueOrThrow({ where: { id }, select: { period: true } });
  try {
    const stats = await gradeMembers(job.period, now);
    await db.loyaltyJob.update({ where: { id }, data: { status: "SUCCEEDED", finishedAt: new Date(), stats: { ...stats } as Prisma.InputJsonValue } });
  } catch (e) {
    logger.error("membership.grading_failed", { id, message: e instanceof Error ? e.message : String(e) });
    await db.loyaltyJob
      .update({ where: { id }, data: { status: "FAILED", finishedAt: new Date(), error: e instanceof Error ? e.message.slice(0, 2000) : "error" } })
      .catch(() => {});
  }
}

/** The monthly schedule (lib/jobs/boss.ts): this month's re-grading unless it already ran. */
export async function runMonthlyGradingIfDue(now = new Date()): Promise<GradingJobView | null> {
  const period = currentPeriod(now);
  const done = await db.loyaltyJob.findUnique({ where: { kind_period: { kind: "GRADE", period } }, select: { status: true } });
  if (done && done.status !== "FAILED") return null;
  const { job, done: finished } = await requestGrading(SYSTEM_ACTOR, { period }, now);
  await finished;
  return view(await db.loyaltyJob.findUniqueOrThrow({ where: { id: job.id }, select: jobSelect }));
}

/** A grading job by id (the admin page polls it). */
export async function getGradingJob(actor: Actor, id: number): Promise<GradingJobView> {
  assertCan(actor, "loyalty:configure");
  const job = await db.loyaltyJob.findFirst({ where: { id, kind: "GRADE" }, select: jobSelect });
  if (!job) throw new NotFoundError("job");
  return view(job);
}

/** The latest grading jobs, newest first (the admin page). */
export async function listGradingJobs(actor: Actor, limit = 6): Promise<GradingJobView[]> {
  assertCan(actor, "loyalty:configure");
  const rows = await db.loyaltyJob.findMany({ where: { kind: "GRADE" }, orderBy: [{ period: "desc" }], take: Math.min(limit, 24), select: jobSelect });
  return rows.map(view);
}
