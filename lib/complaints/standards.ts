import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { defineBusinessCalendar, validateCalendar, type BusinessCalendar, type BusinessCalendarInput } from "@/lib/sla/calendar";
import { COMPLAINT_GRADES } from "@/lib/complaints/schemas";

// Service standards: categories (with reply scripts), business calendars, the SLA matrix, the
// escalation ladder and compensation limits. Every edit checks a version, keeps the previous
// version in service_standard_revision and writes its audit row in the same transaction.

// Parsed calendars by id, with the version they were parsed from (calendars are versioned; see
// updateCalendar). Read-only once defined, so sharing them across requests is safe.
const calendarCache = new Map<number, { version: number; calendar: BusinessCalendar }>();

/**
 * A business calendar, parsed once per version. A caller that already read the calendar's version
 * (joined in its own query, as the work queues do) passes it and skips the read when it matches.
 */
export async function loadCalendar(tx: Tx, calendarId: number, version?: number): Promise<BusinessCalendar> {
  const hit = calendarCache.get(calendarId);
  if (hit && version !== undefined && hit.version === version) return hit.calendar;
  const row = await tx.businessCalendarDef.findUnique({ where: { id: calendarId }, select: { definition: true, version: true } });
  if (!row) throw new NotFoundError("calendar");
  if (hit && hit.version === row.version) return hit.calendar;
  const calendar = defineBusinessCalendar(row.definition as BusinessCalendarInput);
  calendarCache.set(calendarId, { version: row.version, calendar });
  return calendar;
}

export interface CategoryOption {
  id: number;
  code: string;
  parentId: number | null;
  nameZh: string;
  nameEn: string;
}

/** Active categories for the intake form, parents before children. */
export async function listActiveCategories(actor: Actor): Promise<CategoryOption[]> {
  assertCan(actor, "complaint:read");
  return db.complaintCategory.findMany({
    where: { isActive: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, code: true, parentId: true, nameZh: true, nameEn: true },
  });
}

async function keepRevision(tx: Tx, actor: Actor, entity: string, entityKey: string, version: number, data: Prisma.InputJsonValue) {
  await tx.serviceStandardRevision.create({ data: { entity, entityKey, version, data, changedBy: actor.id > 0 ? actor.id : null } });
}

export async function getServiceStandards(actor: Actor, now = new Date()) {
  assertCan(actor, "serviceStandards:manage");
  const [categories, calendars, ladder, limits, targets, revisions] = await Promise.all([
    db.complaintCategory.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
    db.businessCalendarDef.findMany({ orderBy: { id: "asc" } }),
    db.escalationStep.findMany({ orderBy: { level: "asc" } }),
    db.compensationLimit.findMany({ orderBy: { role: "asc" } }),
    // The row in force per key: the latest effective_from not in the future.
    db.$queryRaw<Array<{ id: number; category_code: string; grade: string; value_tier: string; is_appeal: boolean; first_response_min: number; feedback_min: number; resolution_min: number; cycle_min: number; calendar_id: number; warn_ratio: number; effective_from: Date; versions: number }>>`
      SELECT DISTINCT ON (category_code, grade, value_tier, is_appeal) id, category_code, grade::text, value_tier, is_appeal, first_response_min, feedback_min,
             resolution_min, cycle_min, calendar_id, warn_ratio, effective_from,
             (count(*) OVER (PARTITION BY category_code, grade, value_tier, is_appeal))::int AS versions
      FROM sla_target WHERE effective_from <= ${now}
      ORDER BY category_code, grade, value_tier, is_appeal, effective_from DESC`,
    db.serviceStandardRevision.count(),
  ]);
  const gradeOrder = (g: string) => COMPLAINT_GRADES.indexOf(g as (typeof COMPLAINT_GRADES)[number]);
  targets.sort((a, b) => Number(a.is_appeal) - Number(b.is_appeal) || a.category_code.localeCompare(b.category_code) || a.value_tier.localeCompare(b.value_tier) || gradeOrder(a.grade) - gradeOrder(b.grade));
  return {
    categories,
    calendars: calendars.map((c) => ({ ...c, definition: defineBusinessCalendar(c.definition as BusinessCalendarInput) })),
    ladder,
    limits: limits.map((l) => ({ ...l, creditLimit: Number(l.creditLimit) })),
    targets,
    revisions,
  };
}

const minutes = z.coerce.number().int().min(1).max(60 * 24 * 60);
export const slaTargetUpdate = z.object({
  id: z.coerce.number().int().positive(),
  firstResponseMin: minutes,
  feedbackMin: minutes,
  resolutionMin: minutes,
  cycleMin: minutes,
  calendarId: z.coerce.number().int().positive(),
  warnRatio: z.coerce.number().min(0.1).max(1),
});

/**
 * Changes a cell of the SLA matrix by adding a new version effective now; `id` is the row the
 * editor saw, and it must still be the one in force (else someone changed it meanwhile).
 */
