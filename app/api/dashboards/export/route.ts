import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import type { Translate } from "@/lib/i18n/translate";
import { csvResponse, route } from "@/lib/shared/route";
import { dashboardFilters } from "@/lib/dashboards/filters";
import { exportDashboardTable, EXPORT_TABLES } from "@/lib/dashboards/export";

// The filters are parsed per request: their default range ends today.
const optional = z.string().max(40).optional().catch(undefined);
const exportQuery = z
  .looseObject({ table: z.enum(EXPORT_TABLES), drill: optional, list: optional, month: optional })
  .transform((q) => ({ ...q, filters: dashboardFilters().parse(q) }));

/** CSV download of a dashboard table (same filters as the page), in the requester's language; audited in lib. */
export const GET = route({ permission: "dashboard:read", query: exportQuery }, async ({ actor, query }) => {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const { filename, csv } = await exportDashboardTable(
    actor,
    query.table,
    query.filters,
    query.drill ?? null,
    { list: query.list ?? null, month: query.month ?? null },
    t as unknown as Translate,
    locale,
  );
  return csvResponse(csv, filename);
});
