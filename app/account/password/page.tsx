import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { page } from "@/lib/shared/page";
import { getActor } from "@/lib/auth/current-actor";
import { PasswordChangeForm } from "@/components/auth/password-change-form";
import { LogoutButton } from "@/components/layout/logout-button";
import { StandalonePage } from "@/components/layout/standalone-page";
import { ButtonLink } from "@/components/ui/button";
import { Alert, PageHeader } from "@/components/ui/card";

// Outside the app shell: a user whose password an admin set has a session good for this page only
// (getActor, not requireActor, which would send them back here).
export default page(async function PasswordPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const t = await getTranslations("trust");
  const mustChange = !!actor.passwordChangeRequired;
  return (
    <StandalonePage
      width="xl"
      back={
        !mustChange && (
          <ButtonLink href="/" variant="link">
            {t("mfaBack")}
          </ButtonLink>
        )
      }
      actions={<LogoutButton />}
    >
      <PageHeader title={t("passwordTitle")} />
      {mustChange && <Alert tone="warning">{t("passwordMustChange")}</Alert>}
      <PasswordChangeForm username={actor.username} />
    </StandalonePage>
  );
});
