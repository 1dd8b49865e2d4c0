import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listCustomerName } from "@/lib/pii/mask";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import type { AutomationPurposeName, AutomationActionName, AutomationStatusName, AutomationTriggerName, RuleConditions, RuleSimulation } from "@/lib/automation/schemas";
import { definitionKey, parseStoredRule } from "@/lib/automation/definition";

// Reads of automation rules: managers (automation:manage) and every role that reads campaigns
// (campaign:read: supervisors, admins) see the rules, their runs and their firings.

function assertCanRead(actor: Actor, purpose: AutomationPurposeName = "MARKETING"): void {
  // Care rules (issue 23): the admins who configure care read them.
  if (purpose === "CARE") {
    if (!can(actor, "care:configure")) throw new ForbiddenError("care:configure");
    return;
  }
  if (!can(actor, "automation:manage") && !can(actor, "campaign:read")) throw new ForbiddenError("campaign:read");
}

export interface RuleListRow {
  id: number;
  name: string;
  status: AutomationStatusName;
  trigger: AutomationTriggerName;
  triggerParam: number;
  action: AutomationActionName;
  lastRunAt: Date | null;
  firedCount: number;
}

/** Rules, newest first, keyset-paginated by id; archived ones only when asked for. */
export async function listRules(
  actor: Actor,
  input: { beforeId?: number; limit?: number; archived?: boolean; purpose?: AutomationPurposeName } = {},
): Promise<{ rows: RuleListRow[]; nextBeforeId: number | null }> {
  const purpose = input.purpose ?? "MARKETING";
  assertCanRead(actor, purpose);
  const limit = input.limit ?? 50;
  const rows = await db.automationRule.findMany({
    where: { purpose, ...(input.beforeId ? { id: { lt: input.beforeId } } : {}), status: input.archived ? "ARCHIVED" : { not: "ARCHIVED" } },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: { id: true, name: true, status: true, trigger: true, triggerParam: true, action: true, lastRunAt: true, firedCount: true },
  });
  const page = rows.slice(0, limit);
  return { rows: page, nextBeforeId: rows.length > limit ? page[page.length - 1].id : null };
}

export interface RuleDetail {
  id: number;
  name: string;
  status: AutomationStatusName;
  trigger: AutomationTriggerName;
  triggerParam: number;
  conditions: RuleConditions;
  action: AutomationActionName;
  actionParams: Record<string, unknown>;
  version: number;
  lastRunAt: Date | null;
  firedCount: number;
  createdAt: Date;
  createdBy: string;
  simulation: RuleSimulation | null;
  /** The simulation is of the current definition (activation needs one). */
  simulationCurrent: boolean;
  /** Names of what the definition refers to. */
  segmentName: string | null;
  team: { nameZh: string; nameEn: string } | null;
  campaign: { name: string; status: string } | null;
  /** Firings by outcome: acted, and each skip reason. */
  outcomes: Array<{ reason: string | null; n: number }>;
}

