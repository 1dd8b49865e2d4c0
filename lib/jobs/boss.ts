import "server-only";
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/shared/logger";
import { runSlaScan } from "@/lib/complaints/sla-scan";
import { scanCsatInvitations } from "@/lib/surveys/commands";
import { refreshRollups } from "@/lib/dashboards/rollups";
import { dispatchOutbox } from "@/lib/messaging/outbox-commands";
import { refreshCampaignConversions } from "@/lib/campaigns/conversions";
import { releaseStaleCallClaims } from "@/lib/campaigns/call-commands";
import { runCampaignScheduler } from "@/lib/campaigns/scheduler";
import { runAutomation } from "@/lib/automation/run";
import { runMonthlyGradingIfDue } from "@/lib/membership/grading";
import { failInterruptedLoyaltyJobs, previousMonth, runLoyaltyJob } from "@/lib/loyalty/jobs-commands";
import { runTrainingAssignmentScan } from "@/lib/training/scan-commands";
import { runScheduledAssessment } from "@/lib/assessment/job-commands";
import { runQaSampling } from "@/lib/quality/sampling-commands";
import { deliverDueHubEvents } from "@/lib/api/hub/delivery-commands";

// Background jobs on the same Postgres (pg-boss). Every app instance starts a worker; pg-boss's
// cron scheduling is cluster-wide (one job per minute whatever the number of instances), and the
// scan itself is idempotent under concurrency (see lib/complaints/sla-scan.ts).

/**
 * Retry behaviour of every queue. A run that fails because the database went away throws; pg-boss
 * retries it (5 s, 10 s, 20 s … up to 5 retries). When even marking it failed is impossible (the
 * database is still down), the job stays "active" until it expires: 2 minutes (pg-boss's default is
 * 15, during which a singleton queue runs nothing). The jobs are idempotent (guarded set-based
 * statements), so a retry or a second run after an expiry never notifies twice
 * (tests/integration/faults.test.ts restarts PostgreSQL under a running job).
 */
export const QUEUE_RETRY = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 } as const;

export const SLA_SCAN = "sla-scan";
/** pg-boss's schema (migration 20261207020000000_least_privilege_app_role). */
export const JOBS_SCHEMA = "crm_jobs";
const SURVEY_SCAN = "survey-invitations";
const ROLLUPS = "dashboard-rollups";
/** Campaign and rule messages (issue 22): the outbox dispatcher, every minute. */
export const OUTBOX_DISPATCH = "outbox-dispatch";
/** Campaign conversions, attribution and the evaluation's rollups (issue 22): every 5 minutes, and on demand. */
export const CAMPAIGN_CONVERSIONS = "campaign-conversions";
/** The call list (issue 22): claims held over 30 minutes go back to the queue. */
const CALL_CLAIMS = "call-claims";
/** Campaigns (issue 22): launch scheduled campaigns at their start, complete running ones at their end. */
const CAMPAIGN_SCHEDULER = "campaign-scheduler";
/** Marketing automation rules (issue 22): one pass every 10 minutes, idempotent (lib/automation/run.ts). */
export const AUTOMATION = "automation-rules";
/** Member re-grading (issue 23): the 1st of each month at 03:00; idempotent per month (lib/membership/grading.ts). */
export const MEMBER_GRADING = "member-grading";
/** Loyalty (issue 23): the month's earning (the 2nd, for the month before), expiry (daily), reconciliation (daily). */
export const LOYALTY_EARN = "loyalty-earn";
export const LOYALTY_EXPIRE = "loyalty-expire";
export const LOYALTY_RECONCILE = "loyalty-reconcile";
/** Training assignments (issue 24): attitude complaints and low QA scores, every 10 minutes; idempotent by source_key. */
export const TRAINING_ASSIGNMENTS = "training-assignments";
/** The monthly assessment (issue 24): nightly at 02:30 the current month so far, on the 1st the month before too. */
export const AGENT_ASSESSMENT = "agent-assessment";
/** QA sampling (issue 24): the rules' samples and the weekly random draw, daily at 06:00; idempotent (lib/quality/sampling-commands.ts). */
export const QA_SAMPLING = "qa-sampling";
/**
 * /hub event deliveries (issue 25): nudged right after a change commits (nudgeHubDeliveryQueue),
 * polled every second, and swept every minute. "stately": one queued and one running at most, so a
 * burst of nudges is one pass that takes everything due.
 */
