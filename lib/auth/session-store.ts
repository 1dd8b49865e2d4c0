import "server-only";
import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { evaluateSession, getSessionPolicy, type SessionState } from "@/lib/auth/session-policy";

// Server-side session rows behind the JWT cookie. A new row (new id) at every login = session
// rotation; logout, deactivation, role change and password reset revoke them all.
const TOUCH_EVERY_MS = 60_000;

export async function createSession(userId: number, meta: { ip?: string | null; userAgent?: string | null } = {}, now = new Date()): Promise<string> {
  const id = crypto.randomUUID();
  await db.userSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null } });
  return id;
}

export interface SessionRow {
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
}

export const isSessionId = (id: string | undefined | null): id is string => !!id && /^[0-9a-f-]{36}$/.test(id);

/** Checks the session and records activity (at most once a minute, to keep requests read-only). */
export async function validateSession(sessionId: string | undefined, userId: number, now = new Date()): Promise<SessionState> {
  if (!isSessionId(sessionId)) return "revoked";
  const s = await db.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, createdAt: true, lastSeenAt: true, revokedAt: true } });
  return checkSession(sessionId, s, userId, now);
}

/** validateSession for a session row the caller has already read (lib/auth/current-actor.ts reads it with the user). */
export async function checkSession(sessionId: string, s: SessionRow | null, userId: number, now = new Date()): Promise<SessionState> {
  if (!s || s.userId !== userId) return "revoked";
  const state = evaluateSession(s, await getSessionPolicy(now.getTime()), now);
  if (state === "ok" && now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.userSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  return state;
}

/** Revokes every open session of a user (inside the caller's transaction). */
export async function revokeSessions(tx: Tx, userId: number, now = new Date()): Promise<void> {
  await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}