export async function getRule(actor: Actor, id: number, purpose: AutomationPurposeName = "MARKETING"): Promise<RuleDetail> {
  assertCanRead(actor, purpose);
  const r = await db.automationRule.findFirst({ where: { id, purpose } });
  if (!r) throw new NotFoundError("automation_rule");
  const def = parseStoredRule(r);
  const params = (r.actionParams ?? {}) as Record<string, unknown>;
  const conditions: RuleConditions = def?.conditions ?? { tiers: [] };
  const [creator, segment, team, campaign, outcomes] = await Promise.all([
    db.user.findUnique({ where: { id: r.createdById }, select: { displayName: true } }),
    conditions.segmentId ? db.segment.findUnique({ where: { id: conditions.segmentId }, select: { name: true } }) : null,
    (r.action === "CALL_TASK" || r.action === "CARE_TASK") && typeof params.teamId === "number"
      ? db.team.findUnique({ where: { id: params.teamId }, select: { nameZh: true, nameEn: true } })
      : null,
    r.action === "ENROL_CAMPAIGN" && typeof params.campaignId === "number"
      ? db.campaign.findUnique({ where: { id: params.campaignId }, select: { name: true, status: true } })
      : null,
    db.$queryRaw<Array<{ reason: string | null; n: number }>>`
      SELECT skipped AS reason, count(*)::int AS n FROM automation_firing WHERE rule_id = ${id} GROUP BY skipped ORDER BY skipped NULLS FIRST`,
  ]);
  const simulation = (r.lastSimulation ?? null) as RuleSimulation | null;
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    trigger: r.trigger,
    triggerParam: r.triggerParam,
    conditions,
    action: r.action,
    actionParams: params,
    version: r.version,
    lastRunAt: r.lastRunAt,
    firedCount: r.firedCount,
    createdAt: r.createdAt,
    createdBy: creator?.displayName ?? "",
    simulation,
    simulationCurrent: !!simulation && !!def && simulation.definitionKey === definitionKey(def),
    segmentName: segment?.name ?? null,
    team,
    campaign: campaign ? { name: campaign.name, status: campaign.status } : null,
    outcomes,
  };
}

export interface FiringRow {
  id: string;
  customerId: number;
  customerNo: string;
  name: string;
  eventKey: string;
  firedAt: Date;
  skipped: string | null;
}

/** The rule's firings, newest first, keyset-paginated by id; names as lists show them (masked). */
export async function listRuleFirings(
  actor: Actor,
  ruleId: number,
  input: { beforeId?: bigint; limit?: number; purpose?: AutomationPurposeName } = {},
): Promise<{ rows: FiringRow[]; nextBeforeId: string | null }> {
  const purpose = input.purpose ?? "MARKETING";
  assertCanRead(actor, purpose);
  const limit = input.limit ?? 25;
  const rows = await db.$queryRaw<
    Array<{ id: bigint; customer_id: number; customer_no: string; name: string; type: string; event_key: string; fired_at: Date; skipped: string | null }>
  >`
    SELECT f.id, f.customer_id, c.customer_no, c.name, c.type::text AS type, f.event_key, f.fired_at, f.skipped
    FROM automation_firing f JOIN customer c ON c.id = f.customer_id
    WHERE f.rule_id = ${ruleId} AND f.rule_id IN (SELECT id FROM automation_rule WHERE purpose = ${purpose}::"AutomationPurpose") AND f.id < ${input.beforeId ?? BigInt("9223372036854775807")}
    ORDER BY f.id DESC LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit).map((r) => ({
    id: String(r.id),
    customerId: r.customer_id,
    customerNo: r.customer_no,
    name: listCustomerName(actor, r.name, r.type),
    eventKey: r.event_key,
    firedAt: r.fired_at,
    skipped: r.skipped,
  }));
  return { rows: page, nextBeforeId: rows.length > limit ? page[page.length - 1].id : null };
}

export interface RuleFormOptions {
  teams: Array<{ id: number; nameZh: string; nameEn: string }>;
  segments: Array<{ id: number; name: string }>;
  campaigns: Array<{ id: number; name: string; status: string }>;
}

/** What the rule form offers: teams, segments, and campaigns that run (or may still run). */
export async function getRuleFormOptions(actor: Actor, purpose: AutomationPurposeName = "MARKETING"): Promise<RuleFormOptions> {
  const permission = purpose === "CARE" ? "care:configure" : "automation:manage";
  if (!can(actor, permission)) throw new ForbiddenError(permission);
  const [teams, segments, campaigns] = await Promise.all([
    db.team.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: { id: "asc" } }),
    db.segment.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.campaign.findMany({
      where: { status: { in: ["APPROVED", "SCHEDULED", "RUNNING", "PAUSED"] } },
      select: { id: true, name: true, status: true },
      orderBy: { id: "desc" },
      take: 200,
    }),
  ]);
  return { teams, segments, campaigns };
}
