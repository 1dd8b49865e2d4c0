// The four SLA clocks of a complaint, derived from its status history with lib/sla/clock.ts.
// Pure: the complaint's snapshot of targets, its history, the calendar and `now` come in.
import type { BusinessCalendar } from "@/lib/sla/calendar";
import { computeClock, computeClockSpans, type ClockPhase, type SlaClock } from "@/lib/sla/clock";
import type { ComplaintStatus } from "@/lib/complaints/workflow";

export const CLOCK_KINDS = ["FIRST_RESPONSE", "FEEDBACK", "RESOLUTION", "CYCLE"] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export interface ComplaintClockInput {
  createdAt: Date;
  status: ComplaintStatus;
  targets: Record<ClockKind, number>;
  warnRatio: number;
  /** When the customer first heard from us / when the owner reported the result (null = not yet). */
  firstRespondedAt: Date | null;
  feedbackAt: Date | null;
  /** Chronological status changes, the creation included. */
  history: readonly { at: Date; toStatus: ComplaintStatus }[];
}

export interface ComplaintClocks {
  clocks: Record<ClockKind, SlaClock>;
  /** Earliest deadline / warning among the clocks still counting; null when none counts. */
  nextDueAt: Date | null;
  nextWarnAt: Date | null;
  /** Every clock still counting is paused (waiting on the customer or a third party). */
  isPaused: boolean;
  dueAt: Record<ClockKind, Date | null>;
}

const FINISHED: readonly ComplaintStatus[] = ["CLOSED", "REJECTED", "CANCELLED"];

/**
 * Phase of a clock while the complaint is in `status`. All clocks pause while PENDING/HELD
 * (domain: waiting on the customer or a third party pauses the SLA); resolution stops at
 * RESOLVED, the cycle at CLOSED; rejection and cancellation stop everything.
 */
export function phaseFor(kind: ClockKind, status: ComplaintStatus): ClockPhase {
  if (status === "REJECTED" || status === "CANCELLED") return "STOPPED";
  if (status === "PENDING" || status === "HELD") return "PAUSED";
  if (kind === "RESOLUTION" && (status === "RESOLVED" || status === "CLOSED")) return "STOPPED";
  if (kind === "CYCLE" && status === "CLOSED") return "STOPPED";
  return "RUNNING";
}

export function computeComplaintClocks(input: ComplaintClockInput, calendar: BusinessCalendar, now: Date): ComplaintClocks {
  const clocks = {} as Record<ClockKind, SlaClock>;
  const dueAt = {} as Record<ClockKind, Date | null>;
  let nextDue: number | null = null;
  let nextWarn: number | null = null;
  let counting = 0;
  let paused = 0;
  for (const kind of CLOCK_KINDS) {
    const timeline = input.history.map((h) => ({ at: h.at, phase: phaseFor(kind, h.toStatus) }));
    const spans = computeClockSpans(timeline);
    let stoppedAt = spans.stoppedAt;
    // First response and owner feedback stop at their own event, whichever state the case is in.
    const event = kind === "FIRST_RESPONSE" ? input.firstRespondedAt : kind === "FEEDBACK" ? input.feedbackAt : null;
    if (event && (!stoppedAt || event < stoppedAt)) stoppedAt = event;
    const clock = computeClock({
      calendar,
      targetMinutes: input.targets[kind],
      startedAt: input.createdAt,
      pauses: spans.pauses,
      stoppedAt,
      now,
      warnAtRatio: input.warnRatio,
    });
    clocks[kind] = clock;
    const isCounting = !clock.isStopped && !FINISHED.includes(input.status);
    dueAt[kind] = isCounting ? clock.dueAt : null;
    if (isCounting) {
      counting++;
      if (clock.isPaused) paused++;
      const d = clock.dueAt.getTime();
      const w = clock.warnAt.getTime();
      if (nextDue === null || d < nextDue) nextDue = d;
      if (nextWarn === null || w < nextWarn) nextWarn = w;
    }
  }
  return {
    clocks,
    dueAt,
    nextDueAt: nextDue === null ? null : new Date(nextDue),
    nextWarnAt: nextWarn === null ? null : new Date(nextWarn),
    isPaused: counting > 0 && paused === counting,
  };
}

/** Minutes → "2 h 05 min"-style parts for display; negative means overdue. */
export function splitMinutes(minutes: number): { negative: boolean; days: number; hours: number; minutes: number } {
  const negative = minutes < 0;
  const total = Math.floor(Math.abs(minutes));
  return { negative, days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}
