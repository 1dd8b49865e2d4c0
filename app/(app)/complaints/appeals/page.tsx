import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getAppealReport } from "@/lib/complaints/queries";
import { Stat } from "@/components/ui/stat";

export default async function AppealReportPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "complaint:assign")) notFound();
  const t = await getTranslations("complaints");
  const locale = await getLocale();
  const { days: raw } = await searchParams;
  const days = [7, 30, 90].includes(Number(raw)) ? Number(raw) : 30;
  const r = await getAppealReport(actor, days);
  const pct = r.totals.total ? ((r.totals.within / r.totals.total) * 100).toFixed(1) + " %" : "—";
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">{t("appeal.title")}</h1>
        <nav aria-label={t("appeal.period")} className="flex gap-2 text-sm">
          {[7, 30, 90].map((d) => (
            <Link key={d} href={`/complaints/appeals?days=${d}`} aria-current={d === days ? "page" : undefined} className={d === days ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}>
              {t("appeal.days", { d })}
            </Link>
          ))}
        </nav>
      </div>
      <div className="grid gap-3 sm:grid-cols-4">
        <Stat label={t("appeal.total")} value={r.totals.total.toLocaleString(locale)} />
        <Stat label={t("appeal.open")} value={r.totals.open.toLocaleString(locale)} />
        <Stat label={t("appeal.within")} value={pct} />
        <Stat label={t("appeal.avgHours")} value={r.totals.avg_hours === null ? "—" : r.totals.avg_hours.toFixed(1)} />
      </div>
      <section className="card" aria-labelledby="ab-h">
        <h2 id="ab-h" className="card-title">
          {t("appeal.byCategory")}
        </h2>
        {r.byCategory.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("appeal.empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("col.category")}</th>
                <th className="num">{t("appeal.total")}</th>
                <th className="num">{t("appeal.breached")}</th>
              </tr>
            </thead>
            <tbody>
              {r.byCategory.map((c) => (
                <tr key={c.name_en}>
                  <td>{locale === "en" ? c.name_en : c.name_zh}</td>
                  <td className="num">{c.n}</td>
                  <td className="num">{c.breached}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="ao-h">
        <h2 id="ao-h" className="card-title">
          {t("appeal.openList")}
        </h2>
        {r.open.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("appeal.noneOpen")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("col.no")}</th>
                <th>{t("form.summary")}</th>
                <th>{t("col.status")}</th>
                <th>{t("col.due")}</th>
              </tr>
            </thead>
            <tbody>
              {r.open.map((c) => (
                <tr key={c.id}>
                  <td className="tabular-nums">
                    <Link href={`/complaints/${c.id}`} className="text-brand-700 hover:underline">
                      {c.complaint_no}
                    </Link>
                  </td>
                  <td>{c.summary}</td>
                  <td>{t(`status.${c.status}`)}</td>
                  <td className={`tabular-nums ${c.breached_at ? "text-bad" : ""}`}>
                    {c.next_due_at ? c.next_due_at.toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
