import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { CustomerComplaintRow } from "@/lib/complaints/queries";
import { SLA_CLASS } from "@/components/complaints/sla-style";

/** The 360 view's complaints panel: open ones first with their SLA state, then history. */
export async function CustomerComplaintsPanel({ actor, customerId, rows }: { actor: Actor; customerId: number; rows: CustomerComplaintRow[] }) {
  if (!can(actor, "complaint:read")) return null;
  const t = await getTranslations("complaints");
  const locale = await getLocale();
  const openCount = rows.filter((r) => r.isOpen).length;
  return (
    <section className="card" aria-labelledby="complaints-h">
      <div className="flex items-center gap-3 border-b border-slate-100 px-3 py-2">
        <h2 id="complaints-h" className="text-sm font-semibold text-slate-700">
          {t("panel.title")}
        </h2>
        {openCount > 0 && <span className="rounded bg-amber-50 px-1.5 text-xs text-warn">{t("panel.open", { n: openCount })}</span>}
        {can(actor, "complaint:create") && (
          <Link href={`/complaints/new?customerId=${customerId}`} className="ml-auto rounded bg-brand-600 px-2 py-1 text-xs text-white hover:bg-brand-700">
            {t("new")}
          </Link>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="p-3 text-sm text-slate-500">{t("panel.empty")}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t("col.no")}</th>
              <th>{t("col.category")}</th>
              <th>{t("col.status")}</th>
              <th>{t("col.sla")}</th>
              <th>{t("col.opened")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="tabular-nums">
                  <Link href={`/complaints/${r.id}`} className="text-brand-700 hover:underline">
                    {r.complaintNo}
                  </Link>
                  <div className="max-w-56 truncate text-xs text-slate-500" title={r.summary}>
                    {r.summary}
                  </div>
                </td>
                <td>{locale === "en" ? r.category.nameEn : r.category.nameZh}</td>
                <td>{t(`status.${r.status}`)}</td>
                <td>
                  <span className={`rounded px-1.5 py-0.5 text-xs ${SLA_CLASS[r.slaState]}`}>{t(`sla.${r.slaState}`)}</span>
                </td>
                <td className="tabular-nums">{r.createdAt.toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
