import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listTeams, listUsers } from "@/lib/users/queries";
import { getSessionPolicy } from "@/lib/auth/session-policy";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { PageHeader, Section } from "@/components/ui/card";
import { CreateUserForm, UserTable } from "@/components/admin/user-admin";
import { SessionPolicyForm } from "@/components/admin/session-policy-form";
import { MfaPolicyForm } from "@/components/admin/mfa-policy-form";
import { adminUserRows } from "../user-rows";
import { page } from "@/lib/shared/page";

export default page(async function AdminUsersPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = await getLocale();
  const [users, teamRows, policy, mfaPolicy] = await Promise.all([listUsers(actor), listTeams(actor), getSessionPolicy(), getMfaPolicy()]);
  const teams = teamRows.map((tm) => ({ id: tm.id, name: locale === "en" ? tm.nameEn : tm.nameZh }));
  return (
    <div className="space-y-4">
      <PageHeader title={t("trust.usersTitle")} />
      <Section title={t("trust.createUser")} id="new-user">
        <CreateUserForm teams={teams} />
      </Section>
      <Section title={t("admin.users")} id="users" flush>
        <UserTable users={adminUserRows(users, locale)} teams={teams} />
      </Section>
      <Section title={t("trust.sessionPolicy")} id="sessions">
        <SessionPolicyForm policy={policy} />
      </Section>
      <Section title={t("trust.mfaPolicy")} id="mfa-policy">
        <MfaPolicyForm policy={mfaPolicy} />
      </Section>
    </div>
  );
});
