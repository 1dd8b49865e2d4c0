import "server-only";
import { db, allowLongStatements, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { loadMarketingSettings } from "@/lib/marketing/settings";
import type { CampaignChannelName } from "@/lib/marketing/schemas";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import type { z } from "zod";
import { simulationSql, toSimulation, type SimulationRow } from "@/lib/automation/simulation";
import {
  PURPOSE_ACTIONS,
  type AutomationPurposeName,
  type CareTaskParams,
  createRuleInput,
  ruleRef,
  updateRuleInput,
  type CallTaskParams,
  type CreateRuleInput,
  type EnrolParams,
  type RuleDefinition,
  type RuleRef,
  type RuleSimulation,
  type UpdateRuleInput,
} from "@/lib/automation/schemas";
import { runRule, type RulePass } from "@/lib/automation/run";
import { definitionKey, parseStoredRule } from "@/lib/automation/definition";

// Automation rules (issue 22): create and edit (draft or paused), simulate, activate, pause,
// archive, run now. Managers (automation:manage); every change version-checked and audited in its
// transaction. A rule is activated only after a simulation of its current definition: the person
// who switches it on has seen how many customers it would have reached in the last 30 days.

const EDITABLE = ["DRAFT", "PAUSED"] as const;

/**
 * Who manages a rule of each purpose (issue 23): managers the marketing rules, admins the care
 * rules. A rule of the other purpose is not found (the marketing actions never touch a care rule).
 */
export const PURPOSE_PERMISSION = { MARKETING: "automation:manage", CARE: "care:configure" } as const;

/** Parses a lib input; a bad one is the one validation error with its fields (as through the pipeline). */
function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationErrorFromZod(r.error);
  return r.data;
}

/** The references a definition names exist: the call team, a campaign that may still run, the segment. */
async function checkReferences(tx: Tx, def: RuleDefinition, purpose: AutomationPurposeName): Promise<void> {
  const fields: Record<string, string> = {};
  if (!PURPOSE_ACTIONS[purpose].includes(def.action)) throw new ValidationError({ action: "invalidOption" });
  if (
    (def.action === "CALL_TASK" || def.action === "CARE_TASK") &&
    !(await tx.team.findUnique({ where: { id: (def.actionParams as CallTaskParams | CareTaskParams).teamId }, select: { id: true } }))
  )
    fields["actionParams.teamId"] = "unknownTeam";
  if (def.action === "ENROL_CAMPAIGN") {
    const c = await tx.campaign.findUnique({ where: { id: (def.actionParams as EnrolParams).campaignId }, select: { status: true } });
    if (!c || c.status === "COMPLETED" || c.status === "CANCELLED") fields["actionParams.campaignId"] = "automationCampaignNotRunning";
  }
  if (def.conditions.segmentId && !(await tx.segment.findUnique({ where: { id: def.conditions.segmentId }, select: { id: true } })))
    fields["conditions.segmentId"] = "invalidOption";
  if (Object.keys(fields).length) throw new ValidationError(fields);
}

function definitionData(def: RuleDefinition) {
  return {
    name: def.name,
    trigger: def.trigger,
    triggerParam: def.triggerParam,
    conditions: { segmentId: def.conditions.segmentId ?? null, tiers: def.conditions.tiers, consent: true } as Prisma.InputJsonValue,
    action: def.action,
    actionParams: def.actionParams as Prisma.InputJsonValue,
  };
}

async function createRuleFor(actor: Actor, raw: CreateRuleInput, purpose: AutomationPurposeName): Promise<{ id: number }> {
  assertCan(actor, PURPOSE_PERMISSION[purpose]);
  const def = parse(createRuleInput, raw);
  return db.$transaction(async (tx) => {
    await checkReferences(tx, def, purpose);
    const r = await tx.automationRule.create({ data: { ...definitionData(def), purpose, createdById: actor.id }, select: { id: true } });
    await recordAudit(tx, actor, {
      action: "automation.created",
      entity: "automation_rule",
      entityId: r.id,
      data: { name: def.name, trigger: def.trigger, action: def.action, ...(purpose === "CARE" ? { purpose } : {}) },
    });
    return { id: r.id };
  });
}

