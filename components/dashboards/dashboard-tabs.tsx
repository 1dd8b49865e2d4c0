import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function DashboardTabs({ current, search }: { current: "service" | "satisfaction" | "agents" | "customers"; search: string }) {
  const t = await getTranslations("dashboards");
  // The Customers tab reads months, the others days: switching between them keeps every filter
  // but the start date, so each opens on its own default span (12 months / 30 days).
  const tabSearch = (k: string) => {
    if ((k === "customers") === (current === "customers")) return search;
    const p = new URLSearchParams(search);
    p.delete("from");
    return p.toString();
  };
  return (
    <nav aria-label={t("tabs")} className="flex gap-1 border-b border-slate-200">
      {(["service", "satisfaction", "agents", "customers"] as const).map((k) => (
        <Link
          key={k}
          href={`/dashboards/${k}${tabSearch(k) ? `?${tabSearch(k)}` : ""}`}
          aria-current={k === current ? "page" : undefined}
          className={`px-3 py-1.5 text-sm ${k === current ? "border-b-2 border-brand-600 font-semibold" : "text-slate-600 hover:text-slate-900"}`}
        >
          {t(`tab.${k}`)}
        </Link>
      ))}
    </nav>
  );
}
