import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { dashboardFilters, filtersToSearch } from "@/lib/dashboards/filters";
import { DRILLS, listDrillComplaints } from "@/lib/dashboards/queries";
import { ExportLink } from "@/components/dashboards/export-link";

const drillParams = z.object({ drill: z.enum(DRILLS).catch("opened"), cursor: z.string().max(200).optional().catch(undefined) });

/** The complaints behind a dashboard tile, with the dashboard's filters. */
export default async function DrillComplaintsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "dashboard:read")) notFound();
  const sp = await searchParams;
  const f = dashboardFilters().parse(sp);
  const { drill, cursor } = drillParams.parse(sp);
  const t = await getTranslations("dashboards");
  const ts = await getTranslations("enums");
  const format = await getFormatter();
  const zh = (await getLocale()) === "zh-CN";
  const page = await listDrillComplaints(actor, f, drill, cursor ?? null);
  const search = filtersToSearch(f, { drill });
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">{t("drill.title", { what: t(`drill.${drill}`) })}</h1>
        <Link href={`/dashboards/service?${filtersToSearch(f)}`} className="text-sm text-brand-700 underline">
          {t("drill.back")}
        </Link>
        <span className="ml-auto">
          <ExportLink table={`drill`} search={search} label={t("drill.title", { what: t(`drill.${drill}`) })} />
        </span>
      </div>
      <p className="text-sm text-slate-600">{t("drill.range", { from: f.from, to: f.to })}</p>
      <section className="card">
        {page.rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("drill.empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("drill.no")}</th>
                <th>{t("category")}</th>
                <th>{t("channel")}</th>
                <th>{t("drill.status")}</th>
                <th>{t("drill.openedAt")}</th>
                <th>{t("drill.breachedAt")}</th>
                <th>{t("drill.summary")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/complaints/${r.id}`} className="underline">
                      {r.complaintNo}
                    </Link>
                  </td>
                  <td>{zh ? r.categoryZh : r.categoryEn}</td>
                  <td>{ts(`channel.${r.channel}`)}</td>
                  <td>{t.has(`drill.statuses.${r.status}`) ? t(`drill.statuses.${r.status}`) : r.status}</td>
                  <td>{format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
                  <td className={r.breachedAt ? "text-red-700" : ""}>{r.breachedAt ? format.dateTime(r.breachedAt, { dateStyle: "short", timeStyle: "short" }) : "—"}</td>
                  <td>{r.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {page.nextCursor && (
        <Link href={`/dashboards/complaints?${filtersToSearch(f, { drill, cursor: page.nextCursor })}`} className="text-sm text-brand-700 underline">
          {t("drill.more")}
        </Link>
      )}
    </div>
  );
}
