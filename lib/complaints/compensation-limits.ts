import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { recordRevision } from "@/lib/config/revisions";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";

// Compensation approval limits per role (credit in yuan, loyalty points): what a role may grant
// without approval. Versioned; every change keeps a revision and an audit row.

export const limitUpdate = z.object({
  role: z.enum(["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"]),
  version: z.coerce.number().int().positive(),
  creditLimit: z.coerce.number().min(0).max(1_000_000),
  pointsLimit: z.coerce.number().int().min(0).max(100_000_000),
});

export async function listCompensationLimits(actor: Actor) {
  assertCan(actor, "serviceStandards:manage");
  const rows = await db.compensationLimit.findMany({ orderBy: { role: "asc" } });
  return rows.map((l) => ({ role: l.role, creditLimit: Number(l.creditLimit), pointsLimit: l.pointsLimit, version: l.version }));
}

const stateOf = (l: { creditLimit: Prisma.Decimal | number; pointsLimit: number }) => ({ creditLimit: Number(l.creditLimit), pointsLimit: l.pointsLimit });

async function writeLimit(tx: Tx, actor: Actor, role: z.infer<typeof limitUpdate>["role"], version: number, next: { creditLimit: number; pointsLimit: number }) {
  const row = await tx.compensationLimit.findUnique({ where: { role } });
  if (!row) throw new NotFoundError("compensationLimit");
  const n = await tx.compensationLimit.updateMany({ where: { role, version }, data: { ...next, version: { increment: 1 } } });
  if (n.count === 0) throw new ConflictError();
  await recordRevision(tx, actor, { entity: "compensationLimit", entityKey: role, version: version + 1, before: stateOf(row), after: next });
}

export async function updateCompensationLimit(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = limitUpdate.parse(raw);
  await db.$transaction(async (tx) => {
    await writeLimit(tx, actor, input.role, input.version, { creditLimit: input.creditLimit, pointsLimit: input.pointsLimit });
    await recordAudit(tx, actor, { action: "compensationLimit.updated", entity: "compensationLimit", entityId: input.role, data: { creditLimit: input.creditLimit, pointsLimit: input.pointsLimit } });
  });
}

export async function restoreCompensationLimit(tx: Tx, actor: Actor, entityKey: string, data: Prisma.JsonValue): Promise<void> {
  const role = limitUpdate.shape.role.parse(entityKey);
  const d = data as Record<string, unknown>;
  const row = await tx.compensationLimit.findUnique({ where: { role } });
  if (!row) throw new NotFoundError("compensationLimit");
  const next = { creditLimit: limitUpdate.shape.creditLimit.parse(d.creditLimit), pointsLimit: limitUpdate.shape.pointsLimit.parse(d.pointsLimit) };
  await writeLimit(tx, actor, role, row.version, next);
  await recordAudit(tx, actor, { action: "compensationLimit.restored", entity: "compensationLimit", entityId: role, data: next });
}
