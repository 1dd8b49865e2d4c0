import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { createTranslator } from "next-intl";
import { getOptOut } from "@/lib/messaging/opt-out-commands";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { OptOutForm } from "@/components/marketing/opt-out-form";
import { page } from "@/lib/shared/page";

// Public, login-free opt-out page of campaign and rule messages (proxy.ts lets /o/ through).
// Phone-first; the language follows the message's, switchable with ?lang=.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default page(async function OptOutPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ lang?: string }> }) {
  const { token } = await params;
  const { lang } = await searchParams;
  const view = await getOptOut(token);
  // A bad, forged or expired link is a 404 with a page in both languages (not-found.tsx).
  if (!view) notFound();
  const locale: Locale = isLocale(lang) ? lang : isLocale(view.locale) ? view.locale : "zh-CN";
  const messages = (await import(`../../../messages/${locale}.json`)).default;
  const t = createTranslator({ locale, messages, namespace: "marketing.optOut" });
  const channel = (messages.enums.campaignChannel as Record<string, string>)[view.channel];
  const other: Locale = locale === "en" ? "zh-CN" : "en";
  return (
    <main lang={locale} className="mx-auto min-h-screen max-w-md bg-white px-4 py-6 text-base leading-relaxed">
      <div className="mb-4 flex items-center justify-between">
        <p className="text-sm font-semibold text-slate-600">{t("brand")}</p>
        <ButtonLink href={`/o/${encodeURIComponent(token)}?lang=${other}`} hrefLang={other}>
          {t("switch")}
        </ButtonLink>
      </div>
      <h1 className="mb-3 text-lg font-semibold">{t("title", { channel })}</h1>
      {view.alreadyOff ? (
        <Alert className="p-4 text-base">{t("alreadyOff", { channel })}</Alert>
      ) : (
        <>
          <p className="mb-2 text-slate-700">{t("what", { channel, recipient: view.recipient || "—" })}</p>
          <p className="mb-5 text-slate-700">{t("still")}</p>
          <OptOutForm token={token} text={{ confirm: t("confirm", { channel }), done: t("done", { channel }), error: t("error") }} />
        </>
      )}
    </main>
  );
});
