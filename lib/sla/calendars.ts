import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { recordRevision } from "@/lib/config/revisions";
import { clockColumnsOf } from "@/lib/complaints/clock-columns";
import type { ComplaintStatus } from "@/lib/complaints/workflow";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import {
  defineBusinessCalendar,
  validateCalendar,
  type BusinessCalendar,
  type BusinessCalendarInput,
  type CalendarProblem,
  type MakeupWorkday,
  type TimeInterval,
  type Weekday,
} from "@/lib/sla/calendar";
import { parseDateList, type DateEntryProblem } from "@/lib/sla/calendar-dates";
import { calendarCreate, calendarHoursUpdate, calendarYearUpdate, teamCalendarAssign } from "@/lib/sla/calendar-schemas";

// Business calendars (admins): create, weekly hours with breaks, holidays and make-up days (调休)
// per year, and which teams work by which calendar. Every change checks a version, writes the
// calendar's whole state as a revision (lib/config/revisions.ts, entity "calendar", keyed by code;
// team assignments: entity "teamCalendar", keyed by team code) and its audit row, in one
// transaction. Complaints keep their calendar id and count in its current version (see
// docs/complaints.md → "Calendar edits and open complaints").

export const CALENDAR_ENTITY = "calendar";
export const TEAM_CALENDAR_ENTITY = "teamCalendar";

const OFFICE_DAY: TimeInterval[] = [
  { start: "09:00", end: "12:00" },
  { start: "13:30", end: "18:00" },
];

/** A new calendar's hours until its admin sets them: Mon–Fri 09:00–12:00 and 13:30–18:00. */
export const NEW_CALENDAR_WEEKLY: Record<Weekday, TimeInterval[]> = { 0: [], 1: OFFICE_DAY, 2: OFFICE_DAY, 3: OFFICE_DAY, 4: OFFICE_DAY, 5: OFFICE_DAY, 6: [] };

/** A calendar's whole state, as kept in each revision and taken back by a restore. */
export interface CalendarRevisionData {
  code: string;
  nameZh: string;
  nameEn: string;
  definition: BusinessCalendar;
}

// ---------------------------------------------------------------------------------------------
// Field errors: each names where it is (a weekday, a holiday or make-up date) so the editor can
// show it beside that field with the date in its text. Key "holidays:2027-02-08" → code.
// ---------------------------------------------------------------------------------------------

/** Field-error key prefix for a problem path: "weekly.1", "holidays", "makeupWorkdays", … */
function fieldOf(p: CalendarProblem): string {
  const weekly = /^weekly\.(\d)/.exec(p.path);
  if (weekly) return `weekly.${weekly[1]}`;
  if (p.path.startsWith("holidays")) return `holidays:${p.date ?? ""}`;
  if (p.path.startsWith("makeupWorkdays")) return `makeupWorkdays:${p.date ?? ""}`;
  return p.path;
}

/** The ValidationError for calendar problems: field → "calendar.<CODE>" (errors.field.calendar.*). */
export function calendarValidationError(problems: readonly CalendarProblem[], entry: Record<string, DateEntryProblem[]> = {}): ValidationError {
  const fields: Record<string, string> = {};
  for (const [field, list] of Object.entries(entry)) for (const p of list) fields[`${field}:${p.date}`] ??= `calendar.${p.code}`;
  for (const p of problems) fields[fieldOf(p)] ??= `calendar.${p.code}`;
  return new ValidationError(fields, "calendar.invalid");
}

function assertValid(definition: BusinessCalendar): void {
  const problems = validateCalendar(definition);
  if (problems.length) throw calendarValidationError(problems);
}

function definitionOf(row: { definition: unknown }): BusinessCalendar {
  return defineBusinessCalendar(row.definition as BusinessCalendarInput);
}

