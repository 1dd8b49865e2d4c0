import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-lg font-semibold">{t("notFound")}</h1>
      <Link href="/" className="mt-4 inline-block text-brand-700 hover:underline">
        {t("goHome")}
      </Link>
    </main>
  );
}
