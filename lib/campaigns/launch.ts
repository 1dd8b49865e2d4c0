import "server-only";
import { allowLongStatements, db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/shared/logger";
import { AppError, ConflictError, ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { fillCallListAndOutbox } from "@/lib/campaigns/audience";
import { launchAudienceSql, type ExclusionCounts } from "@/lib/campaigns/launch-sql";
import { loadMarketingSettings } from "@/lib/marketing/settings";
import type { CampaignChannelName } from "@/lib/marketing/schemas";
import { campaignStepInput, type CampaignStatusName } from "@/lib/campaigns/schemas";
import { decideStep } from "@/lib/campaigns/workflow";
import { parseInput } from "@/lib/campaigns/commands";
import { materializeSegment } from "@/lib/segments/refresh";

// Launch (issue 22, docs/campaigns.md "Planning, approval and launch"): the audience snapshot, the
// exclusions by reason, the control draw, the members, the call list and the outbox — in ONE
// transaction, set-based, so a failure leaves the campaign SCHEDULED with nothing written. It runs as a
// background job whose progress is the campaign_launch row (written outside the transaction, so the
// page sees the steps while the snapshot is built).

export type LaunchStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
export interface LaunchView {
  campaignId: number;
  status: LaunchStatus;
  progress: number;
  step: string | null;
  error: string | null;
  stats: LaunchStats | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}
export interface LaunchStats {
  ms: number;
  audience: number;
  control: number;
  excluded: number;
  calls: number;
  messages: number;
}
export type { ExclusionCounts };

function view(r: {
  campaignId: number;
  status: string;
  progress: number;
  step: string | null;
  error: string | null;
  stats: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}): LaunchView {
  return { ...r, status: r.status as LaunchStatus, stats: (r.stats as LaunchStats | null) ?? null };
}

type Progress = (progress: number, step: string) => Promise<void>;

/**
 * Launches a SCHEDULED campaign whose start has come, in one transaction. `actor` is the manager who
 * asked (campaign:manage) or SYSTEM_ACTOR (the scheduler, the demo seed). Throws and writes nothing
 * when anything fails.
 */
export async function launchCampaign(
  actor: Actor,
  campaignId: number,
  opts: { now?: Date; onProgress?: Progress; expectedVersion?: number } = {},
): Promise<LaunchStats & { exclusions: ExclusionCounts }> {
  if (actor !== SYSTEM_ACTOR) assertCan(actor, "campaign:manage");
  const now = opts.now ?? new Date();
  const progress: Progress = opts.onProgress ?? (async () => {});
  const t0 = performance.now();
  const settings = await loadMarketingSettings();
  return db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "job");
      const [row] = await tx.$queryRaw<Array<{ status: CampaignStatusName; version: number; created_by_id: number; starts_at: Date; ends_at: Date }>>`
        SELECT status, version, created_by_id, starts_at, ends_at FROM campaign WHERE id = ${campaignId} FOR UPDATE`;
      if (!row) throw new NotFoundError("campaign");
      if (opts.expectedVersion !== undefined && row.version !== opts.expectedVersion) throw new ConflictError();
      const decision = decideStep(
        "launch",
        { status: row.status, createdById: row.created_by_id, startsAt: row.starts_at, endsAt: row.ends_at },
        actor === SYSTEM_ACTOR ? null : { id: actor.id, can: (p) => can(actor, p) },
        now,
      );
      if (!decision.ok) throw decision.error === "forbidden" ? new ForbiddenError() : new AppError(decision.error);
      const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      const segment = await tx.segment.findUnique({ where: { id: campaign.segmentId }, select: { kind: true, definition: true } });
      if (!segment) throw new AppError("campaign.segmentMissing");

      // A dynamic audience re-evaluates the segment's rules now; a static one takes its members as they are.
      await progress(10, "segment");
      if (campaign.audienceMode === "DYNAMIC" && segment.kind === "DYNAMIC" && segment.definition !== null) {
        await materializeSegment(tx, campaign.segmentId, segment.definition, now);
      }

      await progress(35, "audience");
      const forAudience = { ...campaign, channels: campaign.channels as CampaignChannelName[], offerMode: campaign.offerMode };
      const [counts] = await tx.$queryRaw<Array<{ audience: number; control: number; exclusions: ExclusionCounts }>>(
        launchAudienceSql(forAudience, settings, now),
      );

      await progress(70, "callList");
      const filled = await fillCallListAndOutbox(tx, forAudience, Prisma.sql`true`, now);

      await progress(90, "finishing");
      await tx.campaign.update({
        where: { id: campaignId },
        data: {
          status: "RUNNING",
          launchedAt: now,
          audienceSize: counts.audience,
          controlSize: counts.control,
          exclusions: counts.exclusions as Prisma.InputJsonObject,
          version: { increment: 1 },
        },
      });
      const excluded = Object.values(counts.exclusions).reduce<number>((a, b) => a + (b ?? 0), 0);
      await recordAudit(tx, actor, {
        action: "campaign.launched",
        entity: "campaign",
        entityId: campaignId,
        data: { audience: counts.audience, control: counts.control, excluded, calls: filled.calls, messages: filled.messages },
      });
      return {
        ms: Math.round(performance.now() - t0),
        audience: counts.audience,
        control: counts.control,
        excluded,
        calls: filled.calls,
        messages: filled.messages,
        exclusions: counts.exclusions,
      };
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}

/**
 * "Launch now" (and the scheduler): queues the launch of a scheduled campaign whose start has come
 * and runs it in the background; a launch already queued or running is joined. `done` settles when
 * the work ends (requests ignore it; tests await it).
 */
export async function requestLaunch(actor: Actor, raw: unknown, trigger = "manual"): Promise<{ launch: LaunchView; done: Promise<void> }> {
  if (actor !== SYSTEM_ACTOR) assertCan(actor, "campaign:manage");
  const { id, version } = parseInput(campaignStepInput, raw);
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ status: CampaignStatusName; version: number; created_by_id: number; starts_at: Date; ends_at: Date }>>`
      SELECT status, version, created_by_id, starts_at, ends_at FROM campaign WHERE id = ${id} FOR UPDATE`;
    if (!row) throw new NotFoundError("campaign");
    const existing = await tx.campaignLaunch.findUnique({ where: { campaignId: id } });
    if (existing && (existing.status === "QUEUED" || existing.status === "RUNNING")) return { launch: view(existing), start: false };
    if (row.version !== version) throw new ConflictError();
    const decision = decideStep(
      "launch",
      { status: row.status, createdById: row.created_by_id, startsAt: row.starts_at, endsAt: row.ends_at },
      actor === SYSTEM_ACTOR ? null : { id: actor.id, can: (p) => can(actor, p) },
      now,
    );
    if (!decision.ok) throw decision.error === "forbidden" ? new ForbiddenError() : new AppError(decision.error);
    const fresh = {
      status: "QUEUED" as const,
      progress: 0,
      step: null,
      error: null,
      stats: Prisma.DbNull,
      trigger,
      requestedById: actor.id > 0 ? actor.id : null,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
    };
    const launch = await tx.campaignLaunch.upsert({ where: { campaignId: id }, create: { campaignId: id, ...fresh }, update: fresh });
    await recordAudit(tx, actor, { action: "campaign.launchRequested", entity: "campaign", entityId: id, data: { trigger } });
    return { launch: view(launch), start: true };
  });
  const done = result.start ? runLaunchJob(id, actor) : waitForLaunch(id);
  return { launch: result.launch, done };
}

