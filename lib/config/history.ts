import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { revisionListFilter } from "@/lib/config/history-schemas";

// The history of the service configuration (lib/config/revisions.ts writes it): a list of
// revisions, newest first, filtered by entity and key; one revision beside its predecessor with the
// fields that changed. Field labels are translated by the page (history.field.<name>).

export interface FieldChange {
  field: string;
  before: Prisma.JsonValue | undefined;
  after: Prisma.JsonValue | undefined;
}

/** Fields whose value differs between two states (a field only one side has counts as changed).
 *  `calendarId` is left out when the state names its calendar (`calendar`): the code reads better. */
export function diffStates(before: Prisma.JsonValue | null, after: Prisma.JsonValue): FieldChange[] {
  const obj = (v: Prisma.JsonValue | null) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Prisma.JsonValue>) : {});
  // Nested objects (a calendar's definition, its weekly hours) compare field by field, named by
  // their path ("definition.weekly.1"), so a change reads as the fields it touched.
  const flat = (v: Record<string, Prisma.JsonValue>, prefix = ""): Record<string, Prisma.JsonValue> =>
    Object.fromEntries(
      Object.entries(v).flatMap(([k, x]) =>
        x && typeof x === "object" && !Array.isArray(x)
          ? Object.entries(flat(x as Record<string, Prisma.JsonValue>, `${prefix}${k}.`))
          : [[`${prefix}${k}`, x]],
      ),
    );
  const b = flat(obj(before));
  const a = flat(obj(after));
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => !(f === "calendarId" && ("calendar" in a || "calendar" in b)))
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((f) => ({ field: f, before: f in b ? b[f] : undefined, after: f in a ? a[f] : undefined }));
}

export interface RevisionRow {
  id: string;
  entity: string;
  entityKey: string;
  version: number;
  changedAt: Date;
  changedBy: string | null;
  /** Names of the fields that changed from the previous version (all of them for a first one). */
  changed: string[];
  isFirst: boolean;
}

const PAGE = 50;

/** Revisions newest first, keyset on id; `entity`/`key` narrow the list. */
export async function listRevisions(actor: Actor, raw: unknown): Promise<{ rows: RevisionRow[]; nextCursor: string | null; entities: string[] }> {
  assertCan(actor, "serviceStandards:manage");
  const f = revisionListFilter.parse(raw);
  const where = [Prisma.sql`TRUE`];
  if (f.entity) where.push(Prisma.sql`r.entity = ${f.entity}`);
  if (f.key) where.push(Prisma.sql`r.entity_key = ${f.key}`);
  if (f.cursor) where.push(Prisma.sql`r.id < ${BigInt(f.cursor)}`);
  const [rows, entities] = await Promise.all([
    db.$queryRaw<
      Array<{
        id: bigint;
        entity: string;
        entity_key: string;
        version: number;
        changed_at: Date;
        changed_by: string | null;
        data: Prisma.JsonValue;
        prev: Prisma.JsonValue | null;
        has_prev: boolean;
      }>
    >`
      SELECT r.id, r.entity, r.entity_key, r.version, r.changed_at, u.display_name AS changed_by, r.data, p.data AS prev, p.id IS NOT NULL AS has_prev
      FROM service_standard_revision r
      LEFT JOIN app_user u ON u.id = r.changed_by
      LEFT JOIN LATERAL (SELECT id, data FROM service_standard_revision p WHERE p.entity = r.entity AND p.entity_key = r.entity_key AND p.version < r.version
                         ORDER BY p.version DESC, p.id DESC LIMIT 1) p ON TRUE
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY r.id DESC LIMIT ${PAGE + 1}`,
    db.$queryRaw<Array<{ entity: string }>>`SELECT DISTINCT entity FROM service_standard_revision ORDER BY entity`,
  ]);
  const page = rows.slice(0, PAGE);
  return {
    rows: page.map((r) => ({
      id: String(r.id),
      entity: r.entity,
      entityKey: r.entity_key,
      version: r.version,
      changedAt: r.changed_at,
      changedBy: r.changed_by,
      changed: diffStates(r.prev, r.data).map((c) => c.field),
      isFirst: !r.has_prev,
    })),
    nextCursor: rows.length > PAGE ? String(page[page.length - 1].id) : null,
    entities: entities.map((e) => e.entity),
  };
}

export interface RevisionDetail {
  id: string;
  entity: string;
  entityKey: string;
  version: number;
  changedAt: Date;
  changedBy: string | null;
  data: Prisma.JsonValue;
  previous: { id: string; version: number; changedAt: Date } | null;
  changes: FieldChange[];
  /** The newest version of the same entity (restoring the newest one changes nothing). */
  latestVersion: number;
}

/** One revision beside its predecessor, with the fields that changed. */
export async function getRevision(actor: Actor, id: number): Promise<RevisionDetail> {
  assertCan(actor, "serviceStandards:manage");
  const r = await db.serviceStandardRevision.findUnique({ where: { id: BigInt(id) } });
  if (!r) throw new NotFoundError("revision");
  const [previous, latest, who] = await Promise.all([
    db.serviceStandardRevision.findFirst({
      where: { entity: r.entity, entityKey: r.entityKey, version: { lt: r.version } },
      orderBy: [{ version: "desc" }, { id: "desc" }],
    }),
    db.serviceStandardRevision.aggregate({ where: { entity: r.entity, entityKey: r.entityKey }, _max: { version: true } }),
    r.changedBy ? db.user.findUnique({ where: { id: r.changedBy }, select: { displayName: true } }) : null,
  ]);
  return {
    id: String(r.id),
    entity: r.entity,
    entityKey: r.entityKey,
    version: r.version,
    changedAt: r.changedAt,
    changedBy: who?.displayName ?? null,
    data: r.data,
    previous: previous ? { id: String(previous.id), version: previous.version, changedAt: previous.changedAt } : null,
    changes: diffStates(previous?.data ?? null, r.data),
    latestVersion: latest._max.version ?? r.version,
  };
}
