import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { createTranslator } from "next-intl";
import { getSurveyForToken } from "@/lib/surveys/queries";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { SurveyForm } from "@/components/surveys/survey-form";
import { page } from "@/lib/shared/page";

// Public, login-free survey page (proxy.ts lets /s/ through). Mobile-first; the language follows
// the customer's preference recorded on the invitation, switchable with ?lang=.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default page(async function SurveyPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ lang?: string }> }) {
  const { token } = await params;
  const { lang } = await searchParams;
  const survey = await getSurveyForToken(token);
  // A link that leads nowhere (unknown, or past its date) is a 404 with a friendly page (not-found.tsx).
  if (survey.state === "UNKNOWN" || survey.state === "EXPIRED") notFound();
  const locale: Locale = isLocale(lang) ? lang : isLocale(survey.locale) ? survey.locale : "zh-CN";
  // The customer's language, not the visitor's cookie: load that catalogue explicitly.
  const messages = (await import(`../../../messages/${locale}.json`)).default;
  const t = createTranslator({ locale, messages, namespace: "surveys.public" });
  const other: Locale = locale === "en" ? "zh-CN" : "en";
  return (
    <main lang={locale} className="mx-auto min-h-screen max-w-md bg-white px-4 py-6 text-base leading-relaxed">
      <div className="mb-4 flex items-center justify-between">
        <p className="text-sm font-semibold text-slate-600">{t("brand")}</p>
        <ButtonLink href={`/s/${encodeURIComponent(token)}?lang=${other}`} hrefLang={other}>
          {t("switch")}
        </ButtonLink>
      </div>
      {survey.state === "OPEN" ? (
        <SurveyForm
          token={token}
          kind={survey.kind}
          question={locale === "en" ? survey.questionEn : survey.questionZh}
          dimensions={survey.dimensions.map((d) => ({ code: d.code, label: locale === "en" ? d.labelEn : d.labelZh }))}
          allowComment={survey.allowComment}
          text={{
            scaleLow: t(survey.kind === "NPS" ? "npsLow" : "csatLow"),
            scaleHigh: t(survey.kind === "NPS" ? "npsHigh" : "csatHigh"),
            comment: t("comment"),
            submit: t("submit"),
            submitting: t("submitting"),
            chooseScore: t("chooseScore"),
            thanks: t("thanks"),
            used: t("used"),
            expired: t("expired"),
            unknown: t("unknown"),
            error: t("error"),
            rateLimited: t("rateLimited"),
            scoreLabel: t("scoreLabel"),
          }}
        />
      ) : (
        <Alert className="p-4 text-base">{t("used")}</Alert>
      )}
    </main>
  );
});
