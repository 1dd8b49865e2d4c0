// Per-complaint outcome for the rollups, computed with the same clock module the app uses, so
// SLA compliance and handling time on the dashboards never disagree with the complaint page.
// Pure: history, calendar and `now` come in.
import { computeComplaintClocks, type ClockKind } from "@/lib/complaints/complaint-clocks";
import { businessMinutesBetween, type BusinessCalendar } from "@/lib/sla/calendar";
import { isFirstContactResolved } from "@/lib/dashboards/metrics";
import type { ComplaintStatus } from "@/lib/complaints/workflow";

export interface FactInput {
  createdAt: Date;
  status: ComplaintStatus;
  ownerId: number;
  targets: Record<ClockKind, number>;
  warnRatio: number;
  firstRespondedAt: Date | null;
  feedbackAt: Date | null;
  resolvedAt: Date | null;
  escalationLevel: number;
  history: readonly { at: Date; toStatus: ComplaintStatus; action: string; actorId: number | null }[];
  /** Handed to someone other than the owner at any time. */
  transferred: boolean;
}

export interface ComplaintFactValues {
  frMet: boolean | null;
  fbMet: boolean | null;
  resMet: boolean | null;
  cycMet: boolean | null;
  handlingMinutes: number | null;
  everResolved: boolean;
  reopened: boolean;
  fcr: boolean | null;
}

const DAY7_MS = 7 * 24 * 3_600_000;

/** met: true (stopped in time), false (breached, running or not), null (running, not yet due). */
function outcome(status: string): boolean | null {
  if (status === "MET") return true;
  if (status === "MET_LATE" || status === "BREACHED") return false;
  return null;
}

export function computeComplaintFact(input: FactInput, calendar: BusinessCalendar, nowIn: Date): ComplaintFactValues {
  // A clock read earlier than the complaint's creation (a job replaying the past) reads at creation.
  const now = nowIn < input.createdAt ? input.createdAt : nowIn;
  const k = computeComplaintClocks(
    { createdAt: input.createdAt, status: input.status, targets: input.targets, warnRatio: input.warnRatio, firstRespondedAt: input.firstRespondedAt, feedbackAt: input.feedbackAt, history: input.history },
    calendar,
    now,
  );
  const resolves = input.history.filter((h) => h.toStatus === "RESOLVED");
  const firstResolve = resolves[0] ?? null;
  const lastResolve = resolves[resolves.length - 1] ?? null;
  const reopens = input.history.filter((h) => h.action === "reopen");
  const reopenedWithin7d = !!firstResolve && reopens.some((r) => r.at.getTime() - firstResolve.at.getTime() <= DAY7_MS);
  const item = { resolvedByOwner: !!lastResolve && lastResolve.actorId === input.ownerId, transferred: input.transferred, escalated: input.escalationLevel > 0, reopenedWithin7d };
  // Decided once the 7-day window closed, or earlier when it already failed for another reason.
  const decided = !!firstResolve && (now.getTime() - firstResolve.at.getTime() >= DAY7_MS || reopenedWithin7d || item.transferred || item.escalated || !item.resolvedByOwner);
  return {
    frMet: outcome(k.clocks.FIRST_RESPONSE.status),
    fbMet: outcome(k.clocks.FEEDBACK.status),
    resMet: outcome(k.clocks.RESOLUTION.status),
    cycMet: outcome(k.clocks.CYCLE.status),
    handlingMinutes: input.resolvedAt ? Math.round(businessMinutesBetween(calendar, input.createdAt, input.resolvedAt)) : null,
    everResolved: !!firstResolve,
    reopened: reopens.length > 0,
    fcr: decided ? isFirstContactResolved(item) : null,
  };
}
