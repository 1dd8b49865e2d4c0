import type { Metadata } from "next";
import { createTranslator } from "next-intl";
import { LOCALES } from "@/lib/i18n/locales";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * A survey link that leads nowhere (unknown or expired): HTTP 404 with a page the customer
 * understands. The link's language is unknown here, so the page says it in both (Chinese first).
 */
export default async function SurveyNotFound() {
  const texts = await Promise.all(
    LOCALES.map(async (locale) => {
      const messages = (await import(`../../../messages/${locale}.json`)).default;
      const t = createTranslator({ locale, messages, namespace: "surveys.public" });
      return { locale, brand: t("brand"), title: t("notFoundTitle"), body: t("notFoundBody") };
    }),
  );
  return (
    <main className="mx-auto min-h-screen max-w-md bg-white px-4 py-6 text-base leading-relaxed">
      {texts.map((x, i) => (
        <section key={x.locale} lang={x.locale} aria-labelledby={`survey-missing-${x.locale}`} className={i > 0 ? "mt-6 border-t border-slate-200 pt-6" : undefined}>
          <p className="mb-2 text-sm font-semibold text-slate-600">{x.brand}</p>
          {i === 0 ? (
            <h1 id={`survey-missing-${x.locale}`} className="text-lg font-semibold">
              {x.title}
            </h1>
          ) : (
            <h2 id={`survey-missing-${x.locale}`} className="text-lg font-semibold">
              {x.title}
            </h2>
          )}
          <p className="mt-2 text-slate-700">{x.body}</p>
        </section>
      ))}
    </main>
  );
}
