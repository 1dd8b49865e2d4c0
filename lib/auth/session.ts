import "server-only";
import { cache } from "react";
import { headers, cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { sessionCookieName } from "@/lib/auth/cookies";
import { validateSession } from "@/lib/auth/sessions";

// Request glue: the only place that reads the session cookie. Every protected page and action
// calls requireActor(); lib functions receive the Actor it returns.

async function readToken(): Promise<{ uid?: number; sv?: number; sid?: string } | null> {
  const h = await headers();
  const c = await cookies();
  const secure = env().SECURE_COOKIES === "true";
  const req = { headers: Object.fromEntries(h.entries()), cookies: Object.fromEntries(c.getAll().map((x) => [x.name, x.value])) };
  const token = await getToken({ req: req as never, secret: env().AUTH_SECRET, secureCookie: secure, cookieName: sessionCookieName(secure) });
  return token as { uid?: number; sv?: number; sid?: string } | null;
}

/** The logged-in actor, or null. The session version is checked against the database on every request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const token = await readToken();
  if (!token?.uid) return null;
  const user = await db.user.findUnique({
    where: { id: token.uid },
    select: { id: true, username: true, displayName: true, role: true, teamId: true, isActive: true, sessionVersion: true },
  });
  if (!user || !user.isActive || user.sessionVersion !== token.sv) return null;
  // Revoked, idle longer than the idle timeout, or older than the absolute lifetime → logged out.
  if ((await validateSession(token.sid, user.id)) !== "ok") return null;
  const h = await headers();
  return {
    id: user.id,
    username: user.username,
    name: user.displayName,
    role: user.role as RoleName,
    teamId: user.teamId,
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip") ?? null,
    userAgent: h.get("user-agent"),
  };
});

/** For pages: the actor, or a redirect to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
