import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";

export interface TeamOverview {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  members: Array<{ id: number; displayName: string; role: string; lastLoginAt: Date | null; today: number; week: number; avgDurationSec: number | null }>;
}

/** Teams the actor may look at: supervisors their own, managers and admins all. */
export async function listVisibleTeams(actor: Actor): Promise<Array<{ id: number; code: string; nameZh: string; nameEn: string }>> {
  assertCan(actor, "team:read");
  const where = actor.role === "SUPERVISOR" ? { id: actor.teamId ?? -1 } : {};
  return db.team.findMany({ where, orderBy: { code: "asc" }, select: { id: true, code: true, nameZh: true, nameEn: true } });
}

/** One team's members and their contact activity. Out-of-scope teams are "not found". */
export async function getTeamOverview(actor: Actor, teamId: number, now = new Date()): Promise<TeamOverview> {
  assertCan(actor, "team:read");
  if (actor.role === "SUPERVISOR" && actor.teamId !== teamId) throw new NotFoundError("team");
  const team = await db.team.findUnique({ where: { id: teamId } });
  if (!team) throw new NotFoundError("team");
  const members = await db.$queryRaw<
    Array<{ id: number; display_name: string; role: string; last_login_at: Date | null; today: number; week: number; avg: number | null }>
  >`
    SELECT u.id, u.display_name, u.role::text AS role, u.last_login_at,
           count(i.id) FILTER (WHERE i.occurred_at >= date_trunc('day', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')::int AS today,
           count(i.id)::int AS week,
           avg(i.duration_sec)::float8 AS avg
    FROM app_user u
    LEFT JOIN interaction i ON i.agent_id = u.id AND i.occurred_at >= ${now}::timestamptz - interval '7 days' AND i.occurred_at <= ${now}::timestamptz
    WHERE u.team_id = ${teamId} AND u.is_active
    GROUP BY u.id ORDER BY u.role DESC, u.display_name`;
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
      today: m.today,
      week: m.week,
      avgDurationSec: m.avg == null ? null : Math.round(m.avg),
    })),
  };
}
