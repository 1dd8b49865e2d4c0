import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";

// Shown inside the app shell when a page calls notFound() (the shell holds the one <main>), and
// on its own for an unknown address.
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="mx-auto max-w-md space-y-4 p-8 text-center">
      <h1 className="text-lg font-semibold">{t("notFound")}</h1>
      <ButtonLink href="/" variant="link">
        {t("goHome")}
      </ButtonLink>
    </div>
  );
}
