import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listIncidents } from "@/lib/complaints/incidents";
import { createIncidentAction } from "./actions";

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "complaint:assign")) notFound();
  const t = await getTranslations("complaints");
  const locale = await getLocale();
  const { error } = await searchParams;
  const rows = await listIncidents(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("incident.title")}</h1>
      <p className="text-sm text-slate-600">{t("incident.intro")}</p>
      <form action={createIncidentAction} className="card max-w-2xl space-y-2 p-3">
        <h2 className="text-sm font-semibold">{t("incident.create")}</h2>
        <label className="block text-sm">
          <span className="mb-1 block text-slate-600">{t("incident.name")}</span>
          <input name="title" required maxLength={200} className="w-full rounded border border-slate-300 px-2 py-1 text-sm" />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block text-slate-600">{t("incident.description")}</span>
          <textarea name="description" rows={2} maxLength={4000} className="w-full rounded border border-slate-300 px-2 py-1 text-sm" />
        </label>
        {error && (
          <p role="alert" className="text-sm text-bad">
            {t.has(`errors.${error}`) ? t(`errors.${error}`) : t("incident.failed")}
          </p>
        )}
        <button type="submit" className="rounded bg-brand-600 px-3 py-1 text-sm text-white hover:bg-brand-700">
          {t("incident.create")}
        </button>
      </form>
      <section className="card">
        {rows.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("incident.empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("incident.name")}</th>
                <th>{t("col.status")}</th>
                <th className="num">{t("incident.linked")}</th>
                <th>{t("incident.started")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/complaints/incidents/${r.id}`} className="text-brand-700 hover:underline">
                      {r.title}
                    </Link>
                  </td>
                  <td>{t(`incident.status.${r.status}`)}</td>
                  <td className="num">{r.complaints}</td>
                  <td className="tabular-nums">{r.startedAt.toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
