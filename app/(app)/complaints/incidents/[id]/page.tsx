import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getIncident } from "@/lib/complaints/incidents";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { SLA_CLASS } from "@/components/complaints/sla-style";
import { bulkReplyAction, bulkTransitionAction, linkComplaintsAction } from "../actions";

const BULK_ACTIONS = ["start", "hold", "resume", "resolve"] as const;

export default async function IncidentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; error?: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const t = await getTranslations();
  let i;
  try {
    i = await getIncident(actor, /^\d{1,9}$/.test(id) ? Number(id) : -1);
  } catch (e) {
    if (e instanceof NotFoundError || e instanceof ForbiddenError) notFound();
    throw e;
  }
  let done: Record<string, number | string[]> | null = null;
  try {
    done = sp.done ? (JSON.parse(sp.done) as Record<string, number | string[]>) : null;
  } catch {}
  const errorText = sp.error ? (sp.error.startsWith("complaints.") ? t(sp.error) : t.has(`errors.${sp.error}`) ? t(`errors.${sp.error}`) : t("errors.generic")) : null;
  const field = "w-full rounded border border-slate-300 px-2 py-1 text-sm";
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">{i.title}</h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`complaints.incident.status.${i.status}`)}</span>
        <Link href="/complaints/incidents" className="ml-auto text-sm text-brand-700 hover:underline">
          {t("complaints.incident.title")}
        </Link>
      </div>
      {i.description && <p className="text-sm">{i.description}</p>}
      {done && (
        <p role="status" className="text-sm text-ok">
          {t("complaints.incident.done", {
            changed: Number(done.changed ?? done.linked ?? done.replied ?? 0),
            skipped: Number(done.skipped ?? 0),
          })}
          {Array.isArray(done.unknown) && done.unknown.length > 0 && ` ${t("complaints.incident.unknown", { nos: done.unknown.join(", ") })}`}
        </p>
      )}
      {errorText && (
        <p role="alert" className="text-sm text-bad">
          {errorText}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <form action={linkComplaintsAction} className="card space-y-2 p-3">
          <input type="hidden" name="incidentId" value={i.id} />
          <h2 className="text-sm font-semibold">{t("complaints.incident.link")}</h2>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">{t("complaints.incident.complaintNos")}</span>
            <textarea name="complaintNos" rows={3} required className={field} />
          </label>
          <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
            {t("complaints.incident.link")}
          </button>
        </form>
        <form action={bulkTransitionAction} className="card space-y-2 p-3">
          <input type="hidden" name="incidentId" value={i.id} />
          <h2 className="text-sm font-semibold">{t("complaints.incident.bulkStatus")}</h2>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">{t("complaints.incident.step")}</span>
            <select name="action" className={field}>
              {BULK_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`complaints.action.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">{t("complaints.reason")}</span>
            <input name="reason" maxLength={1000} className={field} />
          </label>
          <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
            {t("complaints.incident.applyAll")}
          </button>
        </form>
        <form action={bulkReplyAction} className="card space-y-2 p-3">
          <input type="hidden" name="incidentId" value={i.id} />
          <h2 className="text-sm font-semibold">{t("complaints.incident.bulkReply")}</h2>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">{t("complaints.feedback.body")}</span>
            <textarea name="body" rows={3} required maxLength={4000} className={field} />
          </label>
          <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
            {t("complaints.incident.sendAll")}
          </button>
        </form>
      </div>
      <section className="card">
        <h2 className="card-title">{t("complaints.incident.linked")}</h2>
        {i.complaints.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("complaints.incident.none")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("complaints.col.no")}</th>
                <th>{t("complaints.form.summary")}</th>
                <th>{t("complaints.col.status")}</th>
                <th>{t("complaints.col.sla")}</th>
              </tr>
            </thead>
            <tbody>
              {i.complaints.map((c) => {
                const state = !c.nextDueAt ? "NONE" : c.isSlaPaused ? "PAUSED" : c.breachedAt ? "BREACHED" : "ON_TRACK";
                return (
                  <tr key={c.id}>
                    <td className="tabular-nums">
                      <Link href={`/complaints/${c.id}`} className="text-brand-700 hover:underline">
                        {c.complaintNo}
                      </Link>
                    </td>
                    <td>{c.summary}</td>
                    <td>{t(`complaints.status.${c.status}`)}</td>
                    <td>
                      <span className={`rounded px-1.5 py-0.5 text-xs ${SLA_CLASS[state]}`}>{t(`complaints.sla.${state}`)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