function stateOf(row: { code: string; nameZh: string; nameEn: string; definition: unknown }): CalendarRevisionData {
  return { code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, definition: definitionOf(row) };
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export interface CalendarListRow {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  version: number;
  is24x7: boolean;
  timeZone: string;
  /** Years with holidays or make-up days entered, newest first. */
  years: number[];
  teams: Array<{ id: number; code: string; nameZh: string; nameEn: string }>;
}

export async function listCalendars(actor: Actor): Promise<CalendarListRow[]> {
  assertCan(actor, "serviceStandards:manage");
  const [rows, teams] = await Promise.all([
    db.businessCalendarDef.findMany({ orderBy: { id: "asc" } }),
    db.team.findMany({ where: { calendarId: { not: null } }, orderBy: { code: "asc" }, select: { id: true, code: true, nameZh: true, nameEn: true, calendarId: true } }),
  ]);
  return rows.map((r) => {
    const d = definitionOf(r);
    const dates = [...d.holidays, ...d.makeupWorkdays.map((m) => (typeof m === "string" ? m : m.date))];
    return {
      id: r.id,
      code: r.code,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      version: r.version,
      is24x7: d.is24x7,
      timeZone: d.timeZone,
      years: [...new Set(dates.map((x) => Number(x.slice(0, 4))))].sort((a, b) => b - a),
      teams: teams.filter((t) => t.calendarId === r.id).map((t) => ({ id: t.id, code: t.code, nameZh: t.nameZh, nameEn: t.nameEn })),
    };
  });
}

export interface CalendarDetail {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  version: number;
  definition: BusinessCalendar;
  /** Every team, with the calendar it works by (null: the SLA cell's). */
  teams: Array<{ id: number; code: string; nameZh: string; nameEn: string; calendarId: number | null }>;
  /** Other calendars, for naming the one a team uses now. */
  calendars: Array<{ id: number; nameZh: string; nameEn: string }>;
  /** Open complaints counting in this calendar. */
  openComplaints: number;
}

export async function getCalendar(actor: Actor, id: number): Promise<CalendarDetail> {
  assertCan(actor, "serviceStandards:manage");
  const row = await db.businessCalendarDef.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("calendar");
  const [teams, calendars, open] = await Promise.all([
    db.team.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, nameZh: true, nameEn: true, calendarId: true } }),
    db.businessCalendarDef.findMany({ orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } }),
    db.complaint.count({ where: { calendarId: id, status: { notIn: ["CLOSED", "REJECTED", "CANCELLED"] } } }),
  ]);
  return { id: row.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, version: row.version, definition: definitionOf(row), teams, calendars, openComplaints: open };
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** A new calendar with office hours and no holidays; its admin sets the rest on its page. */
export async function createCalendar(actor: Actor, raw: unknown): Promise<{ id: number }> {
  assertCan(actor, "serviceStandards:manage");
  const input = calendarCreate.parse(raw);
  const definition = defineBusinessCalendar({ weekly: NEW_CALENDAR_WEEKLY });
  return db.$transaction(async (tx) => {
    if (await tx.businessCalendarDef.findUnique({ where: { code: input.code }, select: { id: true } })) throw new ValidationError({ code: "calendar.codeTaken" });
    const row = await tx.businessCalendarDef.create({ data: { ...input, definition: json(definition) } });
    await recordRevision(tx, actor, { entity: CALENDAR_ENTITY, entityKey: row.code, version: row.version, after: json(stateOf(row)) });
    await recordAudit(tx, actor, { action: "calendar.created", entity: "calendar", entityId: row.id, data: { code: row.code } });
    return { id: row.id };
  });
}

// Open complaints keep their targets (minutes) and count them in their calendar's current version,
// so a calendar change moves their remaining deadlines. Their stored due and warning moments (what
// the queues sort by and the SLA scan breaches on) are recomputed in the same transaction, in
// batches, from each complaint's own status history: never a stale deadline in the scan. The
// complaint's version is not bumped: nobody edited the complaint, and an agent's open form stays valid.
const RECLOCK_BATCH = 1_000;
// Resolved complaints still count the cycle clock until they are closed (as the SLA scan).
const CLOSED_STATUSES = ["CLOSED", "REJECTED", "CANCELLED"];

