import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { defineBusinessCalendar, type BusinessCalendar, type BusinessCalendarInput } from "@/lib/sla/calendar";

// Service standards: business calendars and the escalation ladder. (Categories live in
// lib/complaints/categories.ts, the SLA matrix in lib/sla/matrix.ts, compensation limits in
// lib/complaints/compensation-limits.ts.) Every edit checks a version, keeps the previous
// version in service_standard_revision and writes its audit row in the same transaction.

// Parsed calendars by id, with the version they were parsed from (calendars are versioned; see
// lib/sla/calendars.ts). Read-only once defined, so sharing them across requests is safe.
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

async function keepRevision(tx: Tx, actor: Actor, entity: string, entityKey: string, version: number, data: Prisma.InputJsonValue) {
  await tx.serviceStandardRevision.create({ data: { entity, entityKey, version, data, changedBy: actor.id > 0 ? actor.id : null } });
}

export async function getServiceStandards(actor: Actor) {
  assertCan(actor, "serviceStandards:manage");
  const [calendars, ladder] = await Promise.all([
    db.businessCalendarDef.findMany({ orderBy: { id: "asc" } }),
    db.escalationStep.findMany({ orderBy: { level: "asc" } }),
  ]);
  return {
    calendars: calendars.map((c) => ({ ...c, definition: defineBusinessCalendar(c.definition as BusinessCalendarInput) })),
    ladder,
  };
}

/** Words typed one per line or comma-separated, or the list itself: parsing twice (the action
 *  pipeline, then this module) gives the same list. */
const wordList = (maxChars: number, maxItems: number) =>
  z.preprocess((v) => (typeof v === "string" && v.length <= maxChars ? v.split(/[\s,，]+/).filter(Boolean) : v), z.array(z.string().max(maxChars)).max(maxItems));

// Calendars are edited on their own pages: lib/sla/calendars.ts.

export const escalationUpdate = z.object({ level: z.coerce.number().int().min(1).max(9), version: z.coerce.number().int().positive(), delayMin: z.coerce.number().int().min(0).max(10_080) });

export async function updateEscalationStep(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = escalationUpdate.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await tx.escalationStep.findUnique({ where: { level: input.level } });
    if (!row) throw new NotFoundError("escalationStep");
    await keepRevision(tx, actor, "escalationStep", String(row.level), row.version, { notifyRole: row.notifyRole, delayMin: row.delayMin });
    const n = await tx.escalationStep.updateMany({ where: { level: row.level, version: input.version }, data: { delayMin: input.delayMin, version: { increment: 1 } } });
    if (n.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, { action: "escalationStep.updated", entity: "escalationStep", entityId: row.level, data: { from: row.delayMin, to: input.delayMin } });
  });
}
