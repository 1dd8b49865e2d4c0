"use client";

import { useTranslations } from "next-intl";

// Unexpected errors: a translated message, never a stack trace.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations();
  return (
    <main className="mx-auto max-w-md p-8 text-center" role="alert">
      <h1 className="text-lg font-semibold">{t("errors.database")}</h1>
      <button onClick={reset} className="mt-4 rounded bg-brand-600 px-3 py-1.5 text-white">
        {t("common.retry")}
      </button>
    </main>
  );
}
