import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { clusterSaveInput, segmentSaveInput, segmentUpdateInput, type ClusterSaveInput, type SegmentSaveInput, type SegmentUpdateInput } from "@/lib/segments/rules";
import { materializeSegment } from "@/lib/segments/refresh";
import { cityLabel } from "@/lib/i18n/cities";
import type { Translate } from "@/lib/i18n/translate";
import { _memberRowsForExport, _toMemberForExport } from "@/lib/segments/queries";
import { csvRow } from "@/lib/segments/export-csv";

export async function createSegment(actor: Actor, raw: SegmentSaveInput): Promise<{ id: number; size: number }> {
  assertCan(actor, "segment:manage");
  const parsed = segmentSaveInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "rules"), i.message])));
  const input = parsed.data;
  return db.$transaction(
    async (tx) => {
      const s = await tx.segment.create({
        data: { name: input.name, description: input.description || null, kind: input.kind, definition: input.rules as Prisma.InputJsonValue, createdById: actor.id > 0 ? actor.id : null },
      });
      const size = await materializeSegment(tx, s.id, input.rules);
      await recordAudit(tx, actor, { action: "segment.created", entity: "segment", entityId: s.id, data: { name: input.name, kind: input.kind, size } });
      return { id: s.id, size };
    },
    { timeout: 120_000 },
  );
}

/**
 * Edits a saved segment's name, description and rules against the version it was read at (a
 * concurrent edit is a ConflictError and changes nothing), and refreshes its members from the new
 * rules in the same transaction: what the page shows after the edit is what the rules select.
 * A segment saved from a cluster has no rules to edit (its members are a fixed list).
 */
export async function updateSegment(actor: Actor, raw: SegmentUpdateInput): Promise<{ id: number; size: number; version: number }> {
  assertCan(actor, "segment:manage");
  const parsed = segmentUpdateInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "rules"), i.message])));
  const input = parsed.data;
  return db.$transaction(
    async (tx) => {
      const current = await tx.segment.findUnique({ where: { id: input.id }, select: { id: true, name: true, description: true, definition: true, version: true } });
      if (!current) throw new NotFoundError("segment");
      if (current.definition === null) throw new ValidationError({ rules: "clusterSegment" });
      const r = await tx.segment.updateMany({
        where: { id: input.id, version: input.version },
        data: { name: input.name, description: input.description || null, definition: input.rules as Prisma.InputJsonValue, version: { increment: 1 } },
      });
      if (r.count === 0) throw new ConflictError();
      const size = await materializeSegment(tx, input.id, input.rules);
      await recordAudit(tx, actor, {
        action: "segment.updated",
        entity: "segment",
        entityId: input.id,
        data: {
          from: { name: current.name, description: current.description ?? "" },
          to: { name: input.name, description: input.description },
          rulesChanged: JSON.stringify(current.definition) !== JSON.stringify(input.rules),
          size,
        },
      });
      return { id: input.id, size, version: input.version + 1 };
    },
    { timeout: 120_000 },
  );
}

/** Refreshes one dynamic segment now (the nightly job refreshes all of them). */
export async function refreshSegment(actor: Actor, id: number): Promise<{ size: number; ms: number }> {
  assertCan(actor, "segment:manage");
  const t0 = Date.now();
  return db.$transaction(
    async (tx) => {
      const s = await tx.segment.findUnique({ where: { id } });
      if (!s) throw new NotFoundError("segment");
      if (s.kind !== "DYNAMIC") throw new ValidationError({ kind: "static" });
      const size = await materializeSegment(tx, id, s.definition);
      await recordAudit(tx, actor, { action: "segment.refreshed", entity: "segment", entityId: id, data: { size } });
      return { size, ms: Date.now() - t0 };
    },
    { timeout: 120_000 },
  );
}

export async function deleteSegment(actor: Actor, id: number): Promise<void> {
  assertCan(actor, "segment:manage");
  // Its members go with it (1.7 M rows for a broad segment at 10 M customers: over 5 s).
  await db.$transaction(
    async (tx) => {
      const r = await tx.segment.deleteMany({ where: { id } });
      if (r.count === 0) throw new NotFoundError("segment");
      await recordAudit(tx, actor, { action: "segment.deleted", entity: "segment", entityId: id });
    },
    { timeout: 120_000 },
  );
}

