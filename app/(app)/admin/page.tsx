import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listUsers } from "@/lib/users/queries";
import { listAuditEntries } from "@/lib/audit/queries";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/card";
import { UserTable } from "@/components/admin/user-admin";
import { AuditTable } from "@/components/admin/audit-table";
import { adminUserRows } from "./user-rows";
import { page } from "@/lib/shared/page";

export default page(async function AdminPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = await getLocale();
  const [users, audit] = await Promise.all([listUsers(actor), listAuditEntries(actor, { limit: 25 })]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("admin.title")}
        actions={
          <>
            <ButtonLink href="/admin/users" variant="link">
              {t("trust.manageUsersLink")}
            </ButtonLink>
            <ButtonLink href="/admin/audit" variant="link">
              {t("trust.auditLink")}
            </ButtonLink>
          </>
        }
      />
      <Section title={t("admin.users")} id="users" flush>
        <UserTable users={adminUserRows(users, locale)} />
      </Section>
      <Section title={t("admin.recentAudit")} id="audit" flush>
        <AuditTable rows={audit} empty={t("admin.auditEmpty")} />
      </Section>
    </div>
  );
});
