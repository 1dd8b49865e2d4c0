import { getLocale, getTranslations } from "next-intl/server";
import type { DashboardFilters } from "@/lib/dashboards/filters";
import { DASHBOARD_CHANNELS } from "@/lib/dashboards/filters";
import { VALUE_TIERS } from "@/lib/scoring/value";

type Field = "team" | "channel" | "category" | "region" | "tier";
const ALL_FIELDS: readonly Field[] = ["team", "channel", "category", "region", "tier"];

/**
 * A plain GET form: the filters are the URL, so a view can be bookmarked and shared. `fields`
 * picks the filters that apply to a tab (dates are always there); the others are kept as hidden
 * inputs, so switching tabs does not lose them.
 */
export async function FilterBar({
  action,
  filters,
  options,
  fields = ALL_FIELDS,
}: {
  action: string;
  fields?: readonly Field[];
  filters: DashboardFilters;
  options: { teams: { id: number; nameZh: string; nameEn: string }[]; categories: { id: number; nameZh: string; nameEn: string }[]; regions: string[] };
}) {
  const t = await getTranslations("dashboards");
  const tTier = await getTranslations("value.tier");
  const tc = await getTranslations("enums.channel");
  const zh = (await getLocale()) === "zh-CN";
  const field = "rounded border border-slate-300 px-2 py-1 text-sm";
  return (
    <form method="get" action={action} className="card flex flex-wrap items-end gap-3 px-3 py-2" aria-label={t("filters")}>
      <div className="text-xs text-slate-600">
        <label htmlFor="f-from" className="block">
          {t("from")}
        </label>
        <input type="date" id="f-from" name="from" defaultValue={filters.from} className={`${field} block`} />
      </div>
      <div className="text-xs text-slate-600">
        <label htmlFor="f-to" className="block">
          {t("to")}
        </label>
        <input type="date" id="f-to" name="to" defaultValue={filters.to} className={`${field} block`} />
      </div>
      {fields.includes("team") ? (
        <div className="text-xs text-slate-600">
          <label htmlFor="f-team" className="block">
            {t("team")}
          </label>
          <select id="f-team" name="team" defaultValue={filters.team ?? ""} className={`${field} block`}>
            <option value="">{t("all")}</option>
            {options.teams.map((o) => (
              <option key={o.id} value={o.id}>
                {zh ? o.nameZh : o.nameEn}
              </option>
            ))}
          </select>
        </div>
      ) : (
        filters.team !== undefined && <input type="hidden" name="team" value={filters.team} />
      )}
      {fields.includes("channel") ? (
        <div className="text-xs text-slate-600">
          <label htmlFor="f-channel" className="block">
            {t("channel")}
          </label>
          <select id="f-channel" name="channel" defaultValue={filters.channel ?? ""} className={`${field} block`}>
            <option value="">{t("all")}</option>
            {DASHBOARD_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {tc(c)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        filters.channel !== undefined && <input type="hidden" name="channel" value={filters.channel} />
      )}
      {fields.includes("category") ? (
        <div className="text-xs text-slate-600">
          <label htmlFor="f-category" className="block">
            {t("category")}
          </label>
          <select id="f-category" name="category" defaultValue={filters.category ?? ""} className={`${field} block`}>
            <option value="">{t("all")}</option>
            {options.categories.map((o) => (
              <option key={o.id} value={o.id}>
                {zh ? o.nameZh : o.nameEn}
              </option>
            ))}
          </select>
        </div>
      ) : (
        filters.category !== undefined && <input type="hidden" name="category" value={filters.category} />
      )}
      {fields.includes("region") ? (
        <div className="text-xs text-slate-600">
          <label htmlFor="f-region" className="block">
            {t("region")}
          </label>
          <select id="f-region" name="region" defaultValue={filters.region ?? ""} className={`${field} block`}>
            <option value="">{t("all")}</option>
            {options.regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
      ) : (
        filters.region !== undefined && <input type="hidden" name="region" value={filters.region} />
      )}
      {fields.includes("tier") ? (
        <div className="text-xs text-slate-600">
          <label htmlFor="f-tier" className="block">
            {t("tier")}
          </label>
          <select id="f-tier" name="tier" defaultValue={filters.tier ?? ""} className={`${field} block`}>
            <option value="">{t("all")}</option>
            {VALUE_TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {tTier(tier)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        filters.tier !== undefined && <input type="hidden" name="tier" value={filters.tier} />
      )}
      <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">
        {t("apply")}
      </button>
    </form>
  );
}
