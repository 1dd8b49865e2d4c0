import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { staffScope, staffScopeSql } from "@/lib/quality/staff-scope";
import { addMonths, monthString } from "@/lib/assessment/schemas";
import { readAssessmentSettings, readLastRun, type AssessmentRun, type AssessmentSettings } from "@/lib/assessment/settings";

// Reads of the monthly assessment: only agent_assessment (the rollup), in the staff scope
// (decision 032): an agent their own rows, a supervisor their team's, managers and admins all.

export interface AssessmentRow {
  userId: number;
  name: string;
  teamId: number;
  month: string;
  qaAverage: number | null;
  qaCount: number;
  slaRate: number | null;
  ahtMinutes: number | null;
  fcrRate: number | null;
  csatRate: number | null;
  trainingRate: number | null;
  handled: number;
  rating: number;
  rankInTeam: number;
  teamSize: number;
}

interface RawRow {
  user_id: number;
  name: string;
  team_id: number;
  month: string;
  qa_average: Prisma.Decimal | null;
  qa_count: number;
  sla_rate: Prisma.Decimal | null;
  aht_minutes: Prisma.Decimal | null;
  fcr_rate: Prisma.Decimal | null;
  csat_rate: Prisma.Decimal | null;
  training_rate: Prisma.Decimal | null;
  handled: number;
  rating: Prisma.Decimal;
  rank_in_team: number;
  team_size: number;
}

const num = (d: Prisma.Decimal | null) => (d === null ? null : Number(d));
const toRow = (r: RawRow): AssessmentRow => ({
  userId: r.user_id,
  name: r.name,
  teamId: r.team_id,
  month: r.month,
  qaAverage: num(r.qa_average),
  qaCount: r.qa_count,
  slaRate: num(r.sla_rate),
  ahtMinutes: num(r.aht_minutes),
  fcrRate: num(r.fcr_rate),
  csatRate: num(r.csat_rate),
  trainingRate: num(r.training_rate),
  handled: r.handled,
  rating: Number(r.rating),
  rankInTeam: r.rank_in_team,
  teamSize: r.team_size,
});

const COLUMNS = Prisma.sql`a.user_id, u.display_name AS name, a.team_id, to_char(a.month, 'YYYY-MM') AS month, a.qa_average, a.qa_count, a.sla_rate,
  a.aht_minutes, a.fcr_rate, a.csat_rate, a.training_rate, a.handled, a.rating, a.rank_in_team, a.team_size`;

/** At most this many agents of a team on one ranking page (a team is a few dozen in practice). */
export const RANKING_LIMIT = 500;

/**
 * The month's ranking of a team: every agent's components and rating, best first. An agent sees
 * only their own row (their card); a supervisor their team (another team: not found); managers and
 * admins any team.
 */
export async function teamRanking(actor: Actor, input: { month: string; teamId: number }): Promise<AssessmentRow[]> {
  assertCan(actor, "assessment:read");
  const month = monthString.parse(input.month);
  const s = staffScope(actor);
  if (s.kind === "team" && s.teamId !== input.teamId) throw new NotFoundError("team");
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT ${COLUMNS} FROM agent_assessment a JOIN app_user u ON u.id = a.user_id
    WHERE a.team_id = ${input.teamId} AND a.month = ${`${month}-01`}::date AND ${staffScopeSql(actor, Prisma.sql`a.user_id`, Prisma.sql`a.team_id`)}
    ORDER BY a.rank_in_team, a.user_id LIMIT ${RANKING_LIMIT}`;
  return rows.map(toRow);
}

/** An agent's last `months` months up to `month` (oldest first), in scope; out of scope: not found. */
export async function agentTrend(actor: Actor, input: { userId: number; month: string; months?: number }): Promise<AssessmentRow[]> {
  assertCan(actor, "assessment:read");
  const month = monthString.parse(input.month);
  const from = addMonths(month, -((input.months ?? 12) - 1));
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT ${COLUMNS} FROM agent_assessment a JOIN app_user u ON u.id = a.user_id
    WHERE a.user_id = ${input.userId} AND a.month BETWEEN ${`${from}-01`}::date AND ${`${month}-01`}::date
      AND ${staffScopeSql(actor, Prisma.sql`a.user_id`, Prisma.sql`a.team_id`)}
    ORDER BY a.month`;
  if (!rows.length) {
    // No rows: out of scope reads as not found; in scope, simply no assessment yet.
    const [u] = await db.$queryRaw<Array<{ id: number }>>`
      SELECT u.id FROM app_user u WHERE u.id = ${input.userId} AND ${staffScopeSql(actor, Prisma.sql`u.id`, Prisma.sql`u.team_id`)}`;
    if (!u) throw new NotFoundError("user");
  }
  return rows.map(toRow);
}

export interface TeamOption {
  id: number;
  nameZh: string;
  nameEn: string;
}

/** The teams the actor may pick on /assessment: their own (supervisor) or every team (managers). */
export async function assessmentTeams(actor: Actor): Promise<TeamOption[]> {
  assertCan(actor, "assessment:read");
  const s = staffScope(actor);
  if (s.kind === "own") return [];
  return db.team.findMany({ where: s.kind === "team" ? { id: s.teamId } : {}, select: { id: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } });
}

/** The admin's view: the weights and the last run. */
export async function assessmentAdmin(actor: Actor): Promise<{ settings: AssessmentSettings; lastRun: AssessmentRun | null }> {
  assertCan(actor, "assessment:configure");
  const [settings, lastRun] = await Promise.all([readAssessmentSettings(db), readLastRun(db)]);
  return { settings, lastRun };
}
