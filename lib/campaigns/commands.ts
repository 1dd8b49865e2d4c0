import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import {
  campaignCancelInput,
  campaignPlanInput,
  campaignReasonInput,
  campaignStepInput,
  campaignUpdateInput,
  type CampaignPlanFields,
  type CampaignStatusName,
} from "@/lib/campaigns/schemas";
import { decideStep, isEditable, type CampaignStep } from "@/lib/campaigns/workflow";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { z } from "zod";

/** The input parsed, or the one validation error with its fields (what the pipeline would answer). */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationErrorFromZod(r.error);
  return r.data;
}

// Planning and the state steps of a campaign (issue 22). Every write: permission, version check,
// the workflow's decision, and its audit row in the same transaction. Launch is lib/campaigns/launch.ts.

/** The references a plan names must exist (a segment, a team, an active offer, plans). */
async function checkReferences(tx: Tx, p: CampaignPlanFields): Promise<void> {
  const fields: Record<string, string> = {};
  const [segment, team, offer, plans] = await Promise.all([
    tx.segment.findUnique({ where: { id: p.segmentId }, select: { id: true } }),
    p.callTeamId == null ? null : tx.team.findUnique({ where: { id: p.callTeamId }, select: { id: true } }),
    p.offerRuleId == null ? null : tx.offerRule.findFirst({ where: { id: p.offerRuleId, isActive: true }, select: { id: true } }),
    p.successPlanIds.length ? tx.plan.count({ where: { id: { in: p.successPlanIds } } }) : 0,
  ]);
  if (!segment) fields.segmentId = "invalidOption";
  if (p.callTeamId != null && !team) fields.callTeamId = "invalidOption";
  if (p.offerRuleId != null && !offer) fields.offerRuleId = "invalidOption";
  if (plans !== new Set(p.successPlanIds).size) fields.successPlanIds = "invalidOption";
  if (Object.keys(fields).length) throw new ValidationError(fields);
}

function planData(p: CampaignPlanFields) {
  return {
    name: p.name,
    objective: p.objective,
    segmentId: p.segmentId,
    audienceMode: p.audienceMode,
    channels: p.channels,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    budget: new Prisma.Decimal(p.budget.toFixed(2)),
    channelCosts: p.channelCosts,
    offerMode: p.offerMode,
    // An offer only when the plan gives one from the catalogue.
    offerRuleId: p.offerMode === "FIXED" ? p.offerRuleId : null,
    scriptZh: p.scriptZh,
    scriptEn: p.scriptEn,
    messageZh: p.messageZh,
    messageEn: p.messageEn,
    emailSubjectZh: p.emailSubjectZh,
    emailSubjectEn: p.emailSubjectEn,
    controlShare: p.controlShare,
    seed: p.seed,
    successKinds: p.successKinds,
    successWindowDays: p.successWindowDays,
    successPlanIds: [...new Set(p.successPlanIds)],
    spendIncreasePct: p.spendIncreasePct,
    callTeamId: p.channels.includes("OUTBOUND_CALL") ? p.callTeamId : null,
    callSkill: p.channels.includes("OUTBOUND_CALL") ? p.callSkill : null,
  };
}

export async function createCampaign(actor: Actor, raw: unknown): Promise<{ id: number }> {
  assertCan(actor, "campaign:manage");
  const input = parseInput(campaignPlanInput, raw);
  return db.$transaction(async (tx) => {
    await checkReferences(tx, input);
    const c = await tx.campaign.create({ data: { ...planData(input), createdById: actor.id }, select: { id: true } });
    await recordAudit(tx, actor, { action: "campaign.created", entity: "campaign", entityId: c.id, data: { name: input.name, channels: input.channels } });
    return { id: c.id };
  });
}

/** Edits a draft's plan (version-checked). */
export async function updateCampaign(actor: Actor, raw: unknown): Promise<{ id: number; version: number }> {
  assertCan(actor, "campaign:manage");
  const { id, version, ...input } = parseInput(campaignUpdateInput, raw);
  return db.$transaction(async (tx) => {
    const current = await tx.campaign.findUnique({ where: { id }, select: { status: true, version: true } });
    if (!current) throw new NotFoundError("campaign");
    if (current.version !== version) throw new ConflictError();
    if (!isEditable(current.status)) throw new AppError("campaign.notEditable");
    await checkReferences(tx, input);
    const r = await tx.campaign.updateMany({ where: { id, version, status: "DRAFT" }, data: { ...planData(input), version: { increment: 1 } } });
    if (r.count !== 1) throw new ConflictError();
    await recordAudit(tx, actor, { action: "campaign.updated", entity: "campaign", entityId: id, data: { name: input.name } });
    return { id, version: version + 1 };
  });
}

/**
 * Takes one state step for a person: loads the campaign under a row lock, checks its version and the
 * workflow's decision, writes the new status and what comes with it, and the audit row.
 */
