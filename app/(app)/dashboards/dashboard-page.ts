import "server-only";
import { forbidden } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { dashboardFilters, filtersToSearch } from "@/lib/dashboards/filters";

export type DashboardSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** What every dashboard page starts with: the actor (managers only), the filters from the URL
 *  (bad values fall back to their defaults), and the page's translator and formatter. */
export async function openDashboard(searchParams: DashboardSearchParams) {
  const actor = await requireActor();
  if (!can(actor, "dashboard:read")) forbidden();
  const sp = await searchParams;
  const filters = dashboardFilters().parse(sp);
  const [t, format, locale] = await Promise.all([getTranslations("dashboards"), getFormatter(), getLocale()]);
  return { actor, sp, filters, search: filtersToSearch(filters), t, format, zh: locale === "zh-CN" };
}
