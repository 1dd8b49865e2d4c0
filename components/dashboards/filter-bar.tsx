import { getLocale, getTranslations } from "next-intl/server";
import type { DashboardFilters } from "@/lib/dashboards/filters";
import { DASHBOARD_CHANNELS } from "@/lib/dashboards/filters";
import { VALUE_TIERS } from "@/lib/scoring/value";
import { cityLabel } from "@/lib/i18n/cities";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

export type FilterField = "team" | "channel" | "category" | "region" | "tier";
const ALL_FIELDS: readonly FilterField[] = ["team", "channel", "category", "region", "tier"];
type Option = { value: string | number; label: string };
type Named = { id: number; nameZh: string; nameEn: string };
export type FilterBarOptions = { teams: Named[]; categories: Named[]; regions: string[] };

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
  fields?: readonly FilterField[];
  filters: DashboardFilters;
  options: FilterBarOptions;
}) {
  const t = await getTranslations("dashboards");
  const te = await getTranslations("enums");
  const locale = await getLocale();
  const zh = locale === "zh-CN";
  const named = (o: Named) => ({ value: o.id, label: zh ? o.nameZh : o.nameEn });
  const choices: Record<FilterField, Option[]> = {
    team: options.teams.map(named),
    channel: DASHBOARD_CHANNELS.map((c) => ({ value: c, label: te(`channel.${c}`) })),
    category: options.categories.map(named),
    region: options.regions.map((r) => ({ value: r, label: cityLabel(r, locale) })),
    tier: VALUE_TIERS.map((tier) => ({ value: tier, label: te(`valueTier.${tier}`) })),
  };
  return (
    <Card>
      <form method="get" action={action} className="flex flex-wrap items-end gap-3 px-3 py-2" aria-label={t("filters")}>
        <Field id="f-from" label={t("from")}>
          <TextInput type="date" name="from" defaultValue={filters.from} />
        </Field>
        <Field id="f-to" label={t("to")}>
          <TextInput type="date" name="to" defaultValue={filters.to} />
        </Field>
        {ALL_FIELDS.map((name) =>
          fields.includes(name) ? (
            <Field key={name} id={`f-${name}`} label={t(name)}>
              <Select name={name} defaultValue={filters[name] ?? ""} placeholder={t("all")} options={choices[name]} />
            </Field>
          ) : (
            filters[name] !== undefined && <input key={name} type="hidden" name={name} value={filters[name]} />
          ),
        )}
        <Button type="submit" variant="primary">
          {t("apply")}
        </Button>
      </form>
    </Card>
  );
}
