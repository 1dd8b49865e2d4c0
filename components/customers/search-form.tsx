import { getTranslations } from "next-intl/server";
import { startCustomerSearchAction } from "@/app/(app)/customers/actions";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/inputs";

/**
 * The full search (workspace, results page). It posts the term to a server action, which keeps it
 * on the server and opens `/customers?s=<id>`: results have a URL (back, forward, reload), and the
 * number or name searched for is never in it. Works before the page has hydrated, too.
 */
// A plain form's action: React ignores its result (it redirects on success; an empty term is
// refused by the browser's `required` first, and by the action's schema).
const searchAction = startCustomerSearchAction as unknown as (form: FormData) => Promise<void>;

export async function CustomerSearchForm({ id, q, autoFocus }: { id: string; q?: string; autoFocus?: boolean }) {
  const t = await getTranslations();
  return (
    <div>
      <form action={searchAction} role="search" className="flex max-w-xl gap-2">
        <TextInput id={id} name="q" type="search" defaultValue={q} autoFocus={autoFocus} required maxLength={64} counter={false} aria-label={t("header.search")} aria-describedby={`${id}-hint`} placeholder={t("header.searchPlaceholder")} />
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