async function reclockOpenComplaints(tx: Tx, calendarId: number, calendar: BusinessCalendar, now: Date): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const rows = await tx.$queryRaw<
      Array<{
        id: number;
        status: ComplaintStatus;
        createdAt: Date;
        firstResponseMin: number;
        feedbackMin: number;
        resolutionMin: number;
        cycleMin: number;
        warnRatio: number;
        firstRespondedAt: Date | null;
        feedbackAt: Date | null;
        history: Array<{ at: string; toStatus: ComplaintStatus }>;
      }>
    >`
      SELECT c.id, c.status::text AS status, c.created_at AS "createdAt", c.first_response_min AS "firstResponseMin", c.feedback_min AS "feedbackMin",
             c.resolution_min AS "resolutionMin", c.cycle_min AS "cycleMin", c.warn_ratio AS "warnRatio", c.first_responded_at AS "firstRespondedAt",
             c.feedback_at AS "feedbackAt",
             COALESCE((SELECT json_agg(json_build_object('at', h.at, 'toStatus', h.to_status) ORDER BY h.at, h.id)
                       FROM complaint_status_change h WHERE h.complaint_id = c.id), '[]'::json) AS history
      FROM complaint c
      WHERE c.calendar_id = ${calendarId} AND c.status::text NOT IN (${Prisma.join(CLOSED_STATUSES)}) AND c.id > ${after}
      ORDER BY c.id
      LIMIT ${RECLOCK_BATCH}`;
    if (rows.length === 0) return total;
    const values = rows.map((r) => {
      const cols = clockColumnsOf(r, r.status, r.history.map((h) => ({ at: new Date(h.at), toStatus: h.toStatus })), calendar, now);
      return {
        id: r.id,
        first_response_due_at: cols.firstResponseDueAt,
        feedback_due_at: cols.feedbackDueAt,
        resolution_due_at: cols.resolutionDueAt,
        cycle_due_at: cols.cycleDueAt,
        next_due_at: cols.nextDueAt,
        next_warn_at: cols.nextWarnAt,
        is_sla_paused: cols.isSlaPaused,
        reset_warned: "warnedAt" in cols,
      };
    });
    await tx.$executeRaw`
      UPDATE complaint c SET first_response_due_at = v.first_response_due_at, feedback_due_at = v.feedback_due_at,
             resolution_due_at = v.resolution_due_at, cycle_due_at = v.cycle_due_at, next_due_at = v.next_due_at,
             next_warn_at = v.next_warn_at, is_sla_paused = v.is_sla_paused,
             warned_at = CASE WHEN v.reset_warned THEN NULL ELSE c.warned_at END
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id int, first_response_due_at timestamptz, feedback_due_at timestamptz,
           resolution_due_at timestamptz, cycle_due_at timestamptz, next_due_at timestamptz, next_warn_at timestamptz, is_sla_paused boolean, reset_warned boolean)
      WHERE c.id = v.id`;
    total += rows.length;
    after = rows[rows.length - 1].id;
  }
}

/** Writes a calendar's next version (names and definition) with its revision and audit row. */
async function writeCalendar(
  tx: Tx,
  actor: Actor,
  row: { id: number; code: string; nameZh: string; nameEn: string; version: number; definition: unknown },
  next: { nameZh: string; nameEn: string; definition: BusinessCalendar },
  audit: { action: string; data: Prisma.InputJsonObject },
): Promise<{ version: number }> {
  const n = await tx.businessCalendarDef.updateMany({
    where: { id: row.id, version: row.version },
    data: { nameZh: next.nameZh, nameEn: next.nameEn, definition: json(next.definition), version: { increment: 1 } },
  });
  if (n.count === 0) throw new ConflictError();
  const version = row.version + 1;
  const reclocked = await reclockOpenComplaints(tx, row.id, next.definition, new Date());
  await recordRevision(tx, actor, {
    entity: CALENDAR_ENTITY,
    entityKey: row.code,
    version,
    before: json(stateOf(row)),
    after: json({ code: row.code, ...next }),
  });
  await recordAudit(tx, actor, { action: audit.action, entity: "calendar", entityId: row.id, data: { ...(audit.data as Prisma.InputJsonObject), reclockedComplaints: reclocked } });
  return { version };
}

