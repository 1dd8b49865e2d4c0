import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";

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

/** Loads a complaint inside the actor's scope (out of scope = not found, so existence never leaks). */
export async function loadInScope(tx: Tx, actor: Actor, complaintId: number): Promise<Prisma.ComplaintGetPayload<object>> {
  const c = await tx.complaint.findFirst({ where: { id: complaintId, ...complaintScope(actor) } });
  if (!c) throw new NotFoundError("complaint");
  return c;
}
