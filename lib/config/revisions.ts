import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";

// History of the service configuration (categories, the SLA matrix, calendars, routing, the
// escalation ladder, limits): one service_standard_revision row per version of an entity holds
// the entity's whole state at that version, so any two versions can be compared and any version
// restored (restoring writes a new version). Written in the command's own transaction, beside its
// audit row.

export interface RevisionInput {
  /** The kind of configuration: "category", "slaCell", "calendar", "agentProfile", ... */
  entity: string;
  /** Stable key of the entity within its kind (a code, an id, "cat|grade|tier|appeal"). */
  entityKey: string;
  /** The entity's version after this change (1 when it was just created). */
  version: number;
  /** Its state before the change: stored once as version - 1 when no earlier revision exists
   *  (rows seeded by migrations or made before history was kept). Omit on create. */
  before?: Prisma.InputJsonValue;
  /** Its whole state after the change. */
  after: Prisma.InputJsonValue;
}

export async function recordRevision(tx: Tx, actor: Actor, input: RevisionInput): Promise<void> {
  const { entity, entityKey, version, before, after } = input;
  if (before !== undefined && version > 1) {
    const earlier = await tx.serviceStandardRevision.findFirst({
      where: { entity, entityKey, version: version - 1 },
      select: { id: true },
    });
    if (!earlier) {
      await tx.serviceStandardRevision.create({ data: { entity, entityKey, version: version - 1, data: before, changedBy: null } });
    }
  }
  await tx.serviceStandardRevision.create({
    data: { entity, entityKey, version, data: after, changedBy: actor.id > 0 ? actor.id : null },
  });
}
