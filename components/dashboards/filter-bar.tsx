import { getLocale, getTranslations } from "next-intl/server";
import type { DashboardFilters } from "@/lib/dashboards/filters";
import { DASHBOARD_CHANNELS } from "@/lib/dashboards/filters";

/** A plain GET form: the filters are the URL, so a view can be bookmarked and shared. */
export async function FilterBar({ action, filters, options }: { action: string; filters: DashboardFilters; options: { teams: { id: number; nameZh: string; nameEn: string }[]; categories: { id: number; nameZh: string; nameEn: string }[]; regions: string[] } }) {
  const t = await getTranslations("dashboards");
  const tc = await getTranslations("enums.channel");
  const zh = (await getLocale()) === "zh-CN";
  const field = "rounded border border-slate-300 px-2 py-1 text-sm";
  return (
    <form method="get" action={action} className="card flex flex-wrap items-end gap-3 px-3 py-2" aria-label={t("filters")}>
      <label className="text-xs text-slate-600">
        {t("from")}
        <input type="date" name="from" defaultValue={filters.from} className={`${field} block`} />
      </label>
      <label className="text-xs text-slate-600">
        {t("to")}
        <input type="date" name="to" defaultValue={filters.to} className={`${field} block`} />
      </label>
      <label className="text-xs text-slate-600">
        {t("team")}
        <select name="team" defaultValue={filters.team ?? ""} className={`${field} block`}>
          <option value="">{t("all")}</option>
          {options.teams.map((o) => (
            <option key={o.id} value={o.id}>
              {zh ? o.nameZh : o.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        {t("channel")}
        <select name="channel" defaultValue={filters.channel ?? ""} className={`${field} block`}>
          <option value="">{t("all")}</option>
          {DASHBOARD_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {tc(c)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        {t("category")}
        <select name="category" defaultValue={filters.category ?? ""} className={`${field} block`}>
          <option value="">{t("all")}</option>
          {options.categories.map((o) => (
            <option key={o.id} value={o.id}>
              {zh ? o.nameZh : o.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        {t("region")}
        <select name="region" defaultValue={filters.region ?? ""} className={`${field} block`}>
          <option value="">{t("all")}</option>
          {options.regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        {t("tier")}
        <input name="tier" defaultValue={filters.tier ?? ""} placeholder={t("all")} className={`${field} block w-28`} />
      </label>
      <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">
        {t("apply")}
      </button>
    </form>
  );
}
