// Real Postgres (started by scripts/test.mjs). Actors come from the seeded demo users.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";

export async function actorFor(username: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { username } });
  return { id: u.id, username: u.username, name: u.displayName, role: u.role as RoleName, teamId: u.teamId, ip: "127.0.0.1", userAgent: "vitest" };
}

export async function auditCount(where: { action?: string; actorId?: number } = {}): Promise<number> {
  return db.auditLog.count({ where });
}
