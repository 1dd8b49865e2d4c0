"use client";

import { useLocale, useTranslations } from "next-intl";
import { setLocaleAction } from "@/app/actions";
import { LOCALES } from "@/lib/i18n/locales";
import { Select } from "@/components/ui/field";
import { toast } from "@/components/ui/toaster";
import { useAction, useErrorText } from "@/components/ui/use-action";

/** The interface language; the page re-renders in the new one (useAction refreshes it). */
export function LocaleSwitcher() {
  const locale = useLocale();
  const t = useTranslations();
  const errorText = useErrorText();
  const { run, pending } = useAction(setLocaleAction);
  return (
    <Select
      aria-label={t("header.language")}
      value={locale}
      disabled={pending}
      onChange={(e) => void run(e.target.value).then((r) => !r.ok && toast.error(errorText(r.error)))}
      className="w-auto"
      options={LOCALES.map((l) => ({ value: l, label: t(`enums.language.${l}`) }))}
    />
  );
}
