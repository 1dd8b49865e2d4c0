import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/inputs";

/** The full search (workspace, results page): a GET form to /customers, so results have a URL. */
export async function CustomerSearchForm({ id, q, autoFocus }: { id: string; q?: string; autoFocus?: boolean }) {
  const t = await getTranslations();
  return (
    <div>
      <form action="/customers" role="search" className="flex max-w-xl gap-2">
        <TextInput id={id} name="q" type="search" defaultValue={q} autoFocus={autoFocus} maxLength={64} counter={false} aria-label={t("header.search")} aria-describedby={`${id}-hint`} placeholder={t("header.searchPlaceholder")} />
        <Button type="submit" variant="primary">
          {t("header.search")}
        </Button>
      </form>
      <p id={`${id}-hint`} className="mt-1.5 text-xs text-slate-500">
        {t("search.hint")}
      </p>
    </div>
  );
}