export const createRule = (actor: Actor, raw: CreateRuleInput) => createRuleFor(actor, raw, "MARKETING");
/** A care rule (admins, care:configure; docs/care.md "Care rules"). */
export const createCareRule = (actor: Actor, raw: CreateRuleInput) => createRuleFor(actor, raw, "CARE");

/** An edit of a draft or paused rule against the version it was read at; its simulation is then out of date. */
async function updateRuleFor(actor: Actor, raw: UpdateRuleInput, purpose: AutomationPurposeName): Promise<{ id: number; version: number }> {
  assertCan(actor, PURPOSE_PERMISSION[purpose]);
  const { id, version, ...def } = parse(updateRuleInput, raw);
  return db.$transaction(async (tx) => {
    const current = await tx.automationRule.findFirst({
      where: { id, purpose },
      select: { name: true, trigger: true, triggerParam: true, action: true, status: true },
    });
    if (!current) throw new NotFoundError("automation_rule");
    await checkReferences(tx, def, purpose);
    const r = await tx.automationRule.updateMany({
      where: { id, version, purpose, status: { in: [...EDITABLE] } },
      data: { ...definitionData(def), version: { increment: 1 } },
    });
    if (r.count === 0) {
      if (!(EDITABLE as readonly string[]).includes(current.status)) throw new ValidationError({ status: "automationNotEditable" }, "automation.notEditable");
      throw new ConflictError();
    }
    await recordAudit(tx, actor, {
      action: "automation.updated",
      entity: "automation_rule",
      entityId: id,
      data: {
        from: { name: current.name, trigger: current.trigger, triggerParam: current.triggerParam, action: current.action },
        to: { name: def.name, trigger: def.trigger, triggerParam: def.triggerParam, action: def.action },
      },
    });
    return { id, version: version + 1 };
  });
}

export const updateRule = (actor: Actor, raw: UpdateRuleInput) => updateRuleFor(actor, raw, "MARKETING");
export const updateCareRule = (actor: Actor, raw: UpdateRuleInput) => updateRuleFor(actor, raw, "CARE");

type Transition = "activate" | "pause" | "archive";
const FROM: Record<Transition, readonly string[]> = { activate: ["DRAFT", "PAUSED"], pause: ["ACTIVE"], archive: ["DRAFT", "ACTIVE", "PAUSED"] };
const TO = { activate: "ACTIVE", pause: "PAUSED", archive: "ARCHIVED" } as const;
const AUDIT = { activate: "automation.activated", pause: "automation.paused", archive: "automation.archived" } as const;

async function transition(actor: Actor, raw: RuleRef, step: Transition, purpose: AutomationPurposeName): Promise<{ id: number; version: number }> {
  assertCan(actor, PURPOSE_PERMISSION[purpose]);
  const { id, version } = parse(ruleRef, raw);
  return db.$transaction(async (tx) => {
    const rule = await tx.automationRule.findFirst({ where: { id, purpose } });
    if (!rule) throw new NotFoundError("automation_rule");
    if (rule.version !== version) throw new ConflictError();
    if (!FROM[step].includes(rule.status)) throw new ValidationError({ status: "automationIllegalTransition" }, "automation.illegalTransition");
    if (step === "activate") {
      const def = parseStoredRule(rule);
      if (!def) throw new ValidationError({ rule: "invalid" });
      await checkReferences(tx, def, purpose);
      const sim = rule.lastSimulation as RuleSimulation | null;
      if (!sim || sim.definitionKey !== definitionKey(def)) throw new ValidationError({ simulation: "automationSimulateFirst" }, "automation.simulateFirst");
      if (def.action === "ENROL_CAMPAIGN") {
        const c = await tx.campaign.findUnique({ where: { id: (def.actionParams as EnrolParams).campaignId }, select: { status: true } });
        if (c?.status !== "RUNNING") throw new ValidationError({ "actionParams.campaignId": "automationCampaignNotRunning" }, "automation.campaignNotRunning");
      }
    }
    const r = await tx.automationRule.updateMany({ where: { id, version }, data: { status: TO[step], version: { increment: 1 } } });
    if (r.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, { action: AUDIT[step], entity: "automation_rule", entityId: id, data: { from: rule.status, to: TO[step] } });
    return { id, version: version + 1 };
  });
}

