import type { Metadata } from "next";
import { createTranslator } from "next-intl";
import { LOCALES } from "@/lib/i18n/locales";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * An opt-out link that leads nowhere (unknown, forged or expired): HTTP 404 with a page the
 * customer understands, in both languages (the link's language is unknown here; Chinese first).
 */
export default async function OptOutNotFound() {
  const texts = await Promise.all(
    LOCALES.map(async (locale) => {
      const messages = (await import(`../../../messages/${locale}.json`)).default;
      const t = createTranslator({ locale, messages, namespace: "marketing.optOut" });
      return { locale, brand: t("brand"), title: t("notFoundTitle"), body: t("notFoundBody") };
    }),
  );
  return (
    <main className="mx-auto min-h-screen max-w-md bg-white px-4 py-6 text-base leading-relaxed">
      {texts.map((x, i) => (
        <section key={x.locale} lang={x.locale} aria-labelledby={`optout-missing-${x.locale}`} className={i > 0 ? "mt-6 border-t border-slate-200 pt-6" : undefined}>
          <p className="mb-2 text-sm font-semibold text-slate-600">{x.brand}</p>
          {i === 0 ? (
            <h1 id={`optout-missing-${x.locale}`} className="text-lg font-semibold">
              {x.title}
            </h1>
          ) : (
            <h2 id={`optout-missing-${x.locale}`} className="text-lg font-semibold">
              {x.title}
            </h2>
          )}
          <p className="mt-2 text-slate-700">{x.body}</p>
        </section>
      ))}
    </main>
  );
}
