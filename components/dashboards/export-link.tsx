import { getTranslations } from "next-intl/server";

/** Downloads a dashboard table as CSV (formula-safe, audited: app/api/dashboards/export). */
export async function ExportLink({ table, search, label }: { table: string; search: string; label: string }) {
  const t = await getTranslations("dashboards");
  return (
    <a href={`/api/dashboards/export?table=${table}${search ? `&${search}` : ""}`} className="text-xs text-brand-700 underline" aria-label={t("exportNamed", { name: label })} download>
      {t("export")}
    </a>
  );
}
