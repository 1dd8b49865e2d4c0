import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

/** Downloads a dashboard table as CSV (formula-safe, audited: app/api/dashboards/export). A plain
 *  link, not next/link: a prefetch of the route would be an export. */
export async function ExportLink({ table, search, label }: { table: string; search: string; label: string }) {
  const t = await getTranslations("dashboards");
  return (
    <a href={`/api/dashboards/export?table=${table}${search ? `&${search}` : ""}`} className={buttonClass({ variant: "link", size: "sm", className: "text-xs" })} download>
      {t("export")}
      <span className="sr-only">{t("exportOf", { name: label })}</span>
    </a>
  );
}
