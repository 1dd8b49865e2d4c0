import "server-only";
import { db, sqlRows, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { recordRevision } from "@/lib/config/revisions";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { addBusinessMinutes } from "@/lib/sla/calendar";
import { loadCalendar } from "@/lib/complaints/standards";
import { COMPLAINT_GRADES, type ComplaintGrade } from "@/lib/complaints/schemas";
import {
  ALL_CATEGORIES,
  VALUE_TIER_KEYS,
  checkSlaCell,
  slaCellKey,
  slaCellRemove,
  slaCellSave,
  slaPreviewInput,
  type SlaCellValues,
} from "@/lib/sla/matrix-rules";

// The SLA matrix: category × grade × value tier × appeal → targets. A cell is a series of rows in
// sla_target, one per version, each in force from its effective_from (a removal is a row too, with
// is_removed). A complaint takes the most specific cell in force when it is opened — its category,
// then each ancestor up to the root, then '*' — and keeps those targets (they are snapshotted on
// the complaint), so editing the matrix never changes open complaints.

/**
 * The target in force for a category (by id, any depth of the tree), grade, tier and appeal flag,
 * as a scalar subquery giving one json object or NULL. `tier` is an SQL expression (the intake
 * reads the customer's tier in the same statement). The nearest category wins, then the exact tier
 * over STANDARD; within a key, the latest version not in the future, unless it is a removal.
 */
export function inForceTargetSql(p: { categoryId: number; grade: string; tier: Prisma.Sql; isAppeal: boolean; now: Date }): Prisma.Sql {
  return Prisma.sql`(
    WITH RECURSIVE anc (id, code, parent_id, depth) AS (
      SELECT id, code, parent_id, 0 FROM complaint_category WHERE id = ${p.categoryId}::int
      UNION ALL
      SELECT c.id, c.code, c.parent_id, anc.depth + 1 FROM complaint_category c JOIN anc ON c.id = anc.parent_id WHERE anc.depth < 32
    ),
    keyed AS (SELECT code, depth FROM anc UNION ALL SELECT '*', 1000),
    latest AS (
      SELECT DISTINCT ON (s.category_code, s.value_tier) s.*, k.depth
      FROM sla_target s JOIN keyed k ON k.code = s.category_code
      WHERE s.grade = ${p.grade}::"ComplaintGrade" AND s.value_tier IN (${p.tier}, 'STANDARD') AND s.is_appeal = ${p.isAppeal}
        AND s.effective_from <= ${p.now}::timestamptz
      ORDER BY s.category_code, s.value_tier, s.effective_from DESC
    )
    SELECT json_build_object('id', l.id, 'calendar_id', l.calendar_id, 'calendar_version', bc.version, 'first_response_min', l.first_response_min,
                             'feedback_min', l.feedback_min, 'resolution_min', l.resolution_min, 'cycle_min', l.cycle_min, 'warn_ratio', l.warn_ratio,
                             'category_code', l.category_code, 'value_tier', l.value_tier)
    FROM latest l JOIN business_calendar bc ON bc.id = l.calendar_id
    WHERE NOT l.is_removed
    ORDER BY l.depth, (l.value_tier <> ${p.tier}), l.id
    LIMIT 1)`;
}

export interface SlaCellRow {
  id: number;
  categoryCode: string;
  grade: ComplaintGrade;
  valueTier: string;
  isAppeal: boolean;
  firstResponseMin: number;
  feedbackMin: number;
  resolutionMin: number;
  cycleMin: number;
  calendarId: number;
  warnRatio: number;
  effectiveFrom: Date;
  /** Rows of this cell so far (its versions, removals included). */
  versions: number;
  /** In force from a future time (a scheduled change). */
  isScheduled: boolean;
}

type SlaRow = Prisma.SlaTargetGetPayload<object>;

function stateOf(r: SlaRow, calendarCode: string | null): Prisma.InputJsonValue {
  return {
    categoryCode: r.categoryCode,
    grade: r.grade,
    valueTier: r.valueTier,
    isAppeal: r.isAppeal,
    isRemoved: r.isRemoved,
    firstResponseMin: r.firstResponseMin,
    feedbackMin: r.feedbackMin,
    resolutionMin: r.resolutionMin,
    cycleMin: r.cycleMin,
    calendarId: r.calendarId,
    calendar: calendarCode,
    warnRatio: r.warnRatio,
    effectiveFrom: r.effectiveFrom.toISOString(),
  };
}

/** The matrix as the editor shows it: each cell's latest version (scheduled ones included),
 *  removed cells left out; '*' first, then the tree's order; appeals last. */
export async function listSlaMatrix(actor: Actor, now = new Date()): Promise<SlaCellRow[]> {
  assertCan(actor, "serviceStandards:manage");
  const rows = await db.$queryRaw<Array<Omit<SlaCellRow, "isScheduled"> & { isRemoved: boolean }>>`
    SELECT * FROM (
      SELECT DISTINCT ON (category_code, grade, value_tier, is_appeal)
             id, category_code AS "categoryCode", grade::text AS grade, value_tier AS "valueTier", is_appeal AS "isAppeal",
             first_response_min AS "firstResponseMin", feedback_min AS "feedbackMin", resolution_min AS "resolutionMin", cycle_min AS "cycleMin",
             calendar_id AS "calendarId", warn_ratio AS "warnRatio", effective_from AS "effectiveFrom", is_removed AS "isRemoved",
             (count(*) OVER (PARTITION BY category_code, grade, value_tier, is_appeal))::int AS versions
      FROM sla_target ORDER BY category_code, grade, value_tier, is_appeal, effective_from DESC) x
    WHERE NOT "isRemoved"`;
  const order = await db.complaintCategory.findMany({ select: { code: true, sortOrder: true, id: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
  const rank = new Map(order.map((c, i) => [c.code, i + 1]));
  rank.set(ALL_CATEGORIES, 0);
  const tierRank = (t: string) => VALUE_TIER_KEYS.indexOf(t as (typeof VALUE_TIER_KEYS)[number]);
  return rows
    .map((r) => {
      const cell: SlaCellRow & { isRemoved?: boolean } = { ...r, isScheduled: r.effectiveFrom > now };
      delete cell.isRemoved;
      return cell;
    })
    .sort(
      (a, b) =>
        Number(a.isAppeal) - Number(b.isAppeal) ||
        (rank.get(a.categoryCode) ?? 9e9) - (rank.get(b.categoryCode) ?? 9e9) ||
        COMPLAINT_GRADES.indexOf(a.grade) - COMPLAINT_GRADES.indexOf(b.grade) ||
        tierRank(b.valueTier) - tierRank(a.valueTier),
    );
}

/** Serialises writers of one cell (two saves from the same version: the second is a conflict). */
async function lockCell(tx: Tx, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sla:" + key}))`;
}

async function latestOf(tx: Tx, k: { categoryCode: string; grade: ComplaintGrade; valueTier: string; isAppeal: boolean }) {
  return tx.slaTarget.findFirst({ where: { categoryCode: k.categoryCode, grade: k.grade, valueTier: k.valueTier, isAppeal: k.isAppeal }, orderBy: { effectiveFrom: "desc" } });
}

/** No backdating (a minute's grace for the clock between the form and the server), and after the
 *  cell's latest version: versions are in force one after the other. */
function checkEffectiveFrom(at: Date, now: Date, latest: SlaRow | null) {
  if (at.getTime() < now.getTime() - 60_000) throw new ValidationError({ effectiveFrom: "slaEffectiveInPast" });
  if (latest && at <= latest.effectiveFrom) throw new ValidationError({ effectiveFrom: "slaEffectiveBeforeLatest" });
}

interface CellWrite {
  categoryCode: string;
  grade: ComplaintGrade;
  valueTier: string;
  isAppeal: boolean;
  values: SlaCellValues & { calendarId: number };
  isRemoved: boolean;
  effectiveFrom: Date;
}

/** Writes a cell's next version with its revision; the caller has locked the cell. */
async function writeCell(tx: Tx, actor: Actor, w: CellWrite, latest: SlaRow | null): Promise<SlaRow> {
  const calendars = await tx.businessCalendarDef.findMany({ select: { id: true, code: true } });
  const calCode = (id: number) => calendars.find((c) => c.id === id)?.code ?? null;
  const row = await tx.slaTarget.create({
    data: {
      categoryCode: w.categoryCode,
      grade: w.grade,
      valueTier: w.valueTier,
      isAppeal: w.isAppeal,
      ...w.values,
      isRemoved: w.isRemoved,
      effectiveFrom: w.effectiveFrom,
      createdBy: actor.id > 0 ? actor.id : null,
    },
  });
  const version = await tx.slaTarget.count({ where: { categoryCode: w.categoryCode, grade: w.grade, valueTier: w.valueTier, isAppeal: w.isAppeal } });
  await recordRevision(tx, actor, {
    entity: "slaCell",
    entityKey: slaCellKey(w),
    version,
    before: latest ? stateOf(latest, calCode(latest.calendarId)) : undefined,
    after: stateOf(row, calCode(row.calendarId)),
  });
  return row;
}

/**
 * Adds a cell or a new version of one, in force from `effectiveFrom` (now when empty). `baseId` is
 * the version the editor saw (empty for a new cell): a newer one is a conflict. Checked in full
 * (checkSlaCell) with field-level errors; nothing is written when anything is wrong.
 */
export async function saveSlaCell(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: number }> {
  assertCan(actor, "serviceStandards:manage");
  const input = slaCellSave.parse(raw);
  const values = { firstResponseMin: input.firstResponseMin, feedbackMin: input.feedbackMin, resolutionMin: input.resolutionMin, cycleMin: input.cycleMin, warnRatio: input.warnRatio };
  const problems = checkSlaCell(values);
  if (Object.keys(problems).length) throw new ValidationError(problems, "sla.cellInvalid");
  return db.$transaction(async (tx) => {
    if (input.categoryCode !== ALL_CATEGORIES && !(await tx.complaintCategory.findUnique({ where: { code: input.categoryCode }, select: { id: true } })))
      throw new ValidationError({ categoryCode: "invalidOption" });
    if (!(await tx.businessCalendarDef.findUnique({ where: { id: input.calendarId }, select: { id: true } }))) throw new ValidationError({ calendarId: "invalidOption" });
    await lockCell(tx, slaCellKey(input));
    const latest = await latestOf(tx, input);
    const live = latest && !latest.isRemoved ? latest : null;
    if (input.baseId == null ? live !== null : live?.id !== input.baseId) {
      if (input.baseId == null) throw new ValidationError({ grade: "slaCellExists" }, "sla.cellExists");
      throw new ConflictError("a newer version of this cell exists");
    }
    const effectiveFrom = input.effectiveFrom ?? now;
    checkEffectiveFrom(effectiveFrom, now, latest);
    const row = await writeCell(tx, actor, { ...input, values: { ...values, calendarId: input.calendarId }, isRemoved: false, effectiveFrom }, latest);
    await recordAudit(tx, actor, {
      action: live ? "slaTarget.updated" : "slaTarget.created",
      entity: "slaTarget",
      entityId: row.id,
      data: { key: slaCellKey(input), previousId: live?.id ?? null, ...values, calendarId: input.calendarId, effectiveFrom: effectiveFrom.toISOString() },
    });
    return { id: row.id };
  });
}

/** Removes a cell from `effectiveFrom` (now when empty): complaints then take the parent
 *  category's cell. The root cells ('*', STANDARD tier) stay: every complaint needs a target. */
export async function removeSlaCell(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = slaCellRemove.parse(raw);
  await db.$transaction(async (tx) => {
    const seen = await tx.slaTarget.findUnique({ where: { id: input.baseId } });
    if (!seen) throw new NotFoundError("slaTarget");
    if (seen.categoryCode === ALL_CATEGORIES && seen.valueTier === "STANDARD") throw new ValidationError({ baseId: "slaRootCell" }, "sla.rootCell");
    await lockCell(tx, slaCellKey(seen));
    const latest = await latestOf(tx, seen);
    if (latest?.id !== seen.id || seen.isRemoved) throw new ConflictError("a newer version of this cell exists");
    const effectiveFrom = input.effectiveFrom ?? now;
    checkEffectiveFrom(effectiveFrom, now, latest);
    const row = await writeCell(
      tx,
      actor,
      {
        ...seen,
        values: { firstResponseMin: seen.firstResponseMin, feedbackMin: seen.feedbackMin, resolutionMin: seen.resolutionMin, cycleMin: seen.cycleMin, warnRatio: seen.warnRatio, calendarId: seen.calendarId },
        isRemoved: true,
        effectiveFrom,
      },
      latest,
    );
    await recordAudit(tx, actor, { action: "slaTarget.removed", entity: "slaTarget", entityId: row.id, data: { key: slaCellKey(seen), previousId: seen.id, effectiveFrom: effectiveFrom.toISOString() } });
  });
}

/** Restores a cell's state from a revision as a new version in force now (lib/config/restore.ts). */
export async function restoreSlaCell(tx: Tx, actor: Actor, entityKey: string, data: Prisma.JsonValue, now = new Date()): Promise<void> {
  const d = data as Record<string, unknown>;
  const key = { categoryCode: String(d.categoryCode), grade: String(d.grade) as ComplaintGrade, valueTier: String(d.valueTier), isAppeal: d.isAppeal === true };
  if (slaCellKey(key) !== entityKey) throw new ValidationError({ revisionId: "invalid" });
  const values = {
    firstResponseMin: Number(d.firstResponseMin),
    feedbackMin: Number(d.feedbackMin),
    resolutionMin: Number(d.resolutionMin),
    cycleMin: Number(d.cycleMin),
    warnRatio: Number(d.warnRatio),
  };
  const isRemoved = d.isRemoved === true;
  if (!isRemoved) {
    const problems = checkSlaCell(values);
    if (Object.keys(problems).length) throw new ValidationError(problems, "sla.cellInvalid");
  }
  const calendar = (typeof d.calendar === "string" ? await tx.businessCalendarDef.findUnique({ where: { code: d.calendar } }) : null) ?? (await tx.businessCalendarDef.findUnique({ where: { id: Number(d.calendarId) } }));
  if (!calendar) throw new ValidationError({ calendarId: "invalidOption" });
  if (isRemoved && key.categoryCode === ALL_CATEGORIES && key.valueTier === "STANDARD") throw new ValidationError({ baseId: "slaRootCell" }, "sla.rootCell");
  await lockCell(tx, entityKey);
  const latest = await latestOf(tx, key);
  const effectiveFrom = latest && latest.effectiveFrom >= now ? new Date(latest.effectiveFrom.getTime() + 1) : now;
  const row = await writeCell(tx, actor, { ...key, values: { ...values, calendarId: calendar.id }, isRemoved, effectiveFrom }, latest);
  await recordAudit(tx, actor, { action: "slaTarget.restored", entity: "slaTarget", entityId: row.id, data: { key: entityKey, isRemoved } });
}

export interface SlaPreview {
  /** The cell that applies and where it comes from (the category itself, an ancestor or '*'). */
  source: { categoryCode: string; valueTier: string } | null;
  targets: (SlaCellValues & { calendarId: number }) | null;
  /** Deadlines of a complaint opened at `now`, in the cell's business calendar. */
  due: { firstResponse: Date; feedback: Date; resolution: Date; cycle: Date; warnFirstResponse: Date } | null;
}

/** What a new complaint in the chosen cell would get if opened now: the same lookup as intake. */
export async function previewSlaCell(actor: Actor, raw: unknown, now = new Date()): Promise<SlaPreview> {
  assertCan(actor, "serviceStandards:manage");
  const input = slaPreviewInput.parse(raw);
  const [r] = await sqlRows<{
    target: {
      calendar_id: number;
      calendar_version: number;
      first_response_min: number;
      feedback_min: number;
      resolution_min: number;
      cycle_min: number;
      warn_ratio: number;
      category_code: string;
      value_tier: string;
    } | null;
  }>(Prisma.sql`SELECT ${inForceTargetSql({ categoryId: input.categoryId, grade: input.grade, tier: Prisma.sql`${input.valueTier}::text`, isAppeal: input.isAppeal, now })} AS target`);
  const t = r?.target;
  if (!t) return { source: null, targets: null, due: null };
  const calendar = await loadCalendar(db, t.calendar_id, t.calendar_version);
  const at = (min: number) => addBusinessMinutes(calendar, now, min);
  return {
    source: { categoryCode: t.category_code, valueTier: t.value_tier },
    targets: { firstResponseMin: t.first_response_min, feedbackMin: t.feedback_min, resolutionMin: t.resolution_min, cycleMin: t.cycle_min, warnRatio: t.warn_ratio, calendarId: t.calendar_id },
    due: {
      firstResponse: at(t.first_response_min),
      feedback: at(t.feedback_min),
      resolution: at(t.resolution_min),
      cycle: at(t.cycle_min),
      warnFirstResponse: at(Math.max(1, Math.floor(t.first_response_min * t.warn_ratio))),
    },
  };
}

/** The business calendars a cell can count in (id and names), for the editor. */
export async function listSlaCalendars(actor: Actor): Promise<Array<{ id: number; code: string; nameZh: string; nameEn: string }>> {
  assertCan(actor, "serviceStandards:manage");
  return db.businessCalendarDef.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { id: "asc" } });
}
