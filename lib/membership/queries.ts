import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { MEMBER_GRADES, type MemberGradeKey } from "@/lib/membership/schemas";
import { readMembershipSettings, type MembershipSettings } from "@/lib/membership/settings";

// Reads of member grades: the admin's ladder and a customer's grade (the 360).

export interface GradeDefView {
  grade: MemberGradeKey;
  minSpend12m: number;
  minTenureMonths: number;
  pointsMultiplier: number;
  birthdayPoints: number;
  hotlineTeamId: number | null;
  hotlineTeam: { zh: string; en: string } | null;
  version: number;
  updatedAt: Date;
  members: number;
}

/** The ladder, lowest grade first, with each grade's member count (loyalty:read). */
export async function listGradeLadder(actor: Actor): Promise<GradeDefView[]> {
  assertCan(actor, "loyalty:read");
  const [defs, teams, counts] = await Promise.all([
    db.memberGradeDef.findMany(),
    db.team.findMany({ select: { id: true, nameZh: true, nameEn: true } }),
    db.$queryRaw<Array<{ grade: string; n: number }>>`SELECT grade::text, count(*)::int AS n FROM customer_membership GROUP BY grade`,
  ]);
  const teamName = new Map(teams.map((t) => [t.id, { zh: t.nameZh, en: t.nameEn }]));
  const members = new Map(counts.map((c) => [c.grade, c.n]));
  return defs
    .map((d) => ({
      grade: d.grade as MemberGradeKey,
      minSpend12m: Number(d.minSpend12m),
      minTenureMonths: d.minTenureMonths,
      pointsMultiplier: Number(d.pointsMultiplier),
      birthdayPoints: d.birthdayPoints,
      hotlineTeamId: d.hotlineTeamId,
      hotlineTeam: d.hotlineTeamId == null ? null : (teamName.get(d.hotlineTeamId) ?? null),
      version: d.version,
      updatedAt: d.updatedAt,
      members: members.get(d.grade) ?? 0,
    }))
    .sort((a, b) => MEMBER_GRADES.indexOf(a.grade) - MEMBER_GRADES.indexOf(b.grade));
}

export async function getMembershipSettings(actor: Actor): Promise<MembershipSettings> {
  assertCan(actor, "loyalty:read");
  return readMembershipSettings(db);
}

/** The teams a grade's hotline can be (the admin form's choices). */
export async function listHotlineTeams(actor: Actor): Promise<Array<{ id: number; code: string; nameZh: string; nameEn: string }>> {
  assertCan(actor, "loyalty:configure");
  return db.team.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { id: "asc" } });
}

export interface CustomerMembershipView {
  grade: MemberGradeKey;
  since: string;
  computedGrade: MemberGradeKey;
  graceUntil: string | null;
  spend12m: string;
  gradedMonth: string;
  hotlineTeam: { zh: string; en: string } | null;
}

/** A customer's grade (customer:read, like the 360); null before their first grading. */
export async function getCustomerMembership(actor: Actor, customerId: number): Promise<CustomerMembershipView | null> {
  assertCan(actor, "customer:read");
  const [m] = await db.$queryRaw<
    Array<{
      grade: MemberGradeKey;
      since: string;
      computed_grade: MemberGradeKey;
      grace_until: string | null;
      spend_12m: string;
      graded_month: string;
      team_zh: string | null;
      team_en: string | null;
    }>
  >`
    SELECT m.grade::text AS grade, m.since::text AS since, m.computed_grade::text AS computed_grade, m.grace_until::text AS grace_until,
           round(m.spend_12m, 2)::text AS spend_12m, to_char(m.graded_month, 'YYYY-MM') AS graded_month, t.name_zh AS team_zh, t.name_en AS team_en
    FROM customer_membership m
    LEFT JOIN member_grade_def d ON d.grade = m.grade
    LEFT JOIN team t ON t.id = d.hotline_team_id
    WHERE m.customer_id = ${customerId}`;
  if (!m) return null;
  return {
    grade: m.grade,
    since: m.since,
    computedGrade: m.computed_grade,
    graceUntil: m.grace_until,
    spend12m: m.spend_12m,
    gradedMonth: m.graded_month,
    hotlineTeam: m.team_zh != null && m.team_en != null ? { zh: m.team_zh, en: m.team_en } : null,
  };
}
