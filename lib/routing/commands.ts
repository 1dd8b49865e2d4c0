import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { recordRevision } from "@/lib/config/revisions";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { agentProfileInput, categoryRoutingInput, MAX_CAPACITY } from "@/lib/routing/schemas";

// Routing settings: an agent's skills, capacity and availability (supervisors for their own team's
// agents, admins for everyone), and a category's "route general complaints automatically" (admins).
// Each change checks a version, records the whole new state as a revision (lib/config/revisions.ts)
// and writes its audit row in the same transaction. The restorers put an earlier revision back for
// the history viewer (restoring is a new version).

export interface AgentProfileState {
  skills: string[];
  capacity: number;
  isAvailable: boolean;
}

const stateOf = (p: { skills: string[]; capacity: number; isAvailable: boolean }): AgentProfileState => ({
  skills: [...p.skills],
  capacity: p.capacity,
  isAvailable: p.isAvailable,
});

/** The skills an agent may be given: the skill tags of the active categories. */
export async function listSkillOptions(tx: Tx = db): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ skill: string }>>`
    SELECT DISTINCT unnest(skill_tags) AS skill FROM complaint_category WHERE is_active ORDER BY 1`;
  return rows.map((r) => r.skill);
}

/** The agent as the actor may see them: admins everyone, supervisors their own team (else not found). */
async function agentInScope(tx: Tx, actor: Actor, userId: number) {
  const agent = await tx.user.findFirst({
    where: { id: userId, role: "AGENT", ...(actor.role === "ADMIN" ? {} : { teamId: actor.teamId ?? -1 }) },
    select: { id: true, username: true },
  });
  if (!agent) throw new NotFoundError("agent");
  return agent;
}

async function applyAgentProfile(tx: Tx, actor: Actor, userId: number, expectedVersion: number | null, next: AgentProfileState, action: string) {
  // The trigger of migration 20261207087000000 gives every agent a row; a user made an agent
  // before it existed may lack one.
  const row =
    (await tx.agentProfile.findUnique({ where: { userId } })) ?? (await tx.agentProfile.create({ data: { userId } }));
  if (expectedVersion !== null && row.version !== expectedVersion) throw new ConflictError();
  const n = await tx.agentProfile.updateMany({
    where: { userId, version: row.version },
    data: { ...next, version: { increment: 1 } },
  });
  if (n.count === 0) throw new ConflictError();
  const before = stateOf(row);
  await recordRevision(tx, actor, { entity: "agentProfile", entityKey: String(userId), version: row.version + 1, before: { ...before }, after: { ...next } });
  await recordAudit(tx, actor, { action, entity: "agentProfile", entityId: userId, data: { from: { ...before }, to: { ...next } } });
}

/** Sets an agent's skills (from the categories' tags), capacity and availability. */
export async function updateAgentProfile(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "routing:manage");
  const input = agentProfileInput.parse(raw);
  await db.$transaction(async (tx) => {
    await agentInScope(tx, actor, input.userId);
    const known = new Set(await listSkillOptions(tx));
    const skills = [...new Set(input.skills)].sort();
    if (skills.some((s) => !known.has(s))) throw new ValidationError({ skills: "unknownSkill" });
    await applyAgentProfile(tx, actor, input.userId, input.version, { skills, capacity: input.capacity, isAvailable: input.isAvailable }, "agentProfile.updated");
  });
}

/** The history viewer's restorer for entity "agentProfile" (key: the user id). */
export async function restoreAgentProfile(tx: Tx, actor: Actor, entityKey: string, data: unknown): Promise<void> {
  assertCan(actor, "routing:manage");
  const userId = Number(entityKey);
  if (!Number.isInteger(userId) || userId <= 0) throw new NotFoundError("agent");
  await agentInScope(tx, actor, userId);
  const d = (data ?? {}) as Partial<AgentProfileState>;
  const state: AgentProfileState = {
    skills: Array.isArray(d.skills) ? d.skills.filter((s): s is string => typeof s === "string") : [],
    capacity: Number.isInteger(d.capacity) ? Math.min(Math.max(d.capacity as number, 0), MAX_CAPACITY) : 20,
    isAvailable: d.isAvailable !== false,
  };
  await applyAgentProfile(tx, actor, userId, null, state, "agentProfile.restored");
}

export interface CategoryRoutingState {
  autoRouteGeneral: boolean;
}

async function applyCategoryRouting(tx: Tx, actor: Actor, where: { id: number } | { code: string }, expectedVersion: number | null, next: CategoryRoutingState, action: string) {
  const row = await tx.complaintCategory.findUnique({ where, select: { id: true, code: true, autoRouteGeneral: true, routingVersion: true } });
  if (!row) throw new NotFoundError("category");
  if (expectedVersion !== null && row.routingVersion !== expectedVersion) throw new ConflictError();
  const n = await tx.complaintCategory.updateMany({
    where: { id: row.id, routingVersion: row.routingVersion },
    data: { autoRouteGeneral: next.autoRouteGeneral, routingVersion: { increment: 1 } },
  });
  if (n.count === 0) throw new ConflictError();
  await recordRevision(tx, actor, {
    entity: "categoryRouting",
    entityKey: row.code,
    version: row.routingVersion + 1,
    before: { autoRouteGeneral: row.autoRouteGeneral },
    after: { ...next },
  });
  await recordAudit(tx, actor, { action, entity: "category", entityId: row.id, data: { code: row.code, autoRouteGeneral: next.autoRouteGeneral } });
}

/** Whether intake routes the category's general complaints too (complex and major always route). */
export async function updateCategoryRouting(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = categoryRoutingInput.parse(raw);
  await db.$transaction((tx) => applyCategoryRouting(tx, actor, { id: input.categoryId }, input.routingVersion, { autoRouteGeneral: input.autoRouteGeneral }, "category.routingUpdated"));
}

/** The history viewer's restorer for entity "categoryRouting" (key: the category code). */
export async function restoreCategoryRouting(tx: Tx, actor: Actor, entityKey: string, data: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const d = (data ?? {}) as Partial<CategoryRoutingState>;
  await applyCategoryRouting(tx, actor, { code: entityKey }, null, { autoRouteGeneral: d.autoRouteGeneral === true }, "category.routingRestored");
}