async function step(
  actor: Actor,
  stepName: Exclude<CampaignStep, "launch" | "complete">,
  id: number,
  version: number,
  reason: string | null,
  audit: (tx: Tx, data: Prisma.InputJsonObject) => Promise<void>,
) {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ status: CampaignStatusName; version: number; created_by_id: number; starts_at: Date; ends_at: Date }>>`
      SELECT status, version, created_by_id, starts_at, ends_at FROM campaign WHERE id = ${id} FOR UPDATE`;
    if (!row) throw new NotFoundError("campaign");
    const decision = decideStep(
      stepName,
      { status: row.status, createdById: row.created_by_id, startsAt: row.starts_at, endsAt: row.ends_at },
      { id: actor.id, can: (p) => can(actor, p) },
      new Date(),
    );
    if (!decision.ok && decision.error === "forbidden") throw new ForbiddenError();
    if (row.version !== version) throw new ConflictError();
    if (!decision.ok) throw new AppError(decision.error);
    const now = new Date();
    const data: Prisma.CampaignUpdateManyMutationInput & { approvedById?: number | null } = { status: decision.to, version: { increment: 1 } };
    if (stepName === "submit") data.submittedAt = now;
    if (stepName === "approve") Object.assign(data, { approvedById: actor.id, approvedAt: now });
    if (stepName === "reject") Object.assign(data, { submittedAt: null, approvedById: null, approvedAt: null });
    if (stepName === "pause") data.pausedAt = now;
    if (stepName === "resume") data.pausedAt = null;
    if (stepName === "cancel") data.endedAt = now;
    await tx.campaign.update({ where: { id }, data });
    let withdrawn = { calls: 0, messages: 0 };
    if (stepName === "cancel" && (row.status === "RUNNING" || row.status === "PAUSED")) withdrawn = await withdrawQueuedWork(tx, id, now);
    await audit(tx, { from: row.status, to: decision.to, ...(reason ? { reason } : {}), ...(stepName === "cancel" ? withdrawn : {}) });
    return { id, version: version + 1, status: decision.to };
  });
}

/**
 * At the end of a campaign (completed or cancelled): its queued call tasks are cancelled and its
 * queued messages suppressed, set-based. Calls in progress and messages already sent stay as they are.
 */
export async function withdrawQueuedWork(tx: Tx, campaignId: number, now: Date): Promise<{ calls: number; messages: number }> {
  const calls = await tx.$executeRaw`
    UPDATE call_task SET status = 'CANCELLED', done_at = ${now}, version = version + 1 WHERE campaign_id = ${campaignId} AND status = 'QUEUED'`;
  const messages = await tx.$executeRaw`
    UPDATE outbound_message SET status = 'SUPPRESSED', last_error = 'campaign ended' WHERE campaign_id = ${campaignId} AND status = 'QUEUED'`;
  return { calls, messages };
}

export async function submitCampaign(actor: Actor, raw: unknown) {
  assertCan(actor, "campaign:manage");
  const { id, version } = parseInput(campaignStepInput, raw);
  return step(actor, "submit", id, version, null, (tx, data) =>
    recordAudit(tx, actor, { action: "campaign.submitted", entity: "campaign", entityId: id, data }),
  );
}

/** Approval by a manager other than the author ("campaign.ownApproval" for the author). */
export async function approveCampaign(actor: Actor, raw: unknown) {
  assertCan(actor, "campaign:approve");
  const { id, version } = parseInput(campaignStepInput, raw);
  return step(actor, "approve", id, version, null, (tx, data) =>
    recordAudit(tx, actor, { action: "campaign.approved", entity: "campaign", entityId: id, data }),
  );
}

/** Back to draft with a reason, by the approving manager. */
export async function rejectCampaign(actor: Actor, raw: unknown) {
  assertCan(actor, "campaign:approve");
  const { id, version, reason } = parseInput(campaignReasonInput, raw);
  return step(actor, "reject", id, version, reason, (tx, data) =>
    recordAudit(tx, actor, { action: "campaign.rejected", entity: "campaign", entityId: id, data }),
  );
}

/** An approved campaign waits for its start (the scheduler launches it then). */
export async function scheduleCampaign(actor: Actor, raw: unknown) {
  assertCan(actor, "campaign:manage");
  const { id, version } = parseInput(campaignStepInput, raw);
  return step(actor, "schedule", id, version, null, (tx, data) =>
    recordAudit(tx, actor, { action: "campaign.scheduled", entity: "campaign", entityId: id, data }),
  );
}

/** Pausing only changes the status: the call list and the dispatcher serve RUNNING campaigns only. */
export async function pauseCampaign(actor: Actor, raw: unknown) {
  assertCan(actor, "campaign:manage");
  const { id, version } = parseInput(campaignStepInput, raw);
  return step(actor, "pause", id, version, null, (tx, data) => recordAudit(tx, actor, { action: "campaign.paused", entity: "campaign", entityId: id, data }));
}

export async function resumeCampaign(actor: Actor, raw: unknown) {
  assertCan(actor, "campaign:manage");
  const { id, version } = parseInput(campaignStepInput, raw);
  return step(actor, "resume", id, version, null, (tx, data) => recordAudit(tx, actor, { action: "campaign.resumed", entity: "campaign", entityId: id, data }));
}

/** Cancels from any state that is not final; a running or paused campaign's queued work is withdrawn. */
export async function cancelCampaign(actor: Actor, raw: unknown) {
  assertCan(actor, "campaign:manage");
  const { id, version, reason } = parseInput(campaignCancelInput, raw);
  return step(actor, "cancel", id, version, reason || null, (tx, data) =>
    recordAudit(tx, actor, { action: "campaign.cancelled", entity: "campaign", entityId: id, data }),
  );
}
