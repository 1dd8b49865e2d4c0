// The complaint state machine, after TMF621 Trouble Ticket (acknowledged → inProgress →
// pending/held → resolved → closed, plus rejected/cancelled and reopen).
// Pure and deterministic: no I/O, no clock, no roles. Who may perform which action is the
// permission table's job; recording who/when/why is the command's job.

export const COMPLAINT_STATUSES = [
  "ACKNOWLEDGED",
  "IN_PROGRESS",
  "PENDING",
  "HELD",
  "RESOLVED",
  "CLOSED",
  "REJECTED",
  "CANCELLED",
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

// Order here is the order the UI shows the buttons in.
export const COMPLAINT_ACTIONS = [
  "start",
  "pend",
  "hold",
  "resume",
  "resolve",
  "close",
  "reject",
  "cancel",
  "reopen",
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

// Closing needs evidence that the customer accepted the answer (domain: "closed only after the
// customer confirms or the return visit does").
export const CONFIRMATION_SOURCES = [
  "CUSTOMER_CONFIRMED",
  "RETURN_VISIT",
] as const;
export type ConfirmationSource = (typeof CONFIRMATION_SOURCES)[number];

// Actions that must say why: they stop or pause the work, or undo a closure.
export const REASON_REQUIRED_ACTIONS: readonly ComplaintAction[] = [
  "pend",
  "hold",
  "reject",
  "cancel",
  "reopen",
];

type TransitionTable = {
  readonly [S in ComplaintStatus]: Readonly<
    Partial<Record<ComplaintAction, ComplaintStatus>>
  >;
};

export const TRANSITIONS: TransitionTable = {
  // `resolve` straight from ACKNOWLEDGED: a quick answer on first contact.
  ACKNOWLEDGED: {
    start: "IN_PROGRESS",
    resolve: "RESOLVED",
    reject: "REJECTED",
    cancel: "CANCELLED",
  },
  IN_PROGRESS: {
    pend: "PENDING",
    hold: "HELD",
    resolve: "RESOLVED",
    reject: "REJECTED",
    cancel: "CANCELLED",
  },
  // Waiting for the customer: the customer may withdraw meanwhile.
  PENDING: { resume: "IN_PROGRESS", resolve: "RESOLVED", cancel: "CANCELLED" },
  // Waiting for a third party / the network: only we can move it on.
  HELD: { resume: "IN_PROGRESS", resolve: "RESOLVED" },
  RESOLVED: { close: "CLOSED", reopen: "IN_PROGRESS" },
  CLOSED: { reopen: "IN_PROGRESS" },
  REJECTED: {},
  CANCELLED: {},
};

export type TransitionContext = {
  /** Why: required (non-blank) for pend, hold, reject, cancel, reopen. */
  reason?: string | null;
  /** Required for close. */
  confirmation?: ConfirmationSource | null;
};

export type TransitionFailure =
  "ILLEGAL_TRANSITION" | "CONFIRMATION_REQUIRED" | "REASON_REQUIRED";

export type TransitionResult =
  { ok: true; to: ComplaintStatus } | { ok: false; reason: TransitionFailure };

export function isConfirmationSource(
  value: unknown,
): value is ConfirmationSource {
  return (
    typeof value === "string" &&
    (CONFIRMATION_SOURCES as readonly string[]).includes(value)
  );
}

export function isReasonRequired(action: ComplaintAction): boolean {
  return REASON_REQUIRED_ACTIONS.includes(action);
}

/** Whether the action exists from this state (ignores the reason/confirmation requirements). */
export function canTransition(
  from: ComplaintStatus,
  action: ComplaintAction,
): boolean {
  return TRANSITIONS[from][action] !== undefined;
}

/**
 * The state an action leads to, or why it cannot happen. Checks in order: the transition
 * exists, then a reason is given where one is required, then (for close) a confirmation source.
 */
export function nextStatus(
  from: ComplaintStatus,
  action: ComplaintAction,
  ctx: TransitionContext = {},
): TransitionResult {
  const to = TRANSITIONS[from][action];
  if (to === undefined) return { ok: false, reason: "ILLEGAL_TRANSITION" };
  if (isReasonRequired(action) && (ctx.reason ?? "").trim() === "") {
    return { ok: false, reason: "REASON_REQUIRED" };
  }
  // Checked at run time too: the value may come straight from a form or an API call.
  if (action === "close" && !isConfirmationSource(ctx.confirmation)) {
    return { ok: false, reason: "CONFIRMATION_REQUIRED" };
  }
  return { ok: true, to };
}

/** Actions possible from this state, in button order. */
export function availableActions(status: ComplaintStatus): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((action) => canTransition(status, action));
}

/** Work is still owed: not yet answered (counts in the backlog). */
export function isOpen(status: ComplaintStatus): boolean {
  return (
    status === "ACKNOWLEDGED" ||
    status === "IN_PROGRESS" ||
    status === "PENDING" ||
    status === "HELD"
  );
}

/** Open but waiting on someone else (the customer, or a third party / the network). */
export function isPaused(status: ComplaintStatus): boolean {
  return status === "PENDING" || status === "HELD";
}

/**
 * The SLA clocks are paused (not stopped) while waiting on someone else. Which clocks stop
 * at RESOLVED/CLOSED is per clock kind and belongs to lib/sla.
 */
export function isSlaClockPaused(status: ComplaintStatus): boolean {
  return isPaused(status);
}

/**
 * Finished: no work and no clock runs. CLOSED still counts as terminal even though it can be
 * reopened, as an exception; REJECTED and CANCELLED are final.
 */
export function isTerminal(status: ComplaintStatus): boolean {
  return status === "CLOSED" || status === "REJECTED" || status === "CANCELLED";
}

/** The longest resolution note (the status change's reason column keeps it). */
export const RESOLUTION_NOTE_MAX = 1000;

/**
 * What a resolution still lacks, as field errors (empty when it may go ahead): a note saying what
 * was done, and — when the category has root causes (its own, or its nearest ancestor's) — one of
 * that list. `rootCauseIds` are the ids allowed for the complaint's category.
 */
export function resolutionProblems(input: { note?: string | null; rootCauseId?: number | null }, rootCauseIds: readonly number[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if ((input.note ?? "").trim() === "") problems.reason = "resolutionNoteRequired";
  if (rootCauseIds.length > 0) {
    if (input.rootCauseId == null) problems.rootCauseId = "rootCauseRequired";
    else if (!rootCauseIds.includes(input.rootCauseId)) problems.rootCauseId = "invalidOption";
  } else if (input.rootCauseId != null) problems.rootCauseId = "invalidOption";
  return problems;
}

/**
 * The next sensible step on a complaint, made the primary button and given the first shortcut:
 * a new complaint is started (its first response), work in progress is resolved, a paused one
 * resumed. Null when the step is not a transition (a resolved complaint awaits its return visit)
 * or when nothing is left to do.
 */
export function nextSensibleAction(status: ComplaintStatus): ComplaintAction | null {
  switch (status) {
    case "ACKNOWLEDGED":
      return "start";
    case "IN_PROGRESS":
      return "resolve";
    case "PENDING":
    case "HELD":
      return "resume";
    default:
      return null;
  }
}

/** Single-key shortcuts on the complaint page (shown on the buttons with <Kbd>). */
export const ACTION_SHORTCUTS: Partial<Record<ComplaintAction, string>> = { start: "S", resolve: "R", resume: "U" };