async function lockedCalendar(tx: Tx, id: number, version: number) {
  const row = await tx.businessCalendarDef.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("calendar");
  if (row.version !== version) throw new ConflictError();
  return row;
}

/** Names, 24/7 and the weekly hours with breaks (intervals per weekday). */
export async function updateCalendarHours(actor: Actor, raw: unknown): Promise<{ version: number }> {
  assertCan(actor, "serviceStandards:manage");
  const input = calendarHoursUpdate.parse(raw);
  return db.$transaction(async (tx) => {
    const row = await lockedCalendar(tx, input.id, input.version);
    const current = definitionOf(row);
    const sorted = (ivs: readonly TimeInterval[]) => [...ivs].map((i) => ({ start: i.start.trim(), end: i.end.trim() })).sort((a, b) => a.start.localeCompare(b.start));
    const weekly = Object.fromEntries(Object.entries(input.weekly).map(([d, ivs]) => [d, sorted(ivs)])) as Record<Weekday, TimeInterval[]>;
    const definition = defineBusinessCalendar({ ...current, is24x7: input.is24x7, weekly });
    assertValid(definition);
    return writeCalendar(tx, actor, row, { nameZh: input.nameZh, nameEn: input.nameEn, definition }, {
      action: "calendar.hoursUpdated",
      data: { is24x7: input.is24x7, weekly: json(weekly) },
    });
  });
}

/**
 * Replaces one year's holidays and make-up days with the typed lists (dates and ranges). A date
 * of another year, a bad date, a make-up day on a holiday or on a working weekday is refused
 * with its date named; other years are untouched. A make-up day that keeps its date keeps its
 * own intervals.
 */
export async function updateCalendarYear(actor: Actor, raw: unknown): Promise<{ version: number; holidays: number; makeupWorkdays: number }> {
  assertCan(actor, "serviceStandards:manage");
  const input = calendarYearUpdate.parse(raw);
  const holidays = parseDateList(input.holidays, input.year);
  const makeups = parseDateList(input.makeupWorkdays, input.year);
  return db.$transaction(async (tx) => {
    const row = await lockedCalendar(tx, input.id, input.version);
    const current = definitionOf(row);
    const prefix = `${input.year}-`;
    const dateOf = (m: string | MakeupWorkday) => (typeof m === "string" ? m : m.date);
    const kept = new Map(current.makeupWorkdays.filter((m) => dateOf(m).startsWith(prefix)).map((m) => [dateOf(m), m]));
    const definition = defineBusinessCalendar({
      ...current,
      holidays: [...current.holidays.filter((d) => !d.startsWith(prefix)), ...holidays.dates].sort(),
      makeupWorkdays: [...current.makeupWorkdays.filter((m) => !dateOf(m).startsWith(prefix)), ...makeups.dates.map((d) => kept.get(d) ?? d)].sort((a, b) =>
        dateOf(a).localeCompare(dateOf(b)),
      ),
    });
    const problems = validateCalendar(definition);
    if (holidays.problems.length || makeups.problems.length || problems.length) {
      throw calendarValidationError(problems, { holidays: holidays.problems, makeupWorkdays: makeups.problems });
    }
    const { version } = await writeCalendar(tx, actor, row, { nameZh: row.nameZh, nameEn: row.nameEn, definition }, {
      action: "calendar.yearUpdated",
      data: { year: input.year, holidays: holidays.dates, makeupWorkdays: makeups.dates },
    });
    return { version, holidays: holidays.dates.length, makeupWorkdays: makeups.dates.length };
  });
}

