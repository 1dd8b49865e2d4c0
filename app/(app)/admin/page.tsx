import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listUsers } from "@/lib/users/queries";
import { listAuditEntries } from "@/lib/audit/queries";
import Link from "next/link";
import { UnlockButton } from "@/components/admin/user-admin";

export default async function AdminPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const [users, audit] = await Promise.all([listUsers(actor), listAuditEntries(actor, { limit: 25 })]);
  const now = new Date();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "medium" }) : t("common.none"));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold">{t("admin.title")}</h1>
        <Link href="/admin/users" className="text-sm text-brand-700 underline">
          {t("trust.manageUsersLink")}
        </Link>
        <Link href="/admin/audit" className="text-sm text-brand-700 underline">
          {t("trust.auditLink")}
        </Link>
      </div>
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
              <th>{t("admin.lastLogin")}</th>
              <th>{t("trust.lockout")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{u.team ? (locale === "en" ? u.team.nameEn : u.team.nameZh) : t("common.none")}</td>
                <td>{u.isActive ? t("customer.yes") : t("customer.no")}</td>
                <td>{when(u.lastLoginAt)}</td>
                <td>{u.lockedUntil && u.lockedUntil > now ? <UnlockButton userId={u.id} username={u.username} /> : t("common.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="audit-h">
        <h2 id="audit-h" className="card-title">
          {t("admin.recentAudit")}
        </h2>
        {audit.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("admin.auditEmpty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("admin.at")}</th>
                <th>{t("admin.actor")}</th>
                <th>{t("admin.action")}</th>
                <th>{t("admin.entity")}</th>
                <th>{t("admin.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((a) => (
                <tr key={a.id}>
                  <td className="tabular-nums">{when(a.at)}</td>
                  <td>{a.actorName ?? t("common.none")}</td>
                  <td>
                    <code className="text-xs">{a.action}</code>
                  </td>
                  <td>
                    {a.entity}
                    {a.entityId ? ` #${a.entityId}` : ""}
                  </td>
                  <td>{a.ip ?? t("common.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
