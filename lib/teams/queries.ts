import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { complaintScopeSql } from "@/lib/complaints/scope";
import { NotFoundError } from "@/lib/shared/errors";

/** "At risk" as the "breaching soon" queue reads it: warning passed, or due within the hour. */
const AT_RISK_MINUTES = 60;

export interface TeamMemberLoad {
  id: number;
  displayName: string;
  role: string;
  lastLoginAt: Date | null;
  /** Open complaints in the member's queue: those they handle plus those they own and delegated. */
  open: number;
  atRisk: number;
  breached: number;
  today: number;
  week: number;
  avgDurationSec: number | null;
}

export interface TeamOverview {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  members: TeamMemberLoad[];
}

/** Teams the actor may look at: supervisors their own, managers and admins all. */
export async function listVisibleTeams(actor: Actor): Promise<Array<{ id: number; code: string; nameZh: string; nameEn: string }>> {
  assertCan(actor, "team:read");
  const where = actor.role === "SUPERVISOR" ? { id: actor.teamId ?? -1 } : {};
  return db.team.findMany({ where, orderBy: { code: "asc" }, select: { id: true, code: true, nameZh: true, nameEn: true } });
}

/**
 * A member of a team the actor may look at (supervisors: their own team; managers and admins:
 * anyone). Anyone else is "not found", so another team's staff list does not leak.
 */
export async function getTeamMember(actor: Actor, userId: number): Promise<{ id: number; displayName: string; teamId: number | null }> {
  assertCan(actor, "team:read");
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new NotFoundError("user");
  const all = actor.role === "MANAGER" || actor.role === "ADMIN";
  const u = await db.user.findFirst({
    where: { id: userId, role: { in: ["AGENT", "SUPERVISOR"] }, ...(all ? {} : { teamId: actor.teamId ?? -1 }) },
    select: { id: true, displayName: true, teamId: true },
  });
  if (!u) throw new NotFoundError("user");
  return u;
}

/**
 * One team's members with their open load (the queue a click on the member opens, in the actor's
 * scope), its at-risk and breached complaints, and their contacts today and over 7 days. One
 * statement: each member's queue walks the partial open indexes by assignee and by owner (the
 * delegated ones), contacts the interaction index by agent and time. Out-of-scope teams are "not found".
 */
export async function getTeamOverview(actor: Actor, teamId: number, now = new Date()): Promise<TeamOverview> {
  assertCan(actor, "team:read");
  if (actor.role === "SUPERVISOR" && actor.teamId !== teamId) throw new NotFoundError("team");
  const team = await db.team.findUnique({ where: { id: teamId } });
  if (!team) throw new NotFoundError("team");
  const soon = new Date(now.getTime() + AT_RISK_MINUTES * 60_000);
  const open = Prisma.sql`c.status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED') AND c.next_due_at IS NOT NULL AND ${complaintScopeSql(actor)}`;
  const members = await db.$queryRaw<
    Array<{
      id: number;
      display_name: string;
      role: string;
      last_login_at: Date | null;
      open: number;
      at_risk: number;
      breached: number;
      today: number;
      week: number;
      avg: number | null;
    }>
  >`
    WITH members AS (SELECT u.id FROM app_user u WHERE u.team_id = ${teamId} AND u.is_active),
    queue AS (
      SELECT c.assignee_id AS user_id, c.breached_at, c.is_sla_paused, c.next_warn_at, c.next_due_at
      FROM complaint c WHERE c.assignee_id IN (SELECT id FROM members) AND ${open}
      UNION ALL
      SELECT c.owner_id, c.breached_at, c.is_sla_paused, c.next_warn_at, c.next_due_at
      FROM complaint c WHERE c.owner_id IN (SELECT id FROM members) AND c.assignee_id IS DISTINCT FROM c.owner_id AND ${open}
    ),
    load AS (
      SELECT q.user_id, count(*)::int AS open,
             count(*) FILTER (WHERE q.breached_at IS NULL AND NOT q.is_sla_paused AND (q.next_warn_at <= ${now} OR q.next_due_at <= ${soon}))::int AS at_risk,
             count(*) FILTER (WHERE q.breached_at IS NOT NULL)::int AS breached
      FROM queue q GROUP BY q.user_id
    ),
    contacts AS (
      SELECT i.agent_id,
             count(*) FILTER (WHERE i.occurred_at >= date_trunc('day', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')::int AS today,
             count(*)::int AS week,
             avg(i.duration_sec)::float8 AS avg
      FROM interaction i
      WHERE i.agent_id IN (SELECT id FROM members) AND i.occurred_at >= ${now}::timestamptz - interval '7 days' AND i.occurred_at <= ${now}::timestamptz
      GROUP BY i.agent_id
    )
    SELECT u.id, u.display_name, u.role::text AS role, u.last_login_at,
           coalesce(l.open, 0) AS open, coalesce(l.at_risk, 0) AS at_risk, coalesce(l.breached, 0) AS breached,
           coalesce(k.today, 0) AS today, coalesce(k.week, 0) AS week, k.avg
    FROM app_user u
    LEFT JOIN load l ON l.user_id = u.id
    LEFT JOIN contacts k ON k.agent_id = u.id
    WHERE u.team_id = ${teamId} AND u.is_active
    ORDER BY u.role DESC, u.display_name`;
  return {
    id: team.id,
    code: team.code,
    nameZh: team.nameZh,
    nameEn: team.nameEn,
    members: members.map((m) => ({
      id: m.id,
      displayName: m.display_name,
      role: m.role,
      lastLoginAt: m.last_login_at,
      open: m.open,
      atRisk: m.at_risk,
      breached: m.breached,
      today: m.today,
      week: m.week,
      avgDurationSec: m.avg == null ? null : Math.round(m.avg),
    })),
  };
}
