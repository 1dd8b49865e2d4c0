"use client";

import { useRef } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/inputs";
import { Kbd } from "@/components/ui/kbd";
import { useShortcut } from "@/components/ui/use-shortcut";

/** The knowledge search: a GET form (the query lives in the URL); "s" focuses it from anywhere on the page. */
export function KnowledgeSearchBox({ defaultValue, category }: { defaultValue: string; category?: number }) {
  const t = useTranslations("knowledge.list");
  const input = useRef<HTMLInputElement>(null);
  useShortcut(["s"], () => input.current?.focus());
  return (
    <form role="search" action="/knowledge" method="get" className="flex flex-wrap items-center gap-2">
      <label htmlFor="kb-q" className="sr-only">
        {t("searchLabel")}
      </label>
      <TextInput ref={input} id="kb-q" name="q" type="search" defaultValue={defaultValue} placeholder={t("searchPlaceholder")} maxLength={200} className="max-w-xl flex-1" autoComplete="off" />
      {category && <input type="hidden" name="category" value={category} />}
      <Button type="submit" variant="primary">
        {t("search")}
      </Button>
      <span className="text-xs text-slate-500">
        <Kbd>S</Kbd> {t("searchShortcut")}
      </span>
    </form>
  );
}
