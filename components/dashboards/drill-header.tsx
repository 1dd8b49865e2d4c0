import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { ExportLink } from "@/components/dashboards/export-link";

/** The title row of a list behind a dashboard tile: back to the dashboard, and the list as CSV. */
export async function DrillHeader({ title, hint, back, exportTable, search }: { title: string; hint: string; back: string; exportTable: string; search: string }) {
  const t = await getTranslations("dashboards");
  return (
    <PageHeader
      title={title}
      description={hint}
      actions={
        <>
          <ButtonLink href={back} variant="link">
            {t("drill.back")}
          </ButtonLink>
          <ExportLink table={exportTable} search={search} label={title} />
        </>
      }
    />
  );
}
