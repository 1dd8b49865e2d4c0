import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listComplaintQueue } from "@/lib/complaints/queries";
import { listActiveCategories } from "@/lib/complaints/standards";
import { QUEUES, queueInput } from "@/lib/complaints/schemas";
import { AutoRefresh, SlaBadge } from "@/components/complaints/sla-badge";

export default async function ComplaintQueuesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "complaint:read")) notFound();
  const t = await getTranslations("complaints");
  const locale = await getLocale();
  const sp = await searchParams;
  const input = queueInput.parse({ queue: sp.queue, cursor: sp.cursor, categoryId: sp.categoryId || undefined, limit: 25 });
  const [{ rows, nextCursor }, categories] = await Promise.all([listComplaintQueue(actor, input), listActiveCategories(actor)]);
  const href = (q: Record<string, string | number | undefined>) => {
    const all: Record<string, string | number | undefined> = { queue: input.queue, categoryId: input.categoryId, ...q };
    return "/complaints?" + new URLSearchParams(Object.entries(all).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  };
  return (
    <div className="space-y-3">
      <AutoRefresh seconds={60} />
      <div className="flex items-baseline gap-4">
        <h1 className="text-xl font-semibold">{t("queues")}</h1>
        {can(actor, "complaint:assign") && (
          <>
            <Link href="/complaints/incidents" className="text-sm text-brand-700 hover:underline">
              {t("links.incidents")}
            </Link>
            <Link href="/complaints/appeals" className="text-sm text-brand-700 hover:underline">
              {t("links.appeals")}
            </Link>
          </>
        )}
      </div>
      <nav aria-label={t("queues")} className="flex flex-wrap gap-1 border-b border-slate-200">
        {QUEUES.map((q) => (
          <Link
            key={q}
            href={href({ queue: q, cursor: undefined })}
            aria-current={q === input.queue ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${q === input.queue ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(`queue.${q}`)}
          </Link>
        ))}
      </nav>
      <form className="flex items-end gap-2" action="/complaints">
        <input type="hidden" name="queue" value={input.queue} />
        <label className="text-sm">
          <span className="mb-1 block text-slate-600">{t("filterCategory")}</span>
          <select name="categoryId" defaultValue={input.categoryId ?? ""} className="rounded border border-slate-300 px-2 py-1 text-sm">
            <option value="">{t("allCategories")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {locale === "en" ? c.nameEn : c.nameZh}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
          {t("apply")}
        </button>
      </form>
      <section className="card overflow-x-auto">
        {rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("queueEmpty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("col.no")}</th>
                <th>{t("col.customer")}</th>
                <th>{t("col.category")}</th>
                <th>{t("col.grade")}</th>
                <th>{t("col.status")}</th>
                <th>{t("col.sla")}</th>
                <th>{t("col.owner")}</th>
                <th>{t("col.assignee")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="tabular-nums">
                    <Link href={`/complaints/${r.id}`} className="text-brand-700 hover:underline">
                      {r.complaintNo}
                    </Link>
                  </td>
                  <td>{r.customerName}</td>
                  <td>{locale === "en" ? r.categoryEn : r.categoryZh}</td>
                  <td>{t(`grade.${r.grade}`)}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td>
                    <SlaBadge status={r.slaState} remainingMinutes={r.remainingMinutes} ticks={false} />
                  </td>
                  <td>{r.ownerName}</td>
                  <td>{r.assigneeName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="flex gap-3 text-sm">
        {input.cursor && (
          <Link href={href({ cursor: undefined })} className="text-brand-700 hover:underline">
            {t("first")}
          </Link>
        )}
        {nextCursor && (
          <Link href={href({ cursor: nextCursor })} className="text-brand-700 hover:underline">
            {t("next")}
          </Link>
        )}
      </div>
    </div>
  );
}
