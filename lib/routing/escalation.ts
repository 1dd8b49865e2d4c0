import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { recordRevision } from "@/lib/config/revisions";
import { ConflictError, ValidationError } from "@/lib/shared/errors";
import { ladderInput, type LADDER_ROLES } from "@/lib/routing/schemas";

// The escalation ladder (escalation_step): after a breach, level n notifies its role once its delay
// has passed (lib/complaints/sla-scan.ts reads any number of levels). Admins edit it as a whole —
// add and remove levels, the role and delay of each — versioned as one: every level row carries
// the ladder's version, and a save replaces all rows under an advisory lock.

export interface LadderStep {
  level: number;
  notifyRole: (typeof LADDER_ROLES)[number];
  delayMin: number;
}
export interface Ladder {
  version: number;
  steps: LadderStep[];
}

/** Serialises ladder saves (the rows are replaced, so a row lock alone would not do). */
const LADDER_LOCK = 6021;

export async function getEscalationLadder(actor: Actor, tx: Tx = db): Promise<Ladder> {
  assertCan(actor, "serviceStandards:manage");
  return readLadder(tx);
}

async function readLadder(tx: Tx): Promise<Ladder> {
  const rows = await tx.escalationStep.findMany({ orderBy: { level: "asc" } });
  return {
    version: rows.reduce((v, r) => Math.max(v, r.version), 1),
    steps: rows.map((r) => ({ level: r.level, notifyRole: r.notifyRole as LadderStep["notifyRole"], delayMin: r.delayMin })),
  };
}

async function replaceLadder(tx: Tx, actor: Actor, expectedVersion: number | null, steps: Array<Omit<LadderStep, "level">>, action: string): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LADDER_LOCK})`;
  const current = await readLadder(tx);
  if (expectedVersion !== null && current.version !== expectedVersion) throw new ConflictError();
  const version = current.version + 1;
  const next = steps.map((s, i) => ({ level: i + 1, notifyRole: s.notifyRole, delayMin: s.delayMin }));
  await tx.escalationStep.deleteMany({});
  await tx.escalationStep.createMany({ data: next.map((s) => ({ ...s, version })) });
  await recordRevision(tx, actor, {
    entity: "escalationLadder",
    entityKey: "ladder",
    version,
    before: { steps: current.steps.map((s) => ({ ...s })) },
    after: { steps: next.map((s) => ({ ...s })) },
  });
  await recordAudit(tx, actor, {
    action,
    entity: "escalationLadder",
    entityId: "ladder",
    data: { from: current.steps.map((s) => ({ ...s })), to: next.map((s) => ({ ...s })) },
  });
  return version;
}

/**
 * Saves the whole ladder (level 1 first): each level's role and its delay after the breach, not
 * shorter than the level before. `version` is the ladder's version the editor saw.
 */
export async function updateEscalationLadder(actor: Actor, raw: unknown): Promise<{ version: number }> {
  assertCan(actor, "serviceStandards:manage");
  const input = ladderInput.parse(raw);
  const version = await db.$transaction((tx) => replaceLadder(tx, actor, input.version, input.steps, "escalationLadder.updated"));
  return { version };
}

/** The history viewer's restorer for entity "escalationLadder" (key "ladder"). */
export async function restoreEscalationLadder(tx: Tx, actor: Actor, entityKey: string, data: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const d = (data ?? {}) as { steps?: unknown };
  const parsed = ladderInput.safeParse({ version: 1, steps: d.steps });
  if (entityKey !== "ladder" || !parsed.success) throw new ValidationError({ steps: "invalid" });
  await replaceLadder(tx, actor, null, parsed.data.steps, "escalationLadder.restored");
}
