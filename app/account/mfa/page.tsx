import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/current-actor";
import { getMfaStatus } from "@/lib/auth/mfa";
import { MfaEnrolment, MfaDisable, RecoveryCodesRegenerate } from "@/components/auth/mfa-enrolment";
import { LogoutButton } from "@/components/layout/logout-button";
import { StandalonePage } from "@/components/layout/standalone-page";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { page } from "@/lib/shared/page";

// Outside the app shell: a user who must enrol has a session good for this page only
// (getActor, not requireActor, which would send them back here).
export default page(async function MfaPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  // A password an admin set is replaced first.
  if (actor.passwordChangeRequired) redirect("/account/password");
  const t = await getTranslations("trust");
  const { enabled, required, recoveryCodesLeft } = await getMfaStatus(actor);
  const mustEnrol = !!actor.mfaEnrolmentRequired;
  return (
    <StandalonePage
      width="xl"
      back={
        !mustEnrol && (
          <ButtonLink href="/" variant="link">
            {t("mfaBack")}
          </ButtonLink>
        )
      }
      actions={<LogoutButton />}
    >
      <PageHeader title={t("mfaTitle")} />
      {enabled ? (
        <Card className="space-y-3 p-4 text-sm">
          <p>{t("mfaOn")}</p>
          <RecoveryCodesRegenerate left={recoveryCodesLeft} />
          {!required && <MfaDisable />}
        </Card>
      ) : (
        <MfaEnrolment mustEnrol={mustEnrol} />
      )}
    </StandalonePage>
  );
});