export const activateRule = (actor: Actor, raw: RuleRef) => transition(actor, raw, "activate", "MARKETING");
export const pauseRule = (actor: Actor, raw: RuleRef) => transition(actor, raw, "pause", "MARKETING");
export const archiveRule = (actor: Actor, raw: RuleRef) => transition(actor, raw, "archive", "MARKETING");
export const activateCareRule = (actor: Actor, raw: RuleRef) => transition(actor, raw, "activate", "CARE");
export const pauseCareRule = (actor: Actor, raw: RuleRef) => transition(actor, raw, "pause", "CARE");
export const archiveCareRule = (actor: Actor, raw: RuleRef) => transition(actor, raw, "archive", "CARE");

/**
 * What the rule would have done over the last 30 days (Asia/Shanghai): its trigger evaluated for
 * each day in one statement (generate_series), kept by its conditions and by who may be contacted
 * (not churned, not on do-not-disturb, consent for the action's channel); each (customer, event)
 * counted on the first day it would have fired. Stored with the rule's version: activation needs it.
 */
async function simulateRuleFor(actor: Actor, raw: RuleRef, purpose: AutomationPurposeName): Promise<RuleSimulation> {
  assertCan(actor, PURPOSE_PERMISSION[purpose]);
  const { id, version } = parse(ruleRef, raw);
  const t0 = performance.now();
  const now = new Date();
  return db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "job");
      const rule = await tx.automationRule.findFirst({ where: { id, purpose } });
      if (!rule) throw new NotFoundError("automation_rule");
      if (rule.version !== version) throw new ConflictError();
      if (rule.status === "ARCHIVED") throw new ValidationError({ status: "automationIllegalTransition" }, "automation.illegalTransition");
      const def = parseStoredRule(rule);
      if (!def) throw new ValidationError({ rule: "invalid" });
      let campaignChannels: CampaignChannelName[] = [];
      if (def.action === "ENROL_CAMPAIGN") {
        const c = await tx.campaign.findUnique({ where: { id: (def.actionParams as EnrolParams).campaignId }, select: { channels: true } });
        campaignChannels = c?.channels ?? [];
      }
      const rows = await tx.$queryRaw<SimulationRow[]>(simulationSql(def, campaignChannels, now));
      const simulation = toSimulation(rows, def, rule.version, now, Math.round(performance.now() - t0));
      const r = await tx.automationRule.updateMany({ where: { id, version }, data: { lastSimulation: simulation as unknown as Prisma.InputJsonValue } });
      if (r.count === 0) throw new ConflictError();
      await recordAudit(tx, actor, {
        action: "automation.simulated",
        entity: "automation_rule",
        entityId: id,
        data: { customers: simulation.customers, firings: simulation.firings },
      });
      return simulation;
    },
    { timeout: 600_000 },
  );
}

export const simulateRule = (actor: Actor, raw: RuleRef) => simulateRuleFor(actor, raw, "MARKETING");
export const simulateCareRule = (actor: Actor, raw: RuleRef) => simulateRuleFor(actor, raw, "CARE");

/** "Run now": one pass of an ACTIVE rule at once (the job's pass, audited with its figures). */
async function runRuleNowFor(actor: Actor, raw: RuleRef, purpose: AutomationPurposeName): Promise<RulePass> {
  assertCan(actor, PURPOSE_PERMISSION[purpose]);
  const { id, version } = parse(ruleRef, raw);
  const rule = await db.automationRule.findFirst({ where: { id, purpose }, select: { status: true, version: true } });
  if (!rule) throw new NotFoundError("automation_rule");
  if (rule.version !== version) throw new ConflictError();
  if (rule.status !== "ACTIVE") throw new ValidationError({ status: "automationNotActive" }, "automation.notActive");
  const pass = await runRule(id, new Date(), await loadMarketingSettings(), actor);
  if (!pass) throw new ConflictError();
  return pass;
}

export const runRuleNow = (actor: Actor, raw: RuleRef) => runRuleNowFor(actor, raw, "MARKETING");
export const runCareRuleNow = (actor: Actor, raw: RuleRef) => runRuleNowFor(actor, raw, "CARE");
