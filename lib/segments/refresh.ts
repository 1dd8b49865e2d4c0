import "server-only";
import { allowLongStatements, db, type Tx } from "@/lib/db";
import { compileSegmentIds } from "@/lib/segments/compile";

// Materialised membership: DELETE + INSERT … SELECT per segment in one transaction, then the
// size and a size-history row. Dynamic segments are refreshed by the job; static ones only once.

export async function materializeSegment(tx: Tx, segmentId: number, definition: unknown, now = new Date()): Promise<number> {
  const ids = compileSegmentIds(definition, now);
  await allowLongStatements(tx, "job"); // a whole-base rule writes every matching customer
  await tx.$executeRaw`DELETE FROM segment_member WHERE segment_id = ${segmentId}`;
  const size = await tx.$executeRaw`
    INSERT INTO segment_member (segment_id, customer_id) SELECT ${segmentId}, m.id FROM (${ids}) m`;
  await tx.segment.update({ where: { id: segmentId }, data: { size, refreshedAt: now } });
  await tx.segmentSizeHistory.create({ data: { segmentId, size, at: now } });
  return size;
}

export async function refreshDynamicSegments(opts: { onProgress?: (pct: number, step: string) => Promise<void>; now?: Date } = {}) {
  const t0 = Date.now();
  const segments = await db.segment.findMany({ where: { kind: "DYNAMIC" }, select: { id: true, definition: true }, orderBy: { id: "asc" } });
  let members = 0;
  for (const [i, s] of segments.entries()) {
    members += await db.$transaction((tx) => materializeSegment(tx, s.id, s.definition, opts.now), { timeout: 120_000 });
    await opts.onProgress?.(Math.round((100 * (i + 1)) / Math.max(1, segments.length)), "segments");
  }
  return { segments: segments.length, members, ms: Date.now() - t0 };
}
