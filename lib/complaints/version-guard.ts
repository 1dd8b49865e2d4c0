import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError } from "@/lib/shared/errors";

// Optimistic concurrency for complaint writes: the version the client loaded must still be the
// row's version, and the UPDATE is guarded by it, so two people never overwrite each other.

type Row = Prisma.ComplaintGetPayload<object>;

/** The version the client loaded must still be the row's; otherwise a conflict (reload). */
export function checkVersion(c: { version: number }, version: number) {
  if (c.version !== version) throw new ConflictError("complaint changed since it was loaded");
}

/** Writes a change guarded by the version; a stale version is a conflict, never an overwrite. */
export async function guardedUpdate(tx: Tx, c: Row, data: Prisma.ComplaintUpdateManyMutationInput) {
  const n = await tx.complaint.updateMany({ where: { id: c.id, version: c.version }, data: { ...data, version: { increment: 1 } } });
  if (n.count === 0) throw new ConflictError("complaint changed concurrently");
}
