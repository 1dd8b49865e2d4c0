import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/current-actor";
import { getMfaStatus } from "@/lib/auth/mfa";
import { MfaEnrolment, MfaDisable } from "@/components/auth/mfa-enrolment";

export default async function MfaPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const t = await getTranslations("trust");
  const { enabled, required } = await getMfaStatus(actor);
  return (
    <main className="mx-auto max-w-xl space-y-4 p-6">
      <h1 className="text-xl font-semibold">{t("mfaTitle")}</h1>
      {actor.mfaEnrolmentRequired && (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm">
          {t("mfaRequiredNotice")}
        </p>
      )}
      <section className="card p-4">
        {enabled ? (
          <>
            <p className="text-sm">{t("mfaOn")}</p>
            {!required && <MfaDisable />}
          </>
        ) : (
          <MfaEnrolment />
        )}
      </section>
      {!actor.mfaEnrolmentRequired && (
        <Link href="/" className="text-sm text-brand-700 underline">
          {t("mfaBack")}
        </Link>
      )}
    </main>
  );
}
