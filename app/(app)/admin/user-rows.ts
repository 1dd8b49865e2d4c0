import type { listUsers } from "@/lib/users/queries";
import type { AdminUserRow } from "@/components/admin/user-admin";

/** The users as the overview and user administration show them (team name in the reader's language). */
export function adminUserRows(users: Awaited<ReturnType<typeof listUsers>>, locale: string, now = new Date()): AdminUserRow[] {
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    teamId: u.teamId,
    teamName: u.team ? (locale === "en" ? u.team.nameEn : u.team.nameZh) : null,
    isActive: u.isActive,
    isLocked: !!u.lockedUntil && u.lockedUntil > now,
    hasMfa: !!u.mfaEnabledAt,
    version: u.version,
    lastLoginAt: u.lastLoginAt,
  }));
}
