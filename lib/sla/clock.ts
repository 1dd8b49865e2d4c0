// The SLA clock: elapsed / remaining / due / warn / breach of one target over a business calendar
// (lib/sla/calendar.ts), with pauses (pause/resume) and reopen.
// Pure and deterministic: no I/O, no env, `now` is always a parameter. Durations are exact
// (fractional minutes when inputs carry seconds); callers round for display.
import {
  addBusinessMs,
  businessMsBetween,
  compileCalendar,
  minutesToMs,
  msOf,
  type BusinessCalendar,
} from "@/lib/sla/calendar";
import { MS_PER_MINUTE } from "@/lib/sla/local-time";

/** [from, to) in epoch ms. */
type Span = readonly [number, number];

export const SLA_STATUSES = [
  "ON_TRACK",
  "AT_RISK",
  "BREACHED",
  "PAUSED",
  "MET",
  "MET_LATE",
] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

/** A period the clock does not count (complaint PENDING/HELD, or resolved-then-reopened). */
export type ClockPause = { readonly from: Date; readonly to: Date | null };

export type ClockInput = {
  calendar: BusinessCalendar;
  /** Business minutes allowed: always the current target (see computeClock). */
  targetMinutes: number;
  startedAt: Date;
  /** Any order, may overlap; `to: null` = still paused. */
  pauses?: readonly ClockPause[];
  /** When the clock stopped for good (the goal was reached); null/undefined = not stopped. */
  stoppedAt?: Date | null;
  now: Date;
  /** Share of the target at which the clock turns AT_RISK; default 0.8. */
  warnAtRatio?: number;
};

export type SlaClock = {
  /** Precedence: MET / MET_LATE (stopped) > BREACHED > PAUSED > AT_RISK > ON_TRACK. */
  status: SlaStatus;
  targetMinutes: number;
  /** Business minutes counted so far, pauses excluded. */
  elapsedMinutes: number;
  /** targetMinutes − elapsedMinutes; negative when overdue. */
  remainingMinutes: number;
  /** When the target is (or was) reached; projected from `now` while running or paused. */
  dueAt: Date;
  /** When the warning share is (or was) reached; projected like dueAt. */
  warnAt: Date;
  /** dueAt once the clock ran past it, else null. */
  breachedAt: Date | null;
  /** BREACHED or MET_LATE. */
  isBreached: boolean;
  isPaused: boolean;
  isStopped: boolean;
};

/**
 * The state of one SLA clock as of `now`.
 *
 * - Everything after `now` is ignored (a stop or pause later than `now` has not happened yet),
 *   so replaying history with an earlier `now` gives the state at that time.
 * - Pauses are clipped to [startedAt, now/stoppedAt] and merged; their business time is not
 *   counted. An open pause (`to: null`) runs until `now`.
 * - Breach is strict: reaching the target exactly at `dueAt` is not a breach; any unpaused instant
 *   after it is, even in non-working time (a 12:00 deadline is breached at 12:30 over lunch). A
 *   clock paused exactly at `dueAt` is not breached until it resumes. A clock stopped at or
 *   before `dueAt` is MET, after it MET_LATE.
 * - While paused, dueAt/warnAt are projected as if the clock resumed at `now` (so they move
 *   forward while the pause lasts); for a stopped clock that never reached the target they are
 *   projected from the stop.
 * - Target changes (regrading, a new tier): elapsed time never depends on the target, so calling
 *   again with the new target is the recomputation; a breach recorded under the old target is
 *   the caller's history to keep, this reports the current target only.
 * - Reopen: see computeClockSpans; closure-to-reopen is a pause, so the clock resumes from the
 *   time elapsed before closure.
 */
