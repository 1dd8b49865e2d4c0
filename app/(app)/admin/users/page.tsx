import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listTeams, listUsers } from "@/lib/users/queries";
import { getSessionPolicy } from "@/lib/auth/session-policy";
import { CreateUserForm, UserRowEditor, type AdminUserRow } from "@/components/admin/user-admin";
import { SessionPolicyForm } from "@/components/admin/session-policy-form";

export default async function AdminUsersPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const [users, teamRows, policy] = await Promise.all([listUsers(actor), listTeams(actor), getSessionPolicy()]);
  const teams = teamRows.map((tm) => ({ id: tm.id, name: locale === "en" ? tm.nameEn : tm.nameZh }));
  const now = new Date();
  const rows: AdminUserRow[] = users.map((u) => ({
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
    lastLogin: u.lastLoginAt ? format.dateTime(u.lastLoginAt, { dateStyle: "short", timeStyle: "short" }) : t("common.none"),
  }));
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("trust.usersTitle")}</h1>
      <section className="card" aria-labelledby="new-user-h">
        <h2 id="new-user-h" className="card-title">
          {t("trust.createUser")}
        </h2>
        <CreateUserForm teams={teams} />
      </section>
      <section className="card" aria-labelledby="users-h">
        <h2 id="users-h" className="card-title">
          {t("admin.users")}
        </h2>
        <table className="data">
          <thead>
            <tr>
              <th>{t("admin.username")}</th>
              <th>{t("admin.displayName")}</th>
              <th>{t("admin.role")}</th>
              <th>{t("admin.team")}</th>
              <th>{t("admin.active")}</th>
              <th>{t("trust.lockout")}</th>
              <th>{t("trust.manageMfa")}</th>
              <th>{t("admin.lastLogin")}</th>
              <th>
                <span className="sr-only">{t("trust.manage")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <UserRowEditor key={u.id} user={u} teams={teams} />
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h" className="card-title">
          {t("trust.sessionPolicy")}
        </h2>
        <SessionPolicyForm policy={policy} />
      </section>
    </div>
  );
}
