"use client";

import { useTranslations } from "next-intl";

/** Translates an action error code: complaint codes carry their own namespace, the rest live under errors. */
export function useActionError() {
  const t = useTranslations();
  return (code: string) => (code.startsWith("complaints.") ? t(code) : t(`errors.${code}`));
}
