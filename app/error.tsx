"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

// Unexpected errors: a translated message, never a stack trace. It replaces the root layout's
// children (the app shell included), so it is the page's main content.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations();
  return (
    <main className="mx-auto max-w-md space-y-4 p-8 text-center" role="alert">
      <h1 className="text-lg font-semibold">{t("errors.database")}</h1>
      <Button variant="primary" onClick={reset}>
        {t("common.retry")}
      </Button>
    </main>
  );
}