async function waitForLaunch(id: number): Promise<void> {
  for (;;) {
    const j = await db.campaignLaunch.findUnique({ where: { campaignId: id }, select: { status: true } });
    if (!j || j.status === "SUCCEEDED" || j.status === "FAILED") return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Claims a queued launch and runs it; never throws (a failure lands on the row and in the audit). */
export async function runLaunchJob(id: number, actor: Actor): Promise<void> {
  const claimed = await db.campaignLaunch.updateMany({
    where: { campaignId: id, status: "QUEUED" },
    data: { status: "RUNNING", startedAt: new Date(), progress: 1, step: "starting" },
  });
  if (claimed.count === 0) return;
  const onProgress: Progress = async (progress, step) => {
    await db.campaignLaunch.update({ where: { campaignId: id }, data: { progress, step } });
  };
  try {
    const r = await launchCampaign(actor, id, { onProgress });
    const stats: LaunchStats = { ms: r.ms, audience: r.audience, control: r.control, excluded: r.excluded, calls: r.calls, messages: r.messages };
    await db.campaignLaunch.update({
      where: { campaignId: id },
      data: { status: "SUCCEEDED", progress: 100, step: "done", finishedAt: new Date(), stats: { ...stats } },
    });
  } catch (e) {
    const code = e instanceof AppError ? e.code : "generic";
    logger.error("campaign.launch_failed", { id, code, message: e instanceof Error ? e.message.slice(0, 500) : String(e) });
    await db
      .$transaction(async (tx) => {
        await tx.campaignLaunch.update({ where: { campaignId: id }, data: { status: "FAILED", step: "failed", finishedAt: new Date(), error: code } });
        await recordAudit(tx, actor, { action: "campaign.launchFailed", entity: "campaign", entityId: id, data: { reason: code } });
      })
      .catch(() => {});
  }
}

/** The launch row of a campaign (the page polls it while a launch runs). */
export async function getLaunch(actor: Actor, campaignId: number): Promise<LaunchView | null> {
  assertCan(actor, "campaign:read");
  const exists = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
  if (!exists) throw new NotFoundError("campaign");
  const r = await db.campaignLaunch.findUnique({ where: { campaignId } });
  return r ? view(r) : null;
}

/** Launches a process died in the middle of can never finish (their transaction rolled back). */
export async function failInterruptedLaunches(now = new Date()): Promise<number> {
  const r = await db.campaignLaunch.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] }, createdAt: { lt: new Date(now.getTime() - 15 * 60_000) } },
    data: { status: "FAILED", step: "interrupted", finishedAt: now, error: "campaign.launchInterrupted" },
  });
  return r.count;
}

/** "Launch now" for a person: queues the launch and answers at once (the page polls its progress). */
export async function startCampaignLaunch(actor: Actor, raw: unknown): Promise<LaunchView> {
  assertCan(actor, "campaign:manage");
  return (await requestLaunch(actor, raw)).launch;
}
