import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";

/**
 * Which complaints the actor may see: managers and admins all; agents and supervisors the
 * complaints of their team plus those they own or handle. Used in every WHERE.
 */
export function complaintScope(actor: Actor): Prisma.ComplaintWhereInput {
  if (actor.role === "MANAGER" || actor.role === "ADMIN") return {};
  const mine: Prisma.ComplaintWhereInput[] = [{ ownerId: actor.id }, { assigneeId: actor.id }];
  if (actor.teamId !== null) mine.push({ teamId: actor.teamId });
  return { OR: mine };
}

/** The same scope as a raw SQL condition over alias `c`. */
export function complaintScopeSql(actor: Actor): Prisma.Sql {
  if (actor.role === "MANAGER" || actor.role === "ADMIN") return Prisma.sql`TRUE`;
  return Prisma.sql`(c.owner_id = ${actor.id} OR c.assignee_id = ${actor.id} OR c.team_id = ${actor.teamId ?? -1})`;
}
