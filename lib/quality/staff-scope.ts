import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";

/**
 * Whose service-quality records (QA evaluations, disputes, training, monthly assessments) the
 * actor may see: an agent their own, a supervisor their team's (and their own), managers and admins
 * everyone. Used by lib/quality, lib/training and lib/assessment in every WHERE, on the snapshotted
 * `agent_id`/`user_id` and `team_id` columns. Out of scope reads as not found.
 */
export type StaffScope = { kind: "all" } | { kind: "team"; teamId: number; userId: number } | { kind: "own"; userId: number };

export function staffScope(actor: Actor): StaffScope {
  if (actor.role === "MANAGER" || actor.role === "ADMIN") return { kind: "all" };
  if (actor.role === "SUPERVISOR" && actor.teamId !== null) return { kind: "team", teamId: actor.teamId, userId: actor.id };
  return { kind: "own", userId: actor.id };
}

/** The scope as a SQL condition on the given person and team columns (e.g. `e.agent_id`, `e.team_id`). */
export function staffScopeSql(actor: Actor, personColumn: Prisma.Sql, teamColumn: Prisma.Sql): Prisma.Sql {
  const s = staffScope(actor);
  if (s.kind === "all") return Prisma.sql`TRUE`;
  if (s.kind === "team") return Prisma.sql`(${teamColumn} = ${s.teamId} OR ${personColumn} = ${s.userId})`;
  return Prisma.sql`${personColumn} = ${s.userId}`;
}

/** The scope as a Prisma where on models whose person column is `personField` and team column `teamId`. */
export function staffScopeWhere<P extends string>(actor: Actor, personField: P): Record<string, unknown> {
  const s = staffScope(actor);
  if (s.kind === "all") return {};
  if (s.kind === "team") return { OR: [{ teamId: s.teamId }, { [personField]: s.userId }] };
  return { [personField]: s.userId };
}
