import "server-only";
import { cache } from "react";
import { headers, cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { sessionCookieName } from "@/lib/auth/cookies";
import { loadSessionActor, type SessionToken } from "@/lib/auth/session-actor";
import { clientIp } from "@/lib/shared/client-ip";

// Request glue: the only place that reads the session cookie. Every protected page and action
// calls requireActor(); lib functions receive the Actor it returns.

async function readToken(): Promise<SessionToken | null> {
  const h = await headers();
  const c = await cookies();
  const secure = env().secureCookies;
  const req = { headers: Object.fromEntries(h.entries()), cookies: Object.fromEntries(c.getAll().map((x) => [x.name, x.value])) };
  const token = await getToken({ req: req as never, secret: env().AUTH_SECRET, secureCookie: secure, cookieName: sessionCookieName(secure) });
  return token as SessionToken | null;
}

/** The logged-in actor, or null. The session version is checked against the database on every request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const token = await readToken();
  if (!token?.uid) return null;
  const h = await headers();
  return loadSessionActor(token, { ip: clientIp(h), userAgent: h.get("user-agent") });
});

/** For pages: the actor, or a redirect to the login page (or to MFA enrolment when it is required). */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  // Before anything else: a password an admin set is replaced, then a required second factor enrolled.
  if (actor.passwordChangeRequired) redirect("/account/password");
  if (actor.mfaEnrolmentRequired) redirect("/account/mfa");
  return actor;
}