export const HUB_DELIVERY = "hub-delivery";
const globalForBoss = globalThis as unknown as { __crmBoss?: Promise<PgBoss>; __crmJobsState?: JobsState };

export type JobsState = "disabled" | "starting" | "running" | "failed";

/** For /api/ready: the job runner of this process. */
export function jobsState(): JobsState {
  if (process.env.JOBS_ENABLED === "false") return "disabled";
  return globalForBoss.__crmJobsState ?? "starting";
}

export function startJobs(): Promise<PgBoss> {
  globalForBoss.__crmBoss ??= (async () => {
    globalForBoss.__crmJobsState = "starting";
    // Its tables live in crm_jobs, a schema the migrations create and the app role may create
    // tables in (pg-boss adds one per queue); the app role may not create schemas.
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, max: 2, schema: JOBS_SCHEMA, createSchema: false });
    boss.on("error", (e: Error) => logger.error("jobs.error", { message: e.message }));
    try {
      await boss.start();
    } catch (e) {
      globalForBoss.__crmJobsState = "failed";
      globalForBoss.__crmBoss = undefined;
      await boss.stop({ graceful: false }).catch(() => {});
      throw e;
    }
    const queue = async (name: string) => {
      await boss.createQueue(name, { policy: "singleton", ...QUEUE_RETRY });
      await boss.updateQueue(name, QUEUE_RETRY); // queues created by an earlier release
    };
    await queue(SLA_SCAN);
    await boss.schedule(SLA_SCAN, "* * * * *", null, { tz: "Asia/Shanghai" });
    await boss.work(SLA_SCAN, async () => {
      const r = await runSlaScan(new Date());
      if (r.warned || r.breached || r.escalated) logger.info("jobs.sla_scan", { ...r });
    });
    // Satisfaction (issue 9): CSAT invitations after resolution, then the dashboard rollups.
    for (const q of [SURVEY_SCAN, ROLLUPS]) {
      await queue(q);
      await boss.schedule(q, "* * * * *", null, { tz: "Asia/Shanghai" });
    }
    await boss.work(SURVEY_SCAN, async () => {
      const r = await scanCsatInvitations(new Date(), env().APP_BASE_URL ?? process.env.NEXTAUTH_URL ?? "");
      if (r.invited) logger.info("jobs.survey_invitations", { ...r });
    });
    await boss.work(ROLLUPS, async () => {
      const r = await refreshRollups(new Date());
      if (r.complaints || r.surveyDays) logger.info("jobs.rollups", { ...r });
    });
    await queue(OUTBOX_DISPATCH);
    await boss.schedule(OUTBOX_DISPATCH, "* * * * *", null, { tz: "Asia/Shanghai" });
    await boss.work(OUTBOX_DISPATCH, async () => {
      await dispatchOutbox(new Date());
    });
    // Campaigns (issue 22): conversions and the evaluation's rollups; a job with { campaignIds }
    // (a campaign just completed: requestCampaignConversions) evaluates those at once.
    await queue(CAMPAIGN_CONVERSIONS);
    await boss.schedule(CAMPAIGN_CONVERSIONS, "*/5 * * * *", null, { tz: "Asia/Shanghai" });
    await boss.work<{ campaignIds?: number[] } | null>(CAMPAIGN_CONVERSIONS, async ([job]) => {
      const ids = job?.data?.campaignIds;
      const r = await refreshCampaignConversions(new Date(), Array.isArray(ids) && ids.length ? { campaignIds: ids } : {});
      if (r.campaigns) logger.info("jobs.campaign_conversions", { ...r });
    });
    await queue(CALL_CLAIMS);
    await boss.schedule(CALL_CLAIMS, "* * * * *", null, { tz: "Asia/Shanghai" });
    await boss.work(CALL_CLAIMS, async () => {
      const r = await releaseStaleCallClaims(new Date());
      if (r.released) logger.info("jobs.call_claims", { ...r });
    });
    await queue(CAMPAIGN_SCHEDULER);
    await boss.schedule(CAMPAIGN_SCHEDULER, "* * * * *", null, { tz: "Asia/Shanghai" });
    await boss.work(CAMPAIGN_SCHEDULER, async () => {
      const r = await runCampaignScheduler(new Date());
      if (r.launched || r.completed || r.interrupted) logger.info("jobs.campaign_scheduler", { ...r });
    });
    // A pass may take seconds at a million subscribers: it expires after 10 minutes, not 2.
    await boss.createQueue(AUTOMATION, { policy: "singleton", ...QUEUE_RETRY, expireInSeconds: 600 });
    await boss.updateQueue(AUTOMATION, { ...QUEUE_RETRY, expireInSeconds: 600 });
    await boss.schedule(AUTOMATION, "*/10 * * * *", null, { tz: "Asia/Shanghai" });
    await boss.work(AUTOMATION, async () => {
      const r = await runAutomation(new Date());
      if (r.fired) logger.info("jobs.automation", { ...r });
    });
    // Member re-grading (issue 23): one pass over the whole base a month; it may take a minute at millions.
    await boss.createQueue(MEMBER_GRADING, { policy: "singleton", ...QUEUE_RETRY, expireInSeconds: 3600 });
    await boss.updateQueue(MEMBER_GRADING, { ...QUEUE_RETRY, expireInSeconds: 3600 });
    await boss.schedule(MEMBER_GRADING, "0 3 1 * *", null, { tz: "Asia/Shanghai" });
    await boss.work(MEMBER_GRADING, async () => {
      const job = await runMonthlyGradingIfDue(new Date());
      if (job) logger.info("jobs.member_grading", { period: job.period, status: job.status, ...(job.stats ?? {}) });
    });
    // Loyalty (issue 23): each run is one loyalty_job row per period (a month's earning runs once);
    // a run at a million subscribers takes minutes: they expire after an hour.
    const loyalty: Array<[string, string, () => unknown]> = [
      [LOYALTY_EARN, "0 3 2 * *", () => ({ kind: "EARN", month: previousMonth(new Date()) })],
      [LOYALTY_EXPIRE, "30 0 * * *", () => ({ kind: "EXPIRE" })],
      [LOYALTY_RECONCILE, "0 4 * * *", () => ({ kind: "RECONCILE" })],
    ];
    for (const [name, cron, input] of loyalty) {
      await boss.createQueue(name, { policy: "singleton", ...QUEUE_RETRY, expireInSeconds: 3600 });
      await boss.updateQueue(name, { ...QUEUE_RETRY, expireInSeconds: 3600 });
      await boss.schedule(name, cron, null, { tz: "Asia/Shanghai" });
      await boss.work(name, async () => {
        await failInterruptedLoyaltyJobs();
        const r = await runLoyaltyJob(input());
        if (r.job.status === "FAILED") throw new Error(`loyalty job ${r.job.id} failed`);
      });
    }
    // Service quality (issue 24): training assignments and the monthly assessment.
    await queue(TRAINING_ASSIGNMENTS);
    await boss.schedule(TRAINING_ASSIGNMENTS, "*/10 * * * *", null, { tz: "Asia/Shanghai" });
    await boss.work(TRAINING_ASSIGNMENTS, async () => {
      const r = await runTrainingAssignmentScan(new Date());
      if (r.attitude || r.lowQa) logger.info("jobs.training_assignments", { ...r });
    });
    await boss.createQueue(AGENT_ASSESSMENT, { policy: "singleton", ...QUEUE_RETRY, expireInSeconds: 3600 });
    await boss.updateQueue(AGENT_ASSESSMENT, { ...QUEUE_RETRY, expireInSeconds: 3600 });
    await boss.schedule(AGENT_ASSESSMENT, "30 2 * * *", null, { tz: "Asia/Shanghai" });
    await boss.work(AGENT_ASSESSMENT, async () => {
      const r = await runScheduledAssessment(new Date());
      logger.info("jobs.agent_assessment", { months: r.months.join(","), rows: r.rows, ms: r.ms });
    });
    // QA sampling (issue 24): one set-based INSERT per rule; a big week takes seconds, not minutes.
    await boss.createQueue(QA_SAMPLING, { policy: "singleton", ...QUEUE_RETRY, expireInSeconds: 600 });
    await boss.updateQueue(QA_SAMPLING, { ...QUEUE_RETRY, expireInSeconds: 600 });
    await boss.schedule(QA_SAMPLING, "0 6 * * *", null, { tz: "Asia/Shanghai" });
    await boss.work(QA_SAMPLING, async () => {
      const r = await runQaSampling(new Date());
      if (r.samples) logger.info("jobs.qa_sampling", { ...r });
    });
    // Open API events (issue 25): a pass posts every due delivery (lib/api/hub/delivery-commands.ts).
    await workHubDeliveries(boss);
    globalForBoss.__crmJobsState = "running";
    logger.info("jobs.started", { queues: [SLA_SCAN, SURVEY_SCAN, ROLLUPS, OUTBOX_DISPATCH, CAMPAIGN_CONVERSIONS, CALL_CLAIMS, CAMPAIGN_SCHEDULER, AUTOMATION, LOYALTY_EARN, LOYALTY_EXPIRE, LOYALTY_RECONCILE, MEMBER_GRADING, TRAINING_ASSIGNMENTS, AGENT_ASSESSMENT, QA_SAMPLING, HUB_DELIVERY] });
    return boss;
  })();
  return globalForBoss.__crmBoss;
}

