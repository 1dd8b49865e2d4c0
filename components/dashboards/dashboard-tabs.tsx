import { getTranslations } from "next-intl/server";
import { LinkTabs } from "@/components/ui/tabs";

const TABS = ["service", "satisfaction", "agents", "customers"] as const;
export type DashboardTab = (typeof TABS)[number];

export async function DashboardTabs({ current, search }: { current: DashboardTab; search: string }) {
  const t = await getTranslations("dashboards");
  // The Customers tab reads months, the others days: switching between them keeps every filter
  // but the start date, so each opens on its own default span (12 months / 30 days).
  const tabSearch = (k: DashboardTab) => {
    if ((k === "customers") === (current === "customers")) return search;
    const p = new URLSearchParams(search);
    p.delete("from");
    return p.toString();
  };
  return <LinkTabs label={t("tabs")} tabs={TABS.map((k) => ({ href: `/dashboards/${k}${tabSearch(k) ? `?${tabSearch(k)}` : ""}`, label: t(`tab.${k}`), current: k === current }))} />;
}