export function computeClock(input: ClockInput): SlaClock {
  const cc = compileCalendar(input.calendar);
  const targetMs = minutesToMs(input.targetMinutes, "targetMinutes");
  const ratio = input.warnAtRatio ?? 0.8;
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new RangeError(`warnAtRatio must be within [0, 1], got ${ratio}`);
  }
  const warnMs = Math.round(targetMs * ratio);
  const startMs = msOf(input.startedAt, "startedAt");
  const nowMs = msOf(input.now, "now");
  const stopMs = input.stoppedAt ? msOf(input.stoppedAt, "stoppedAt") : null;
  const isStopped = stopMs !== null && stopMs <= nowMs;
  const endMs = Math.max(startMs, isStopped ? stopMs : nowMs);

  const pauses = (input.pauses ?? []).map((p, i): Span => {
    const from = msOf(p.from, `pauses[${i}].from`);
    const to = p.to === null ? Infinity : msOf(p.to, `pauses[${i}].to`);
    if (to < from) throw new RangeError(`pauses[${i}] ends before it starts`);
    return [from, to];
  });
  const isPaused =
    !isStopped &&
    nowMs >= startMs &&
    pauses.some(([from, to]) => from <= nowMs && nowMs < to);

  // Active (counted) periods: [startMs, endMs] minus the merged pauses.
  const merged = pauses
    .map(([from, to]): Span => [Math.max(from, startMs), Math.min(to, endMs)])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const active: Span[] = [];
  let cursor = startMs;
  for (const [from, to] of merged) {
    if (from > cursor) active.push([cursor, from]);
    cursor = Math.max(cursor, to);
  }
  if (endMs > cursor) active.push([cursor, endMs]);

  const counted = active.map(([a, b]) => businessMsBetween(cc, a, b));
  const elapsedMs = counted.reduce((sum, ms) => sum + ms, 0);

  // The earliest instant the count reaches `goal`: inside the past, or projected from the end.
  const instantAt = (goal: number): number => {
    let acc = 0;
    for (let i = 0; i < active.length; i++) {
      if (acc + counted[i] >= goal) return addBusinessMs(cc, active[i][0], goal - acc);
      acc += counted[i];
    }
    return addBusinessMs(cc, endMs, goal - elapsedMs);
  };
  const dueMs = instantAt(targetMs);
  const warnAtMs = instantAt(warnMs);
  // Past the deadline without being paused there (non-working time after it still counts).
  const isBreached = active.some(([, b]) => b > dueMs);
  const isAtRisk = elapsedMs >= warnMs;

  let status: SlaStatus;
  if (isStopped) status = isBreached ? "MET_LATE" : "MET";
  else if (isBreached) status = "BREACHED";
  else if (isPaused) status = "PAUSED";
  else if (isAtRisk) status = "AT_RISK";
  else status = "ON_TRACK";

  return {
    status,
    targetMinutes: input.targetMinutes,
    elapsedMinutes: elapsedMs / MS_PER_MINUTE,
    remainingMinutes: (targetMs - elapsedMs) / MS_PER_MINUTE,
    dueAt: new Date(dueMs),
    warnAt: new Date(warnAtMs),
    breachedAt: isBreached ? new Date(dueMs) : null,
    isBreached,
    isPaused,
    isStopped,
  };
}

/** What a clock does from `at` until the next entry. */
export type ClockPhase = "RUNNING" | "PAUSED" | "STOPPED";

/**
 * Turns a clock's phase timeline into computeClock's `pauses` and `stoppedAt`. The caller maps
 * complaint statuses to phases per clock kind (for resolution: PENDING/HELD → PAUSED,
 * RESOLVED/CLOSED → STOPPED, others RUNNING). A STOPPED phase followed by anything (a reopen)
 * becomes a pause, so the clock continues from the time elapsed before closure; only a final
 * STOPPED stops the clock.
 */
export function computeClockSpans(
  timeline: readonly { readonly at: Date; readonly phase: ClockPhase }[],
): { pauses: ClockPause[]; stoppedAt: Date | null } {
  const pauses: ClockPause[] = [];
  let haltedSince: Date | null = null;
  let prevMs = -Infinity;
  for (const [i, entry] of timeline.entries()) {
    const ms = msOf(entry.at, `timeline[${i}].at`);
    if (ms < prevMs) {
      throw new RangeError("timeline must be in chronological order");
    }
    prevMs = ms;
    if (entry.phase === "RUNNING") {
      if (haltedSince !== null) {
        pauses.push({ from: haltedSince, to: entry.at });
      }
      haltedSince = null;
    } else if (haltedSince === null) {
      haltedSince = entry.at;
    }
  }
  const last = timeline.at(-1);
  if (haltedSince === null || last === undefined) {
    return { pauses, stoppedAt: null };
  }
  if (last.phase === "STOPPED") {
    // Paused, then stopped from the pause: the pause runs up to the stop.
    if (haltedSince.getTime() < last.at.getTime()) {
      pauses.push({ from: haltedSince, to: last.at });
    }
    return { pauses, stoppedAt: last.at };
  }
  pauses.push({ from: haltedSince, to: null });
  return { pauses, stoppedAt: null };
}
