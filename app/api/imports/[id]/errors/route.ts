import { getTranslations } from "next-intl/server";
import { listImportErrors } from "@/lib/imports/queries";
import { importJobParams } from "@/lib/imports/schemas";
import { toCsv } from "@/lib/shared/csv";
import { csvResponse, route } from "@/lib/shared/route";

/** The error report of a rejected import: row, column, message (in the reader's language), value. */
export const GET = route({ permission: "customer:import", params: importJobParams }, async ({ actor, params }) => {
  const rows = await listImportErrors(actor, params.id);
  const t = await getTranslations("importer");
  const csv = toCsv(
    [t("report.row"), t("report.column"), t("report.message"), t("report.value")],
    rows.map((r) => [r.rowNo, r.column, t.has(`errors.${r.code}`) ? t(`errors.${r.code}`) : r.code, r.value]),
  );
  return csvResponse(csv, `import-${params.id}-errors.csv`);
});
