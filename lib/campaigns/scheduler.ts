import "server-only";
import { db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/shared/logger";
import { withdrawQueuedWork } from "@/lib/campaigns/commands";
import { failInterruptedLaunches, requestLaunch } from "@/lib/campaigns/launch";
import { refreshCampaignConversions } from "@/lib/campaigns/conversions";

// The campaign scheduler (pg-boss queue "campaign-scheduler", every minute, lib/jobs/boss.ts):
// SCHEDULED campaigns whose start has come are launched (a launch that failed waits for a person's
// "Launch now"), RUNNING and PAUSED campaigns whose end has come are completed: their queued call
// tasks cancelled and queued messages suppressed. Idempotent: each step is guarded by the status.

export async function runCampaignScheduler(now = new Date()): Promise<{ launched: number; completed: number; interrupted: number }> {
  const interrupted = await failInterruptedLaunches(now);
  const due = await db.$queryRaw<Array<{ id: number; version: number }>>`
    SELECT c.id, c.version FROM campaign c LEFT JOIN campaign_launch l ON l.campaign_id = c.id
    WHERE c.status = 'SCHEDULED' AND c.starts_at <= ${now} AND c.ends_at > ${now} AND (l.campaign_id IS NULL OR l.status = 'QUEUED')
    ORDER BY c.starts_at LIMIT 20`;
  let launched = 0;
  for (const c of due) {
    try {
      const { done } = await requestLaunch(SYSTEM_ACTOR, { id: c.id, version: c.version }, "schedule");
      await done;
      const r = await db.campaignLaunch.findUnique({ where: { campaignId: c.id }, select: { status: true } });
      if (r?.status === "SUCCEEDED") launched++;
    } catch (e) {
      logger.error("campaign.schedule_launch_failed", { id: c.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const ending = await db.campaign.findMany({ where: { status: { in: ["RUNNING", "PAUSED"] }, endsAt: { lte: now } }, select: { id: true } });
  let completed = 0;
  for (const c of ending) {
    const done = await db.$transaction(async (tx) => {
      const r = await tx.campaign.updateMany({
        where: { id: c.id, status: { in: ["RUNNING", "PAUSED"] }, endsAt: { lte: now } },
        data: { status: "COMPLETED", endedAt: now, version: { increment: 1 } },
      });
      if (r.count === 0) return false;
      const withdrawn = await withdrawQueuedWork(tx, c.id, now);
      await recordAudit(tx, SYSTEM_ACTOR, { action: "campaign.completed", entity: "campaign", entityId: c.id, data: { ...withdrawn } });
      return true;
    });
    if (done) completed++;
  }
  // The evaluation of a campaign that just ended is final at once, not at the next 5-minute pass.
  if (completed) {
    try {
      await refreshCampaignConversions(now, { campaignIds: ending.map((c) => c.id) });
    } catch (e) {
      logger.error("campaign.completion_conversions_failed", { message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { launched, completed, interrupted };
}
