import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { notify } from "@/lib/complaints/notifications";
import { loadCalendar } from "@/lib/complaints/standards";
import { isOnShift } from "@/lib/routing/on-shift";

// Intake routing (issue 21): who handles a new complaint, in which team, counted in which calendar.
// Complex and major complaints (and general ones where the category says so) go round-robin to an
// on-shift agent with the category's skills and a free capacity slot — the intake agent's own team
// first, then any team — else to the intake team's queue; the reason is written on the timeline.
// A member whose grade has a dedicated hotline team (member_grade_def.hotline_team_id, issue 23)
// has every complaint go to that team, whatever its grade: one of its on-shift agents with a free
// slot (those with the category's skills first), else its queue; the timeline says why.
// Everything happens in the transaction that writes the complaint (openComplaint calls this).

/** Open complaints count against an agent's capacity (resolved ones wait only for the customer). */
const OPEN_STATUSES = ["ACKNOWLEDGED", "IN_PROGRESS", "PENDING", "HELD"] as const;
/** Candidates tried before giving up on a burst (each found full after its lock was taken). */
const MAX_ATTEMPTS = 5;

export type RoutingOutcome = "assigned" | "noneOnShift" | "allAtCapacity";

export interface IntakeRoute {
  /** Who handles it: the routed agent, the intake agent (general, not routed), or null (the team queue). */
  assigneeId: number | null;
  /** The complaint's team: the routed agent's team, else the intake agent's. */
  teamId: number | null;
  /** The team's own calendar when it has one: the complaint's clocks count in it (else the SLA cell's). */
  calendar: { id: number; version: number } | null;
  /** Set when routing ran: what it decided, for the timeline. */
  outcome: RoutingOutcome | null;
}

/** The customer's member grade with a dedicated hotline team (readIntake reads it). */
export interface HotlineRoute {
  teamId: number;
  memberGrade: string;
}

interface Pick {
  user_id: number;
  display_name: string;
  team_id: number | null;
  capacity: number;
}

/**
 * Decides the route of a new complaint and calls `write` with it — inside the transaction that
 * locked the chosen agent when routing runs, so two intakes never both take one last free slot —
 * then writes the routing's timeline entry, notification and audit row beside the complaint.
 * `write` returns the new complaint, or null when it wrote nothing (an idempotent repeat).
 */
