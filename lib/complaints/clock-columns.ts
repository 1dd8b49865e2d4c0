import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ComplaintStatus } from "@/lib/complaints/workflow";
import { computeComplaintClocks } from "@/lib/complaints/complaint-clocks";
import { loadCalendar } from "@/lib/complaints/standards";

// The stored clock columns of a complaint (due and warning times, paused flag), recomputed from
// its status history and business calendar on every write that moves a clock. The clock math
// itself is pure (lib/complaints/complaint-clocks.ts); this reads the history and writes the columns.

type Row = Prisma.ComplaintGetPayload<object>;

/** A complaint's status history and its calendar's current version (for the clocks). */
export interface ClockHistory {
  calendarVersion: number | null;
  history: Array<{ at: Date; toStatus: ComplaintStatus }>;
}

/** The history and the calendar's version as two columns of a SELECT over complaint `c`. */
export const CLOCK_HISTORY_COLUMNS = Prisma.sql`
  (SELECT version FROM business_calendar WHERE id = c.calendar_id) AS "calendarVersion",
  COALESCE((SELECT json_agg(json_build_object('at', h.at, 'toStatus', h.to_status) ORDER BY h.at, h.id)
            FROM complaint_status_change h WHERE h.complaint_id = c.id), '[]'::json) AS history`;

export function clockHistoryOf(r: { calendarVersion: number | null; history: Array<{ at: string; toStatus: ComplaintStatus }> }): ClockHistory {
  return { calendarVersion: r.calendarVersion, history: r.history.map((h) => ({ at: new Date(h.at), toStatus: h.toStatus })) };
}

export async function readClockHistory(tx: Tx, complaintId: number): Promise<ClockHistory> {
  const [r] = await tx.$queryRaw<Array<{ calendarVersion: number | null; history: Array<{ at: string; toStatus: ComplaintStatus }> }>>`
    SELECT ${CLOCK_HISTORY_COLUMNS} FROM complaint c WHERE c.id = ${complaintId}`;
  return clockHistoryOf(r);
}

/** The clock columns of a complaint as of `now`, from its history (see lib/complaints/complaint-clocks.ts). */
export async function clockColumns(
  tx: Tx,
  c: ClockInputs & { id: number; calendarId: number },
  status: ComplaintStatus,
  extraHistory: { at: Date; toStatus: ComplaintStatus }[],
  now: Date,
) {
  // The history and the calendar's version in one read; the parsed calendar is cached per version.
  const h = await readClockHistory(tx, c.id);
  return clockColumnsOf(c, status, [...h.history, ...extraHistory], await loadCalendar(tx, c.calendarId, h.calendarVersion ?? undefined), now);
}

/** The clock columns (clockColumnsOf) as the SET list of an UPDATE of complaint. */
export function clockSetSql(cols: ReturnType<typeof clockColumnsOf>): Prisma.Sql[] {
  const at = (d: Date | null) => Prisma.sql`${d}::timestamptz`;
  return [
    Prisma.sql`first_response_due_at = ${at(cols.firstResponseDueAt)}`,
    Prisma.sql`feedback_due_at = ${at(cols.feedbackDueAt)}`,
    Prisma.sql`resolution_due_at = ${at(cols.resolutionDueAt)}`,
    Prisma.sql`cycle_due_at = ${at(cols.cycleDueAt)}`,
    Prisma.sql`next_due_at = ${at(cols.nextDueAt)}`,
    Prisma.sql`next_warn_at = ${at(cols.nextWarnAt)}`,
    Prisma.sql`is_sla_paused = ${cols.isSlaPaused}`,
    ...("warnedAt" in cols ? [Prisma.sql`warned_at = NULL`] : []),
  ];
}

type ClockInputs = Pick<Row, "createdAt" | "firstResponseMin" | "feedbackMin" | "resolutionMin" | "cycleMin" | "warnRatio" | "firstRespondedAt" | "feedbackAt">;

/** What the clock computation needs of a complaint: its targets, first answers and status history. */
export function complaintClockInput(c: ClockInputs, status: ComplaintStatus, history: { at: Date; toStatus: ComplaintStatus }[]) {
  return {
    createdAt: c.createdAt,
    status,
    targets: { FIRST_RESPONSE: c.firstResponseMin, FEEDBACK: c.feedbackMin, RESOLUTION: c.resolutionMin, CYCLE: c.cycleMin },
    warnRatio: c.warnRatio,
    firstRespondedAt: c.firstRespondedAt,
    feedbackAt: c.feedbackAt,
    history,
  };
}

/** The clock columns from a complaint's targets and its whole status history (no reads). */
export function clockColumnsOf(
  c: ClockInputs,
  status: ComplaintStatus,
  history: { at: Date; toStatus: ComplaintStatus }[],
  calendar: Awaited<ReturnType<typeof loadCalendar>>,
  now: Date,
) {
  const r = computeComplaintClocks(complaintClockInput(c, status, history), calendar, now);
  return {
    firstResponseDueAt: r.dueAt.FIRST_RESPONSE,
    feedbackDueAt: r.dueAt.FEEDBACK,
    resolutionDueAt: r.dueAt.RESOLUTION,
    cycleDueAt: r.dueAt.CYCLE,
    nextDueAt: r.nextDueAt,
    nextWarnAt: r.nextWarnAt,
    isSlaPaused: r.isPaused,
    // A new, later warning moment (the next clock) may warn again.
    ...(r.nextWarnAt && r.nextWarnAt > now ? { warnedAt: null } : {}),
  };
}
