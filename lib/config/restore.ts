import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { restoreInput } from "@/lib/config/history-schemas";
import { restoreCategory, restoreRootCause } from "@/lib/complaints/categories";
import { restoreSlaCell } from "@/lib/sla/matrix";
import { restoreCompensationLimit } from "@/lib/complaints/compensation-limits";
import { restoreCalendarRevision, restoreTeamCalendarRevision } from "@/lib/sla/calendars";
import { restoreAgentProfile, restoreCategoryRouting } from "@/lib/routing/commands";
import { restoreEscalationLadder } from "@/lib/routing/escalation";
import { restoreGradeDef } from "@/lib/membership/commands";

// Restoring a revision: the entity takes the state the revision holds, as a NEW version (with its
// own revision and audit row, written by the entity's restorer in the same transaction), so a
// restore can itself be undone from the history.

/** Puts an entity (by its revision key) back into `data`'s state, checking that state as its own
 *  command would, and records the new revision and the audit row in `tx`. */
export type Restorer = (tx: Tx, actor: Actor, entityKey: string, data: Prisma.JsonValue) => Promise<void>;

/** One restorer per entity kind of service_standard_revision (a new kind adds its line here). The
 *  old "escalationStep" rows (one level at a time, before the ladder was edited whole) are history
 *  only. */
export const RESTORERS: Record<string, Restorer> = {
  category: restoreCategory,
  rootCause: restoreRootCause,
  slaCell: restoreSlaCell,
  compensationLimit: restoreCompensationLimit,
  calendar: restoreCalendarRevision,
  teamCalendar: restoreTeamCalendarRevision,
  agentProfile: restoreAgentProfile,
  categoryRouting: restoreCategoryRouting,
  escalationLadder: restoreEscalationLadder,
  memberGrade: restoreGradeDef,
};

export function isRestorable(entity: string): boolean {
  return Object.hasOwn(RESTORERS, entity);
}

export async function restoreRevision(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const { revisionId } = restoreInput.parse(raw);
  await db.$transaction(async (tx) => {
    const r = await tx.serviceStandardRevision.findUnique({ where: { id: BigInt(revisionId) } });
    if (!r) throw new NotFoundError("revision");
    const restorer = Object.hasOwn(RESTORERS, r.entity) ? RESTORERS[r.entity] : undefined;
    if (!restorer) throw new ValidationError({ revisionId: "notRestorable" }, "history.notRestorable");
    await restorer(tx, actor, r.entityKey, r.data);
    await recordAudit(tx, actor, {
      action: "revision.restored",
      entity: r.entity,
      entityId: r.entityKey,
      data: { revisionId: String(r.id), version: r.version },
    });
  });
}