export async function updateSlaTarget(actor: Actor, raw: unknown, now = new Date()): Promise<number> {
  assertCan(actor, "serviceStandards:manage");
  const input = slaTargetUpdate.parse(raw);
  return db.$transaction(async (tx) => {
    const seen = await tx.slaTarget.findUnique({ where: { id: input.id } });
    if (!seen) throw new NotFoundError("slaTarget");
    const current = await tx.slaTarget.findFirst({
      where: { categoryCode: seen.categoryCode, grade: seen.grade, valueTier: seen.valueTier, isAppeal: seen.isAppeal, effectiveFrom: { lte: now } },
      orderBy: { effectiveFrom: "desc" },
    });
    if (current?.id !== seen.id) throw new ConflictError("a newer version of this target exists");
    if (!(await tx.businessCalendarDef.findUnique({ where: { id: input.calendarId } }))) throw new ValidationError({ calendarId: "invalid" });
    const row = await tx.slaTarget.create({
      data: { categoryCode: seen.categoryCode, grade: seen.grade, valueTier: seen.valueTier, isAppeal: seen.isAppeal, ...input, id: undefined, effectiveFrom: now, createdBy: actor.id },
    });
    await recordAudit(tx, actor, { action: "slaTarget.updated", entity: "slaTarget", entityId: row.id, data: { previousId: seen.id, ...input } });
    return row.id;
  });
}

/** Words typed one per line or comma-separated, or the list itself: parsing twice (the action
 *  pipeline, then this module) gives the same list. */
const wordList = (maxChars: number, maxItems: number) =>
  z.preprocess((v) => (typeof v === "string" && v.length <= maxChars ? v.split(/[\s,，]+/).filter(Boolean) : v), z.array(z.string().max(maxChars)).max(maxItems));
/** A form checkbox: "on" when ticked, absent when not. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const dateList = wordList(20_000, 2_000);
export const calendarUpdate = z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive(), holidays: dateList, makeupWorkdays: dateList });

/** Edits a calendar's holidays and make-up days (调休); the result must pass validateCalendar. */
export async function updateCalendar(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = calendarUpdate.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await tx.businessCalendarDef.findUnique({ where: { id: input.id } });
    if (!row) throw new NotFoundError("calendar");
    if (row.version !== input.version) throw new ConflictError();
    const next = defineBusinessCalendar({ ...(row.definition as BusinessCalendarInput), holidays: [...new Set(input.holidays)].sort(), makeupWorkdays: [...new Set(input.makeupWorkdays)].sort() });
    const problems = validateCalendar(next);
    if (problems.length) throw new ValidationError(Object.fromEntries(problems.map((p) => [p.path, p.code])), "complaint.calendarInvalid");
    await keepRevision(tx, actor, "calendar", row.code, row.version, row.definition as Prisma.InputJsonValue);
    const n = await tx.businessCalendarDef.updateMany({ where: { id: row.id, version: row.version }, data: { definition: next as unknown as Prisma.InputJsonValue, version: { increment: 1 } } });
    if (n.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, { action: "calendar.updated", entity: "calendar", entityId: row.id, data: { holidays: next.holidays.length, makeupWorkdays: next.makeupWorkdays.length } });
  });
}

// The escalation ladder moved to lib/routing/escalation.ts (edited on /admin/routing).

export const limitUpdate = z.object({
  role: z.enum(["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"]),
  version: z.coerce.number().int().positive(),
  creditLimit: z.coerce.number().min(0).max(1_000_000),
  pointsLimit: z.coerce.number().int().min(0).max(100_000_000),
});

export async function updateCompensationLimit(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = limitUpdate.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await tx.compensationLimit.findUnique({ where: { role: input.role } });
    if (!row) throw new NotFoundError("compensationLimit");
    await keepRevision(tx, actor, "compensationLimit", row.role, row.version, { creditLimit: Number(row.creditLimit), pointsLimit: row.pointsLimit });
    const n = await tx.compensationLimit.updateMany({
      where: { role: input.role, version: input.version },
      data: { creditLimit: input.creditLimit, pointsLimit: input.pointsLimit, version: { increment: 1 } },
    });
    if (n.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, { action: "compensationLimit.updated", entity: "compensationLimit", entityId: row.role, data: { creditLimit: input.creditLimit, pointsLimit: input.pointsLimit } });
  });
}

export const categoryUpdate = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  skillTags: wordList(300, 30),
  scriptZh: z.string().trim().max(2000),
  scriptEn: z.string().trim().max(2000),
  isActive: checkbox,
});

export async function updateCategory(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = categoryUpdate.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await tx.complaintCategory.findUnique({ where: { id: input.id } });
    if (!row) throw new NotFoundError("category");
    await keepRevision(tx, actor, "category", row.code, row.version, {
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      skillTags: row.skillTags,
      scriptZh: row.scriptZh,
      scriptEn: row.scriptEn,
      isActive: row.isActive,
    });
    const { id, version, ...data } = input;
    const n = await tx.complaintCategory.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    if (n.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, { action: "category.updated", entity: "category", entityId: id, data: { code: row.code } });
  });
}
