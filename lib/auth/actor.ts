import { ForbiddenError } from "@/lib/shared/errors";
import { can, type Permission, type RoleName } from "@/lib/auth/permissions";

/** The acting user, passed first to every lib function. Carries request facts for the audit. */
export interface Actor {
  id: number;
  username: string;
  name: string;
  role: RoleName;
  teamId: number | null;
  ip?: string | null;
  userAgent?: string | null;
  /** The server-side session this request runs in (absent for jobs, seeds and tests' actors). */
  sessionId?: string;
  /** A user whose role the MFA policy covers and who has not enrolled yet: may only enrol (every permission is refused). */
  mfaEnrolmentRequired?: boolean;
  /** A user whose password an admin set (creation, reset): may only choose a new one (every permission is refused). */
  passwordChangeRequired?: boolean;
  /**
   * An API client acting as its owner (lib/api/authenticate.ts, decision 034): these permissions
   * replace the role's (its scopes, mapped in lib/api/scopes.ts), `role` only picks the record scope
   * (MANAGER: every team; SUPERVISOR with `teamId`: one team), `username` is "api:<client name>".
   */
  permissions?: ReadonlySet<Permission>;
  apiClient?: { id: number; name: string };
}

/** A user row as the acting user, with the request facts the audit records. */
export function actorOf(user: { id: number; username: string; displayName: string; role: string; teamId: number | null }, request: { ip: string | null; userAgent: string | null }): Actor {
  return { id: user.id, username: user.username, name: user.displayName, role: user.role as RoleName, teamId: user.teamId, ip: request.ip, userAgent: request.userAgent };
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (actor.mfaEnrolmentRequired || actor.passwordChangeRequired || !can(actor, permission)) throw new ForbiddenError(permission);
}

/** A system actor for jobs and seeds (never a logged-in person). */
export const SYSTEM_ACTOR: Actor = { id: 0, username: "system", name: "system", role: "ADMIN", teamId: null };
