import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function DashboardTabs({ current, search }: { current: "service" | "satisfaction" | "agents" | "customers"; search: string }) {
  const t = await getTranslations("dashboards");
  return (
    <nav aria-label={t("tabs")} className="flex gap-1 border-b border-slate-200">
      {(["service", "satisfaction", "agents", "customers"] as const).map((k) => (
        <Link
          key={k}
          href={`/dashboards/${k}${search ? `?${search}` : ""}`}
          aria-current={k === current ? "page" : undefined}
          className={`px-3 py-1.5 text-sm ${k === current ? "border-b-2 border-brand-600 font-semibold" : "text-slate-600 hover:text-slate-900"}`}
        >
          {t(`tab.${k}`)}
        </Link>
      ))}
    </nav>
  );
}
