import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { listSkillOptions } from "@/lib/routing/commands";
import { listOnShiftTeams } from "@/lib/routing/intake-routing";

// Reads of the routing pages: one team's agents with their skills, capacity, open load and whether
// they are on shift now; the categories' routing settings.

export interface RoutingAgent {
  userId: number;
  displayName: string;
  username: string;
  isActive: boolean;
  skills: string[];
  capacity: number;
  isAvailable: boolean;
  version: number;
  /** Open complaints they handle now (ACKNOWLEDGED, IN_PROGRESS, PENDING, HELD). */
  load: number;
  /** Active, available and their team in working time now: intake may route to them. */
  isOnShift: boolean;
}

export interface RoutingTeam {
  id: number;
  nameZh: string;
  nameEn: string;
  isWorkingNow: boolean;
  agents: RoutingAgent[];
  skillOptions: string[];
}

/** The teams whose routing the actor sets: admins every team, supervisors their own. */
export async function listRoutingTeams(actor: Actor): Promise<Array<{ id: number; nameZh: string; nameEn: string }>> {
  assertCan(actor, "routing:manage");
  if (actor.role !== "ADMIN" && actor.teamId == null) throw new ForbiddenError("routing:manage");
  return db.team.findMany({
    where: actor.role === "ADMIN" ? {} : { id: actor.teamId ?? -1 },
    orderBy: { code: "asc" },
    select: { id: true, nameZh: true, nameEn: true },
  });
}

/** One team's agents for the routing table; another team of a supervisor's is not found. */
export async function getTeamRouting(actor: Actor, teamId: number, now = new Date()): Promise<RoutingTeam> {
  assertCan(actor, "routing:manage");
  if (actor.role !== "ADMIN" && actor.teamId !== teamId) throw new NotFoundError("team");
  const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true, nameZh: true, nameEn: true } });
  if (!team) throw new NotFoundError("team");
  const [agents, onShift, skillOptions] = await Promise.all([
    db.$queryRaw<
      Array<{ id: number; display_name: string; username: string; is_active: boolean; skills: string[] | null; capacity: number | null; is_available: boolean | null; version: number | null; load: number }>
    >`
      SELECT u.id, u.display_name, u.username, u.is_active, p.skills, p.capacity, p.is_available, p.version,
             (SELECT count(*) FROM complaint c WHERE c.assignee_id = u.id AND c.status IN ('ACKNOWLEDGED', 'IN_PROGRESS', 'PENDING', 'HELD'))::int AS load
      FROM app_user u LEFT JOIN agent_profile p ON p.user_id = u.id
      WHERE u.team_id = ${teamId} AND u.role = 'AGENT'
      ORDER BY u.is_active DESC, u.display_name, u.id`,
    listOnShiftTeams(now),
    listSkillOptions(),
  ]);
  const isWorkingNow = onShift.includes(teamId);
  return {
    ...team,
    isWorkingNow,
    skillOptions,
    agents: agents.map((a) => ({
      userId: a.id,
      displayName: a.display_name,
      username: a.username,
      isActive: a.is_active,
      skills: a.skills ?? [],
      capacity: a.capacity ?? 20,
      isAvailable: a.is_available ?? true,
      version: a.version ?? 1,
      load: a.load,
      isOnShift: isWorkingNow && a.is_active && (a.is_available ?? true),
    })),
  };
}

export interface CategoryRoutingRow {
  id: number;
  code: string;
  parentId: number | null;
  nameZh: string;
  nameEn: string;
  skillTags: string[];
  autoRouteGeneral: boolean;
  routingVersion: number;
}

/** The active categories with their skills and "route general complaints" setting (admins). */
export async function listCategoryRouting(actor: Actor): Promise<CategoryRoutingRow[]> {
  assertCan(actor, "serviceStandards:manage");
  const rows = await db.complaintCategory.findMany({
    where: { isActive: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, code: true, parentId: true, nameZh: true, nameEn: true, skillTags: true, autoRouteGeneral: true, routingVersion: true },
  });
  // Parents first, each followed by its children.
  const roots = rows.filter((r) => r.parentId == null || !rows.some((p) => p.id === r.parentId));
  return roots.flatMap((r) => [r, ...rows.filter((c) => c.parentId === r.id)]);
}