async function nextTeamRevision(tx: Tx, teamCode: string): Promise<number> {
  const last = await tx.serviceStandardRevision.findFirst({ where: { entity: TEAM_CALENDAR_ENTITY, entityKey: teamCode }, orderBy: { version: "desc" }, select: { version: true } });
  // The first change is version 2, so version 1 keeps the state before it (assignments made before
  // history was kept, or none at all).
  return last ? last.version + 1 : 2;
}

async function setTeamCalendar(tx: Tx, actor: Actor, team: { id: number; code: string; calendarId: number | null }, calendar: { id: number; code: string } | null, action: string) {
  const n = await tx.team.updateMany({ where: { id: team.id, calendarId: team.calendarId }, data: { calendarId: calendar?.id ?? null } });
  if (n.count === 0) throw new ConflictError();
  const before = team.calendarId === null ? null : await tx.businessCalendarDef.findUnique({ where: { id: team.calendarId }, select: { code: true } });
  const version = await nextTeamRevision(tx, team.code);
  await recordRevision(tx, actor, {
    entity: TEAM_CALENDAR_ENTITY,
    entityKey: team.code,
    version,
    before: { teamCode: team.code, calendarCode: before?.code ?? null },
    after: { teamCode: team.code, calendarCode: calendar?.code ?? null },
  });
  await recordAudit(tx, actor, { action, entity: "team", entityId: team.id, data: { from: before?.code ?? null, to: calendar?.code ?? null } });
}

/** Which calendar a team works by; the team must still have the one the editor saw. */
export async function assignTeamCalendar(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = teamCalendarAssign.parse(raw);
  await db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, code: true, calendarId: true } });
    if (!team) throw new NotFoundError("team");
    if (team.calendarId !== input.expectedCalendarId) throw new ConflictError();
    if (team.calendarId === input.calendarId) return;
    const calendar = input.calendarId === null ? null : await tx.businessCalendarDef.findUnique({ where: { id: input.calendarId }, select: { id: true, code: true } });
    if (input.calendarId !== null && !calendar) throw new ValidationError({ calendarId: "invalidOption" });
    await setTeamCalendar(tx, actor, team, calendar, "team.calendarAssigned");
  });
}

// ---------------------------------------------------------------------------------------------
// Restore (the history viewer calls these with a revision's data; restoring is a new revision)
// ---------------------------------------------------------------------------------------------

/** Puts a calendar back to a revision's state (names and definition) as its next version. */
export async function restoreCalendarRevision(tx: Tx, actor: Actor, entityKey: string, data: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const state = data as Partial<CalendarRevisionData> | null;
  if (!state || typeof state.nameZh !== "string" || typeof state.nameEn !== "string" || typeof state.definition !== "object" || state.definition === null) {
    throw new ValidationError({ data: "invalid" });
  }
  const row = await tx.businessCalendarDef.findUnique({ where: { code: entityKey } });
  if (!row) throw new NotFoundError("calendar");
  const definition = defineBusinessCalendar(state.definition as BusinessCalendarInput);
  assertValid(definition);
  await writeCalendar(tx, actor, row, { nameZh: state.nameZh, nameEn: state.nameEn, definition }, { action: "calendar.restored", data: { code: row.code } });
}

/** Puts a team's calendar back to a revision's ({ calendarCode }). */
export async function restoreTeamCalendarRevision(tx: Tx, actor: Actor, entityKey: string, data: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const state = data as { calendarCode?: unknown } | null;
  if (!state || (state.calendarCode !== null && typeof state.calendarCode !== "string")) throw new ValidationError({ data: "invalid" });
  const team = await tx.team.findUnique({ where: { code: entityKey }, select: { id: true, code: true, calendarId: true } });
  if (!team) throw new NotFoundError("team");
  const calendar = state.calendarCode === null ? null : await tx.businessCalendarDef.findUnique({ where: { code: state.calendarCode as string }, select: { id: true, code: true } });
  if (state.calendarCode !== null && !calendar) throw new NotFoundError("calendar");
  if ((calendar?.id ?? null) === team.calendarId) return;
  await setTeamCalendar(tx, actor, team, calendar, "team.calendarRestored");
}
