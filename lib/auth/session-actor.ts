import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { actorOf, type Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { checkSession, isSessionId } from "@/lib/auth/session-store";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";

/** What the signed session cookie carries. */
export interface SessionToken {
  uid?: number;
  sv?: number;
  sid?: string;
}

/**
 * The acting user of a session token, or null (no such user, deactivated, session version bumped,
 * session revoked, idle or expired). Flags the steps the user must take before anything else:
 * enrolling MFA when the policy requires it of the role, choosing a new password after an admin
 * set one (assertCan refuses every permission while either is pending). lib/auth/current-actor.ts
 * reads the cookie and calls this; tests call it with a session they created.
 */
export async function loadSessionActor(token: SessionToken | null, request: { ip: string | null; userAgent: string | null }, now = new Date()): Promise<Actor | null> {
  if (!token?.uid) return null;
  // The user and the session in one read: every page and action starts here.
  if (!isSessionId(token.sid)) return null;
  const sid = token.sid;
  const [user] = await sqlRows<{
    id: number;
    username: string;
    displayName: string;
    role: RoleName;
    teamId: number | null;
    isActive: boolean;
    sessionVersion: number;
    mfaEnabled: boolean;
    mustChangePassword: boolean;
    sessionUserId: number | null;
    sessionCreatedAt: Date | null;
    sessionLastSeenAt: Date | null;
    sessionRevokedAt: Date | null;
  }>(
    Prisma.sql`
      SELECT u.id, u.username, u.display_name AS "displayName", u.role::text AS role, u.team_id AS "teamId", u.is_active AS "isActive",
             u.session_version AS "sessionVersion", u.mfa_enabled_at IS NOT NULL AS "mfaEnabled", u.must_change_password AS "mustChangePassword",
             s.user_id AS "sessionUserId", s.created_at AS "sessionCreatedAt", s.last_seen_at AS "sessionLastSeenAt", s.revoked_at AS "sessionRevokedAt"
      FROM app_user u LEFT JOIN user_session s ON s.id = ${sid}::uuid
      WHERE u.id = ${token.uid}::int`,
    { prepared: true },
  );
  if (!user || !user.isActive || user.sessionVersion !== token.sv) return null;
  // Revoked, idle longer than the idle timeout, or older than the absolute lifetime → logged out.
  const session =
    user.sessionUserId === null
      ? null
      : { userId: user.sessionUserId, createdAt: user.sessionCreatedAt!, lastSeenAt: user.sessionLastSeenAt!, revokedAt: user.sessionRevokedAt };
  if ((await checkSession(sid, session, user.id, now)) !== "ok") return null;
  const mfaPolicy = await getMfaPolicy(now.getTime());
  return {
    ...actorOf(user, request),
    sessionId: sid,
    ...(mfaPolicy.roles.includes(user.role) && !user.mfaEnabled ? { mfaEnrolmentRequired: true } : {}),
    ...(user.mustChangePassword ? { passwordChangeRequired: true } : {}),
  };
}
