// Who may work detractor follow-ups (browser-safe, so navigation can hide the page).
// Deny by default: an action not listed for a role is refused. Supervisors act on their own
// team's follow-ups (and those assigned to them), managers on all; agents and admins not at all
// (admins configure, they do not call customers back).
// The permissions themselves are in lib/auth/permissions.ts (followUp:read|claim|complete).
import { can, ROLES, ROLE_PERMISSIONS, type RoleName } from "@/lib/auth/permissions";

export const FOLLOW_UP_ACTIONS = ["followUp:read", "followUp:claim", "followUp:complete"] as const;
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

export const FOLLOW_UP_ROLES: Readonly<Record<FollowUpAction, readonly RoleName[]>> = Object.fromEntries(
  FOLLOW_UP_ACTIONS.map((a) => [a, ROLES.filter((r) => ROLE_PERMISSIONS[r].has(a))]),
) as unknown as Record<FollowUpAction, readonly RoleName[]>;

/** Hours from the detractor's answer until the call-back is due (shown as "due"; overdue in red). */
export const FOLLOW_UP_DUE_HOURS = 48;

export function canFollowUp(actor: { role: RoleName; mfaEnrolmentRequired?: boolean; passwordChangeRequired?: boolean } | null | undefined, action: FollowUpAction): boolean {
  if (!actor || actor.mfaEnrolmentRequired || actor.passwordChangeRequired) return false;
  return can(actor, action);
}
