import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, ValidationError } from "@/lib/shared/errors";
import { notify } from "@/lib/complaints/notifications";
import { loadInScope } from "@/lib/complaints/scope";
import { checkVersion, guardedUpdate } from "@/lib/complaints/version-guard";
import { assignInput, autoAssignInput } from "@/lib/complaints/schemas";
import { nudgeHubDelivery, recordApiEvent } from "@/lib/api/hub/event-commands";

// Who handles a complaint: assignment and transfer by hand, and round-robin inside the team.

/**
 * Assigns or transfers the handling; the owner never changes. Supervisors and managers assign
 * anyone; an agent may hand on a complaint they own or handle, or take an unassigned one.
 */
export async function assignComplaint(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "complaint:handle");
  const input = assignInput.parse(raw);
  const hubEvents = await db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    checkVersion(c, input.version);
    const isManagerial = can(actor, "complaint:assign");
    const mayHandOn = c.ownerId === actor.id || c.assigneeId === actor.id;
    const takesUnassigned = c.assigneeId === null && input.assigneeId === actor.id;
    if (!isManagerial && !mayHandOn && !takesUnassigned) throw new ForbiddenError("complaint:assign");
    const target = await tx.user.findFirst({
      where: { id: input.assigneeId, isActive: true, role: { in: ["AGENT", "SUPERVISOR"] } },
      select: { id: true, teamId: true, displayName: true },
    });
    if (!target) throw new ValidationError({ assigneeId: "invalid" });
    if (actor.role === "SUPERVISOR" && target.teamId !== actor.teamId && c.teamId !== actor.teamId) throw new ValidationError({ assigneeId: "invalid" });
    await guardedUpdate(tx, c, { assigneeId: target.id, teamId: target.teamId ?? c.teamId, updatedAt: now });
    await tx.complaintComment.create({
      data: {
        complaintId: c.id,
        kind: "SYSTEM",
        body: JSON.stringify({ event: "assigned", from: c.assigneeId, to: target.id, toName: target.displayName, note: input.note ?? null }),
        authorId: actor.id,
        at: now,
      },
    });
    await notify(tx, [target.id === actor.id ? null : target.id], "complaint.assigned", c.id, { complaintNo: c.complaintNo });
    await recordAudit(tx, actor, {
      action: "complaint.assigned",
      entity: "complaint",
      entityId: c.id,
      data: { from: c.assigneeId, to: target.id, note: input.note ?? null },
    });
    return recordApiEvent(tx, {
      type: "TroubleTicketAttributeValueChangeEvent",
      entityId: c.id,
      ticket: { teamId: target.teamId ?? c.teamId, ownerId: c.ownerId, assigneeId: target.id },
      resource: { lastUpdate: now.toISOString() },
      now,
    });
  });
  if (hubEvents) nudgeHubDelivery();
}

/**
 * Round-robin inside the complaint's team: the active agent whose skills match the category (or
 * who has none recorded), with fewer open complaints than their capacity, assigned longest ago.
 * Serialised per team with an advisory lock so two supervisors never both pick the same last slot.
 */
export async function autoAssignComplaint(actor: Actor, raw: unknown, now = new Date()): Promise<{ assigneeId: number }> {
  assertCan(actor, "complaint:assign");
  const input = autoAssignInput.parse(raw);
  const { assigneeId, hubEvents } = await db.$transaction(async (tx) => {
    const c = await loadInScope(tx, actor, input.complaintId);
    checkVersion(c, input.version);
    if (c.teamId === null) throw new ValidationError({ teamId: "none" }, "complaint.noAgentAvailable");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(6006, ${c.teamId})`;
    const [pick] = await tx.$queryRaw<{ id: number; display_name: string }[]>`
      SELECT u.id, u.display_name
      FROM app_user u
      LEFT JOIN agent_profile p ON p.user_id = u.id
      JOIN complaint_category cat ON cat.id = ${c.categoryId}
      WHERE u.is_active AND u.role = 'AGENT' AND u.team_id = ${c.teamId}
        AND (p.user_id IS NULL OR cardinality(p.skills) = 0 OR p.skills && cat.skill_tags)
        AND (SELECT count(*) FROM complaint o WHERE o.assignee_id = u.id AND o.status IN ('ACKNOWLEDGED', 'IN_PROGRESS', 'PENDING', 'HELD')) < COALESCE(p.capacity, 20)
      ORDER BY p.last_assigned_at NULLS FIRST, u.id
      LIMIT 1`;
    if (!pick) throw new ValidationError({ assigneeId: "none" }, "complaint.noAgentAvailable");
    await tx.$executeRaw`
      INSERT INTO agent_profile (user_id, last_assigned_at) VALUES (${pick.id}, ${now})
      ON CONFLICT (user_id) DO UPDATE SET last_assigned_at = EXCLUDED.last_assigned_at`;
    await guardedUpdate(tx, c, { assigneeId: pick.id, updatedAt: now });
    await tx.complaintComment.create({
      data: {
        complaintId: c.id,
        kind: "SYSTEM",
        body: JSON.stringify({ event: "assigned", from: c.assigneeId, to: pick.id, toName: pick.display_name, note: "round-robin" }),
        authorId: actor.id,
        at: now,
      },
    });
    await notify(tx, [pick.id], "complaint.assigned", c.id, { complaintNo: c.complaintNo });
    await recordAudit(tx, actor, {
      action: "complaint.assigned",
      entity: "complaint",
      entityId: c.id,
      data: { from: c.assigneeId, to: pick.id, rule: "roundRobin" },
    });
    const hubEvents = await recordApiEvent(tx, {
      type: "TroubleTicketAttributeValueChangeEvent",
      entityId: c.id,
      ticket: { teamId: c.teamId, ownerId: c.ownerId, assigneeId: pick.id },
      resource: { lastUpdate: now.toISOString() },
      now,
    });
    return { assigneeId: pick.id, hubEvents };
  });
  if (hubEvents) nudgeHubDelivery();
  return { assigneeId };
}
