import { PageHeader } from "@/components/ui/card";
import { DashboardTabs, type DashboardTab } from "@/components/dashboards/dashboard-tabs";
import { FilterBar, type FilterBarOptions, type FilterField } from "@/components/dashboards/filter-bar";
import type { DashboardFilters } from "@/lib/dashboards/filters";

/** A dashboard tab: its title, the tabs (keeping the filters) and the filter bar over the content. */
export function DashboardFrame({ tab, title, search, filters, options, fields, children }: { tab: DashboardTab; title: string; search: string; filters: DashboardFilters; options: FilterBarOptions; fields?: readonly FilterField[]; children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <PageHeader title={title} />
      <DashboardTabs current={tab} search={search} />
      <FilterBar action={`/dashboards/${tab}`} filters={filters} options={options} fields={fields} />
      {children}
    </div>
  );
}
