import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";

// A page the person's role may not open (forbidden(), or a ForbiddenError from lib through
// page() in lib/shared/page.ts): status 403, said plainly, with the way home.
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <div className="mx-auto max-w-md space-y-4 p-8 text-center">
      <h1 className="text-lg font-semibold">{t("pageForbidden")}</h1>
      <p className="text-sm text-slate-600">{t("pageForbiddenHint")}</p>
      <ButtonLink href="/" variant="link">
        {t("goHome")}
      </ButtonLink>
    </div>
  );
}
