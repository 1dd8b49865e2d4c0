import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/shared/logger";
import { NotFoundError } from "@/lib/shared/errors";
import { runRescoring } from "@/lib/scoring/pipeline";
import { trainChurnModelNow } from "@/lib/churn/training";
import { CHURN_FEATURES } from "@/lib/churn/features";
import { refreshDynamicSegments } from "@/lib/segments/refresh";

// Background jobs for value work, as DB rows (value_job): the request that asks for one only
// inserts the row and starts the work in this server process without awaiting it, so the work
// outlives the request; pages poll the row's progress. A partial unique index allows one
// queued/running job per kind: asking again joins the running one. Rows left RUNNING by a
// process that died are failed at the next start (failInterruptedJobs).

export type ValueJobKind = "RESCORE" | "CHURN_TRAIN" | "SEGMENT_REFRESH";

export interface ValueJobView {
  id: number;
  kind: ValueJobKind;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  progress: number;
  step: string | null;
  trigger: string;
  stats: Record<string, unknown> | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const PERMISSION: Record<ValueJobKind, "value:manage" | "segment:manage"> = {
  RESCORE: "value:manage",
  CHURN_TRAIN: "value:manage",
  SEGMENT_REFRESH: "segment:manage",
};

function view(j: { id: number; kind: string; status: string; progress: number; step: string | null; trigger: string; stats: unknown; createdAt: Date; startedAt: Date | null; finishedAt: Date | null }): ValueJobView {
  return { ...j, kind: j.kind as ValueJobKind, status: j.status as ValueJobView["status"], stats: (j.stats as Record<string, unknown> | null) ?? null };
}

/**
 * Queues a job (or returns the one of that kind already queued/running) and starts it in the
 * background. `done` settles when the work ends (callers in requests ignore it; tests await it).
 */
export async function enqueueValueJob(actor: Actor, kind: ValueJobKind, trigger = "manual"): Promise<{ job: ValueJobView; done: Promise<void> }> {
  assertCan(actor, PERMISSION[kind]);
  let created: ValueJobView | null = null;
  try {
    created = await db.$transaction(async (tx) => {
      const job = await tx.valueJob.create({ data: { kind, trigger, requestedById: actor.id > 0 ? actor.id : null } });
      await recordAudit(tx, actor, { action: "valueJob.requested", entity: "value_job", entityId: job.id, data: { kind, trigger } });
      return view(job);
    });
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
  }
  if (!created) {
    const running = await db.valueJob.findFirst({ where: { kind, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { id: "desc" } });
    if (!running) throw new NotFoundError("job");
    return { job: view(running), done: waitForJob(running.id) };
  }
  const done = runValueJob(created.id);
  return { job: created, done };
}

async function waitForJob(id: number): Promise<void> {
  for (;;) {
    const j = await db.valueJob.findUnique({ where: { id }, select: { status: true } });
    if (!j || j.status === "SUCCEEDED" || j.status === "FAILED") return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Claims a queued job and runs it; never throws (failures land on the row). */
export async function runValueJob(id: number): Promise<void> {
  const claimed = await db.valueJob.updateMany({ where: { id, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date(), progress: 1 } });
  if (claimed.count === 0) return;
  const job = await db.valueJob.findUniqueOrThrow({ where: { id } });
  const onProgress = async (progress: number, step: string) => {
    await db.valueJob.update({ where: { id }, data: { progress, step } });
  };
  try {
    let stats: Record<string, unknown>;
    if (job.kind === "RESCORE") stats = { ...(await runRescoring({ runId: id, onProgress })) };
    else if (job.kind === "CHURN_TRAIN") {
      const trained = await trainChurnModelNow({ jobId: id, onProgress });
      stats = trained ? { ...trained } : { skipped: "noTrainingData" }; // a new install: nothing to learn from yet
    }
    else stats = { ...(await refreshDynamicSegments({ onProgress })) };
    await db.valueJob.update({ where: { id }, data: { status: "SUCCEEDED", progress: 100, step: "done", finishedAt: new Date(), stats: stats as Prisma.InputJsonValue } });
  } catch (e) {
    logger.error("valueJob.failed", { id, kind: job.kind, message: e instanceof Error ? e.message : String(e) });
    await db.valueJob
      .update({ where: { id }, data: { status: "FAILED", step: "failed", finishedAt: new Date(), error: e instanceof Error ? e.message.slice(0, 2000) : "error" } })
      .catch(() => {});
  }
}

export async function getValueJob(actor: Actor, id: number): Promise<ValueJobView> {
  const job = await db.valueJob.findUnique({ where: { id } });
  if (!job) throw new NotFoundError("job");
  assertCan(actor, PERMISSION[job.kind as ValueJobKind]);
  return view(job);
}

/** The latest job of each kind (for the admin page). */
export async function listLatestValueJobs(actor: Actor): Promise<Partial<Record<ValueJobKind, ValueJobView>>> {
  assertCan(actor, "value:read");
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    SELECT DISTINCT ON (kind) id FROM value_job ORDER BY kind, id DESC`;
  const jobs = await db.valueJob.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
  return Object.fromEntries(jobs.map((j) => [j.kind, view(j)]));
}

/** At process start: jobs a dead process left running can never finish. */
export async function failInterruptedJobs(): Promise<number> {
  const r = await db.valueJob.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] }, createdAt: { lt: new Date(Date.now() - 60_000) } },
    data: { status: "FAILED", step: "interrupted", finishedAt: new Date(), error: "interrupted by a restart" },
  });
  return r.count;
}

/**
 * The nightly run (and the first run on a fresh database): train the churn model when there is
 * none, it is a week old or it was trained on another feature list, rescore everyone, refresh dynamic segments. Idempotent per day:
 * nothing happens when a RESCORE already started today (Asia/Shanghai) after 02:00.
 */
export async function runNightlyIfDue(now = new Date()): Promise<boolean> {
  const sh = new Date(now.getTime() + 8 * 3600_000);
  const dayStart = new Date(Date.UTC(sh.getUTCFullYear(), sh.getUTCMonth(), sh.getUTCDate()) - 8 * 3600_000);
  const anyScore = await db.valueJob.findFirst({ where: { kind: "RESCORE", status: "SUCCEEDED" }, select: { id: true } });
  if (anyScore && sh.getUTCHours() < 2) return false;
  const today = await db.valueJob.findFirst({ where: { kind: "RESCORE", createdAt: { gte: dayStart }, status: { not: "FAILED" } }, select: { id: true } });
  if (today) return false;
  const model = await db.churnModel.findFirst({ orderBy: { id: "desc" }, select: { trainedAt: true, featureNames: true } });
  // A model of another feature list (trained before the features changed, decision 031) is not
  // used by the rescoring: train a new one first.
  const stale = !model || model.featureNames.join(",") !== CHURN_FEATURES.join(",");
  if (stale || now.getTime() - model.trainedAt.getTime() > 7 * 86_400_000) await (await enqueueValueJob(SYSTEM_ACTOR, "CHURN_TRAIN", "nightly")).done;
  await (await enqueueValueJob(SYSTEM_ACTOR, "RESCORE", "nightly")).done;
  await (await enqueueValueJob(SYSTEM_ACTOR, "SEGMENT_REFRESH", "nightly")).done;
  return true;
}