/** The hub-delivery queue, its minute sweep and its worker (polling every second) on `boss`. */
async function workHubDeliveries(boss: PgBoss): Promise<void> {
  await boss.createQueue(HUB_DELIVERY, { policy: "stately", ...QUEUE_RETRY });
  await boss.updateQueue(HUB_DELIVERY, QUEUE_RETRY);
  await boss.schedule(HUB_DELIVERY, "* * * * *", null, { tz: "Asia/Shanghai" });
  await boss.work(HUB_DELIVERY, { pollingIntervalSeconds: 1 }, async () => {
    await deliverDueHubEvents();
  });
}

/**
 * This process's job runner with the hub-delivery queue only (scripts/bench-hub.ts measures the
 * real worker without the other queues' minute jobs running beside it). Stop it with stopJobs().
 */
export function startHubDeliveryJobsOnly(): Promise<PgBoss> {
  globalForBoss.__crmBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, max: 2, schema: JOBS_SCHEMA, createSchema: false });
    boss.on("error", (e: Error) => logger.error("jobs.error", { message: e.message }));
    await boss.start();
    await workHubDeliveries(boss);
    globalForBoss.__crmJobsState = "running";
    return boss;
  })();
  return globalForBoss.__crmBoss;
}

/**
 * Starts the jobs, and keeps trying every `retryMs` while that fails (a node that boots during a
 * database outage gets its job runner, and /api/ready turns ready, once PostgreSQL is back).
 */
