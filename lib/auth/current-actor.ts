import "server-only";
import { cache } from "react";
import { headers, cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { actorOf, type Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { sessionCookieName } from "@/lib/auth/cookies";
import { checkSession, isSessionId } from "@/lib/auth/session-store";
import { MFA_REQUIRED_ROLES } from "@/lib/auth/mfa";
import { clientIp } from "@/lib/shared/client-ip";

// Request glue: the only place that reads the session cookie. Every protected page and action
// calls requireActor(); lib functions receive the Actor it returns.

async function readToken(): Promise<{ uid?: number; sv?: number; sid?: string } | null> {
  const h = await headers();
  const c = await cookies();
  const secure = env().secureCookies;
  const req = { headers: Object.fromEntries(h.entries()), cookies: Object.fromEntries(c.getAll().map((x) => [x.name, x.value])) };
  const token = await getToken({ req: req as never, secret: env().AUTH_SECRET, secureCookie: secure, cookieName: sessionCookieName(secure) });
  return token as { uid?: number; sv?: number; sid?: string } | null;
}

/** The logged-in actor, or null. The session version is checked against the database on every request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const token = await readToken();
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
    sessionUserId: number | null;
    sessionCreatedAt: Date | null;
    sessionLastSeenAt: Date | null;
    sessionRevokedAt: Date | null;
  }>(
    Prisma.sql`
      SELECT u.id, u.username, u.display_name AS "displayName", u.role::text AS role, u.team_id AS "teamId", u.is_active AS "isActive",
             u.session_version AS "sessionVersion", u.mfa_enabled_at IS NOT NULL AS "mfaEnabled", s.user_id AS "sessionUserId",
             s.created_at AS "sessionCreatedAt", s.last_seen_at AS "sessionLastSeenAt", s.revoked_at AS "sessionRevokedAt"
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
  if ((await checkSession(sid, session, user.id)) !== "ok") return null;
  const h = await headers();
  return {
    ...actorOf(user, { ip: clientIp(h), userAgent: h.get("user-agent") }),
    ...(MFA_REQUIRED_ROLES.has(user.role) && !user.mfaEnabled ? { mfaEnrolmentRequired: true } : {}),
  };
});

/** For pages: the actor, or a redirect to the login page (or to MFA enrolment when it is required). */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (actor.mfaEnrolmentRequired) redirect("/account/mfa");
  return actor;
}
