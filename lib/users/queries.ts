import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";

export async function listUsers(actor: Actor) {
  assertCan(actor, "user:manage");
  return db.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    take: 500,
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      teamId: true,
      isActive: true,
      lastLoginAt: true,
      lockedUntil: true,
      failedLogins: true,
      version: true,
      team: { select: { nameZh: true, nameEn: true } },
    },
  });
}

export async function listTeams(actor: Actor) {
  assertCan(actor, "user:manage");
  return db.team.findMany({ orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } });
}