export function startJobsWhenPossible(retryMs = 15_000): void {
  startJobs().catch((e: unknown) => {
    logger.error("jobs.start_failed", { message: e instanceof Error ? e.message : String(e), retryInMs: retryMs });
    setTimeout(() => startJobsWhenPossible(retryMs), retryMs).unref();
  });
}

/** Stops this process's job runner (tests, shutdown). */
export async function stopJobs(): Promise<void> {
  const pending = globalForBoss.__crmBoss;
  globalForBoss.__crmBoss = undefined;
  globalForBoss.__crmJobsState = undefined;
  if (pending) await (await pending.catch(() => null))?.stop({ graceful: false });
}

/** Queues a conversion pass for these campaigns now (a campaign completed); the 5-minute pass covers the rest. */
export async function requestCampaignConversions(campaignIds: number[]): Promise<void> {
  const boss = await startJobs();
  await boss.send(CAMPAIGN_CONVERSIONS, { campaignIds });
}

/**
 * Wakes the /hub delivery job (lib/api/hub/event-commands.ts nudgeHubDelivery): only in a process
 * that runs the job runner (it never starts one: scripts and tests call the delivery directly).
 */
export async function nudgeHubDeliveryQueue(delaySeconds = 0): Promise<void> {
  const pending = globalForBoss.__crmBoss;
  if (!pending) return;
  const boss = await pending;
  await boss.send(HUB_DELIVERY, null, delaySeconds > 0 ? { startAfter: delaySeconds } : {});
}