/** Saves one discovered cluster as a static segment: every active customer nearest that centroid. */
export async function saveClusterSegment(actor: Actor, raw: ClusterSaveInput): Promise<{ id: number; size: number }> {
  assertCan(actor, "segment:manage");
  const parsed = clusterSaveInput.safeParse(raw);
  if (!parsed.success || parsed.data.cluster >= parsed.data.centroids.length) throw new ValidationError({ cluster: "invalid" });
  const input = parsed.data;
  const z = input.centroids.map((c) => c.map((v, j) => (v - input.mean[j]) / input.std[j]));
  return db.$transaction(
    async (tx) => {
      const s = await tx.segment.create({
        data: {
          name: input.name,
          kind: "STATIC",
          source: "cluster",
          definition: { k: input.k, cluster: input.cluster, centroids: input.centroids, mean: input.mean, std: input.std } as Prisma.InputJsonValue,
          createdById: actor.id > 0 ? actor.id : null,
        },
      });
      // Nearest centroid in standardised units, for the whole active base, in one statement.
      const size = await tx.$executeRaw`
        WITH pts AS (
          SELECT s.customer_id,
            (s.arpu - ${input.mean[0]}::float8) / ${input.std[0]}::float8 AS a,
            (COALESCE(u.data_mb, 0) - ${input.mean[1]}::float8) / ${input.std[1]}::float8 AS d,
            (s.tenure_months - ${input.mean[2]}::float8) / ${input.std[2]}::float8 AS t
          FROM customer_score s
          LEFT JOIN LATERAL (SELECT avg(b.data_mb) AS data_mb FROM bill b WHERE b.customer_id = s.customer_id
                             AND b.month >= (date_trunc('month', now()) - interval '3 months')::date) u ON true
          WHERE s.lifecycle_stage <> 'CHURNED'
        ),
        cent AS (SELECT (ord - 1)::int AS idx, ca, cd, ct FROM unnest(${z.map((c) => c[0])}::float8[], ${z.map((c) => c[1])}::float8[], ${z.map((c) => c[2])}::float8[]) WITH ORDINALITY AS u(ca, cd, ct, ord)),
        nearest AS (
          SELECT DISTINCT ON (p.customer_id) p.customer_id, cent.idx
          FROM pts p CROSS JOIN cent
          ORDER BY p.customer_id, (p.a - cent.ca) ^ 2 + (p.d - cent.cd) ^ 2 + (p.t - cent.ct) ^ 2, cent.idx
        )
        INSERT INTO segment_member (segment_id, customer_id) SELECT ${s.id}, customer_id FROM nearest WHERE idx = ${input.cluster}`;
      const now = new Date();
      await tx.segment.update({ where: { id: s.id }, data: { size, refreshedAt: now } });
      await tx.segmentSizeHistory.create({ data: { segmentId: s.id, size, at: now } });
      await recordAudit(tx, actor, { action: "segment.created", entity: "segment", entityId: s.id, data: { name: input.name, kind: "STATIC", source: "cluster", size } });
      return { id: s.id, size };
    },
    { timeout: 120_000 },
  );
}

export const EXPORT_LIMIT = 100_000;

/**
 * CSV of the members (masked, formula-safe) in the requester's language: headers, tiers, churn
 * bands, lifecycle stages and city names as on the screen. Written to the audit log with its row count.
 */
export async function exportSegmentCsv(actor: Actor, id: number, t: Translate, locale: string): Promise<{ filename: string; csv: string; rows: number }> {
  assertCan(actor, "segment:manage");
  assertCan(actor, "customer:export");
  const s = await db.segment.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!s) throw new NotFoundError("segment");
  const header = ["customerNo", "name", "number", "city", "tier", "score", "churn", "lifecycle"].map((c) => t(`segments.detail.${c}`));
  const label = (path: string, v: string | null) => (v == null ? null : t.has(`${path}.${v}`) ? t(`${path}.${v}`) : v);
  let csv = "\uFEFF" + csvRow(header);
  let after = 0;
  let rows = 0;
  while (rows < EXPORT_LIMIT) {
    const batch = await _memberRowsForExport(id, after, 5000);
    if (batch.length === 0) break;
    for (const r of batch.map((r) => _toMemberForExport(r))) {
      csv += csvRow([
        r.customerNo,
        r.name,
        r.msisdnMasked,
        cityLabel(r.city, locale),
        label("value.tier", r.tier),
        r.score,
        label("value.band", r.churnBand),
        label("value.lifecycle", r.lifecycleStage),
      ]);
      rows++;
    }
    after = batch[batch.length - 1].id;
  }
  await db.$transaction(async (tx) => {
    await recordAudit(tx, actor, { action: "segment.exported", entity: "segment", entityId: id, data: { rows } });
  });
  return { filename: `segment-${id}.csv`, csv, rows };
}
