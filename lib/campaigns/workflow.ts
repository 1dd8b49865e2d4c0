// A campaign's states (issue 22, docs/campaigns.md "Planning, approval and launch"). Pure: no I/O;
// lib/campaigns/commands.ts and launch.ts apply it inside their transactions, the page asks it
// which buttons to show, and tests/unit/campaign-workflow.test.ts walks the whole table.
import type { Permission } from "@/lib/auth/permissions";
import type { CampaignStatusName } from "@/lib/campaigns/schemas";

export type CampaignStep = "submit" | "approve" | "reject" | "schedule" | "launch" | "pause" | "resume" | "complete" | "cancel";

interface Transition {
  from: readonly CampaignStatusName[];
  to: CampaignStatusName;
  /** Who may take the step; null = only the system (the scheduler). */
  permission: Permission | null;
  /** The author may not take it (approval is by another manager). */
  notAuthor?: boolean;
}

export const FINAL_STATES: readonly CampaignStatusName[] = ["COMPLETED", "CANCELLED"];

export const TRANSITIONS: Record<CampaignStep, Transition> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", permission: "campaign:manage" },
  approve: { from: ["SUBMITTED"], to: "APPROVED", permission: "campaign:approve", notAuthor: true },
  reject: { from: ["SUBMITTED"], to: "DRAFT", permission: "campaign:approve", notAuthor: true },
  schedule: { from: ["APPROVED"], to: "SCHEDULED", permission: "campaign:manage" },
  launch: { from: ["SCHEDULED"], to: "RUNNING", permission: "campaign:manage" },
  pause: { from: ["RUNNING"], to: "PAUSED", permission: "campaign:manage" },
  resume: { from: ["PAUSED"], to: "RUNNING", permission: "campaign:manage" },
  complete: { from: ["RUNNING", "PAUSED"], to: "COMPLETED", permission: null },
  cancel: { from: ["DRAFT", "SUBMITTED", "APPROVED", "SCHEDULED", "RUNNING", "PAUSED"], to: "CANCELLED", permission: "campaign:manage" },
};

export interface CampaignState {
  status: CampaignStatusName;
  createdById: number;
  startsAt: Date;
  endsAt: Date;
}

/** Error codes are message keys under "errors.". */
export type StepDecision =
  | { ok: true; to: CampaignStatusName }
  | { ok: false; error: "forbidden" | "campaign.illegalTransition" | "campaign.ownApproval" | "campaign.notStarted" | "campaign.ended" };

/**
 * May `actor` (its id and permissions; null = the system) take `step` on a campaign in `state` at `now`?
 * The order of checks: permission, the state, the author rule, then time (launch not before the start,
 * resume and launch not after the end).
 */
export function decideStep(step: CampaignStep, state: CampaignState, actor: { id: number; can: (p: Permission) => boolean } | null, now: Date): StepDecision {
  const t = TRANSITIONS[step];
  if (actor && (t.permission === null || !actor.can(t.permission))) return { ok: false, error: "forbidden" };
  if (!t.from.includes(state.status)) return { ok: false, error: "campaign.illegalTransition" };
  if (actor && t.notAuthor && actor.id === state.createdById) return { ok: false, error: "campaign.ownApproval" };
  if (step === "launch" && state.startsAt.getTime() > now.getTime()) return { ok: false, error: "campaign.notStarted" };
  if ((step === "launch" || step === "resume") && state.endsAt.getTime() <= now.getTime()) return { ok: false, error: "campaign.ended" };
  return { ok: true, to: t.to };
}

/** The steps a person may take now (the page's buttons), in the table's order. */
export function availableSteps(state: CampaignState, actor: { id: number; can: (p: Permission) => boolean }, now: Date): CampaignStep[] {
  return (Object.keys(TRANSITIONS) as CampaignStep[]).filter((s) => decideStep(s, state, actor, now).ok);
}

/** Only a draft's plan may be edited. */
export function isEditable(status: CampaignStatusName): boolean {
  return status === "DRAFT";
}

/** Whether the evaluation has anything to show: the campaign reached its audience. */
export function hasLaunched(status: CampaignStatusName): boolean {
  return status === "RUNNING" || status === "PAUSED" || status === "COMPLETED";
}

/**
 * How many of a value tier's n eligible customers are drawn as control: share × n rounded half up.
 * The launch's SQL computes the same (floor(share × n + 0.5)); the control share of every tier is
 * within 0.5 / n of the plan's.
 */
export function controlCount(n: number, share: number): number {
  if (n <= 0 || share <= 0) return 0;
  return Math.min(n, Math.floor(share * n + 0.5));
}