export async function routeIntake<T extends { id: number; complaintNo: string } | null>(
  actor: Actor,
  input: { categoryId: number; grade: "GENERAL" | "COMPLEX" | "MAJOR"; hotline?: HotlineRoute | null },
  now: Date,
  write: (route: IntakeRoute, tx?: Tx) => Promise<T>,
): Promise<T> {
  // The intake agent already in the member's hotline team routes as usual (own team first).
  const hotline = input.hotline && input.hotline.teamId !== actor.teamId ? input.hotline : null;
  const [facts] = await db.$queryRaw<Array<{ skills: string[]; auto_general: boolean; calendar: { id: number; version: number } | null }>>`
    SELECT c.skill_tags AS skills, c.auto_route_general AS auto_general,
           (SELECT json_build_object('id', bc.id, 'version', bc.version) FROM team t JOIN business_calendar bc ON bc.id = t.calendar_id
            WHERE t.id = ${actor.teamId}::int) AS calendar
    FROM complaint_category c WHERE c.id = ${input.categoryId}`;
  const routes = input.grade !== "GENERAL" || facts?.auto_general === true || hotline !== null;
  if (!facts || !routes) {
    return write({ assigneeId: input.grade === "GENERAL" ? actor.id : null, teamId: actor.teamId, calendar: facts?.calendar ?? null, outcome: null });
  }
  const onShiftTeams = await listOnShiftTeams(now);
  return db.$transaction(async (tx) => {
    const tried: number[] = [];
    let pick: Pick | null = null;
    for (let i = 0; i < MAX_ATTEMPTS && !pick; i++) {
      // Lock the next candidate in turn (agents assigned longest ago first); rows other intakes
      // hold are skipped rather than waited for. The load check in this statement only narrows
      // the choice: its snapshot predates the lock.
      const [c] = await tx.$queryRaw<Pick[]>`
        SELECT p.user_id, u.display_name, u.team_id, p.capacity
        FROM agent_profile p JOIN app_user u ON u.id = p.user_id
        WHERE u.is_active AND u.role = 'AGENT' AND p.is_available AND u.team_id = ANY(${onShiftTeams}::int[])
          AND ${hotline ? Prisma.sql`u.team_id = ${hotline.teamId}::int` : Prisma.sql`p.skills @> ${facts.skills}::text[]`}
          AND u.id <> ${actor.id} AND NOT (p.user_id = ANY(${tried}::int[]))
          AND (SELECT count(*) FROM complaint o WHERE o.assignee_id = p.user_id AND o.status::text = ANY(${OPEN_STATUSES as unknown as string[]}::text[])) < p.capacity
        ORDER BY ${hotline ? Prisma.sql`(p.skills @> ${facts.skills}::text[]) DESC` : Prisma.sql`(u.team_id IS NOT DISTINCT FROM ${actor.teamId}::int) DESC`},
                 p.last_assigned_at NULLS FIRST, p.user_id
        LIMIT 1
        FOR UPDATE OF p SKIP LOCKED`;
      if (!c) break;
      // Under the lock, a new statement sees every intake that held this agent before us.
      const [{ load }] = await tx.$queryRaw<Array<{ load: number }>>`
        SELECT count(*)::int AS load FROM complaint
        WHERE assignee_id = ${c.user_id} AND status::text = ANY(${OPEN_STATUSES as unknown as string[]}::text[])`;
      if (load < c.capacity) pick = c;
      else tried.push(c.user_id);
    }
    const outcome: RoutingOutcome = pick
      ? "assigned"
      : (await hasSkilledOnShift(tx, hotline ? [] : facts.skills, hotline ? onShiftTeams.filter((t) => t === hotline.teamId) : onShiftTeams, actor.id))
        ? "allAtCapacity"
        : "noneOnShift";
    // Not picked: the intake team's queue, or the member's hotline team's.
    const teamId = pick ? pick.team_id : (hotline?.teamId ?? actor.teamId);
    const calendar = teamId !== actor.teamId ? await teamCalendar(tx, teamId) : facts.calendar;
    const created = await write({ assigneeId: pick?.user_id ?? null, teamId, calendar, outcome }, tx);
    if (!created) return created;
    if (pick) await tx.agentProfile.update({ where: { userId: pick.user_id }, data: { lastAssignedAt: now } });
    await tx.complaintComment.create({
      data: {
        complaintId: created.id,
        kind: "SYSTEM",
        body: JSON.stringify({
          event: "routed",
          outcome,
          to: pick?.user_id ?? null,
          toName: pick?.display_name ?? null,
          skills: facts.skills,
          teamId,
          ...(hotline ? { hotline: { memberGrade: hotline.memberGrade, teamId: hotline.teamId } } : {}),
        }),
        authorId: actor.id,
        at: now,
      },
    });
    if (pick) await notify(tx, [pick.user_id], "complaint.assigned", created.id, { complaintNo: created.complaintNo });
    await recordAudit(tx, actor, {
      action: "complaint.routed",
      entity: "complaint",
      entityId: created.id,
      data: { outcome, to: pick?.user_id ?? null, teamId, skills: facts.skills, grade: input.grade, ...(hotline ? { hotline: { memberGrade: hotline.memberGrade } } : {}) },
    });
    return created;
  });
}

/** Teams working now: those without a calendar of their own always, the others in its working time. */
export async function listOnShiftTeams(now: Date): Promise<number[]> {
  const teams = await db.$queryRaw<Array<{ id: number; calendar_id: number | null; version: number | null }>>`
    SELECT t.id, t.calendar_id, bc.version FROM team t LEFT JOIN business_calendar bc ON bc.id = t.calendar_id`;
  const out: number[] = [];
  for (const t of teams) {
    const calendar = t.calendar_id != null && t.version != null ? await loadCalendar(db, t.calendar_id, t.version) : null;
    if (isOnShift(calendar, now)) out.push(t.id);
  }
  return out;
}

async function hasSkilledOnShift(tx: Tx, skills: string[], teams: number[], exceptId: number): Promise<boolean> {
  const [r] = await tx.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM agent_profile p JOIN app_user u ON u.id = p.user_id
    WHERE u.is_active AND u.role = 'AGENT' AND p.is_available AND u.team_id = ANY(${teams}::int[]) AND p.skills @> ${skills}::text[] AND u.id <> ${exceptId}`;
  return r.n > 0;
}

async function teamCalendar(tx: Tx, teamId: number | null): Promise<{ id: number; version: number } | null> {
  if (teamId == null) return null;
  const [r] = await tx.$queryRaw<Array<{ id: number; version: number }>>`
    SELECT bc.id, bc.version FROM team t JOIN business_calendar bc ON bc.id = t.calendar_id WHERE t.id = ${teamId}`;
  return r ?? null;
}
