import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { searchAuditEntries } from "@/lib/audit/queries";
import { auditFilterInput } from "@/lib/audit/schemas";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const format = await getFormatter();
  const raw = await searchParams;
  const filter = auditFilterInput.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { rows, nextBefore } = await searchAuditEntries(actor, filter, 50);
  const query = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) p.set(k, v);
    return p.toString();
  };
  const fields = [
    { name: "actor", label: t("trust.auditActor"), type: "text" },
    { name: "entity", label: t("trust.auditEntity"), type: "text" },
    { name: "action", label: t("trust.auditAction"), type: "text" },
    { name: "from", label: t("trust.auditFrom"), type: "date" },
    { name: "to", label: t("trust.auditTo"), type: "date" },
  ] as const;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("trust.auditTitle")}</h1>
      <form method="get" className="card flex flex-wrap items-end gap-3 p-4" role="search" aria-label={t("trust.auditFilters")}>
        {fields.map((f) => (
          <div key={f.name}>
            <label htmlFor={`af-${f.name}`} className="mb-1 block text-xs font-medium">
              {f.label}
            </label>
            <input id={`af-${f.name}`} name={f.name} type={f.type} defaultValue={filter[f.name] ?? ""} className="rounded border border-slate-300 px-2 py-1 text-sm" />
          </div>
        ))}
        <button type="submit" className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700">
          {t("trust.auditApply")}
        </button>
        <a href={`/admin/audit/export?${query({ before: undefined })}`} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50">
          {t("trust.auditExport")}
        </a>
      </form>
      <section className="card" aria-labelledby="audit-rows-h">
        <h2 id="audit-rows-h" className="card-title">
          {t("admin.recentAudit")}
        </h2>
        {rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("trust.auditNoMatch")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("admin.at")}</th>
                <th>{t("admin.actor")}</th>
                <th>{t("admin.action")}</th>
                <th>{t("admin.entity")}</th>
                <th>{t("admin.ip")}</th>
                <th>{t("trust.auditData")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="tabular-nums whitespace-nowrap">{format.dateTime(r.at, { dateStyle: "short", timeStyle: "medium" })}</td>
                  <td>{r.actorName ?? t("common.none")}</td>
                  <td>
                    <code className="text-xs">{r.action}</code>
                  </td>
                  <td>
                    {r.entity}
                    {r.entityId ? ` #${r.entityId}` : ""}
                  </td>
                  <td>{r.ip ?? t("common.none")}</td>
                  <td className="max-w-md truncate text-xs text-slate-500" title={r.data == null ? "" : JSON.stringify(r.data)}>
                    {r.data == null ? "" : JSON.stringify(r.data)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {nextBefore && (
        <Link href={`/admin/audit?${query({ before: nextBefore })}`} className="text-sm text-brand-700 underline">
          {t("trust.auditOlder")}
        </Link>
      )}
    </div>
  );
}
