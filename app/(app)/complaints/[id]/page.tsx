import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getComplaintDetail, listAssignees, type TimelineEntry } from "@/lib/complaints/queries";
import { NotFoundError } from "@/lib/shared/errors";
import { AutoRefresh, SlaBadge } from "@/components/complaints/sla-badge";
import { ComplaintActions } from "@/components/complaints/complaint-actions";
import { SurveyResponsesPanel } from "@/components/surveys/survey-responses-panel";
import { listComplaintSurveyResponses } from "@/lib/surveys/queries";

export default async function ComplaintPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const t = await getTranslations("complaints");
  const locale = await getLocale();
  let c;
  try {
    c = await getComplaintDetail(actor, /^\d{1,9}$/.test(id) ? Number(id) : -1);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const [assignees, surveyAnswers] = await Promise.all([c.can.handle ? listAssignees(actor) : [], listComplaintSurveyResponses(actor, c.id)]);
  const when = (d: Date) => d.toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });
  const describe = (e: TimelineEntry): string => {
    if (e.kind === "STATUS") {
      const to = t(`status.${e.toStatus}`);
      return e.fromStatus ? `${t(`action.${e.action}`)}: ${t("timeline.STATUS", { from: t(`status.${e.fromStatus}`), to })}` : t("timeline.opened", { to });
    }
    if (e.kind === "SYSTEM" && e.text) {
      try {
        const ev = JSON.parse(e.text) as { event: string; toName?: string; level?: number; satisfied?: boolean; notes?: string; note?: string | null };
        if (ev.event === "assigned") return t("timeline.assigned", { name: ev.toName ?? "" }) + (ev.note ? ` — ${ev.note}` : "");
        if (ev.event === "breached") return t("timeline.breached");
        if (ev.event === "escalated") return t("timeline.escalated", { level: ev.level ?? 0 });
        if (ev.event === "returnVisit") return (ev.satisfied ? t("timeline.returnVisitYes") : t("timeline.returnVisitNo")) + (ev.notes ? ` — ${ev.notes}` : "");
      } catch {}
    }
    return t(`timeline.${e.kind}`);
  };
  const script = locale === "en" ? c.script.en : c.script.zh;
  return (
    <div className="space-y-4">
      <AutoRefresh seconds={60} />
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold tabular-nums">{c.complaintNo}</h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs" data-testid="complaint-status">
          {t(`status.${c.status}`)}
        </span>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`grade.${c.grade}`)}</span>
        {c.isAppeal && <span className="rounded bg-red-50 px-2 py-0.5 text-xs text-bad">{t("detail.appeal")}</span>}
        {c.escalationLevel > 0 && <span className="rounded bg-red-50 px-2 py-0.5 text-xs text-bad">{t("detail.escalation", { level: c.escalationLevel })}</span>}
        <span className="text-sm text-slate-700">{c.summary}</span>
        <Link href="/complaints" className="ml-auto text-sm text-brand-700 hover:underline">
          {t("queues")}
        </Link>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <section className="card" aria-labelledby="clocks-h">
            <h2 id="clocks-h" className="card-title">
              {t("detail.clocks")}
            </h2>
            <ul className="grid gap-2 p-3 sm:grid-cols-2">
              {c.clocks.map((k) => (
                <li key={k.kind} className="rounded border border-slate-100 p-2 text-sm" aria-label={t(`clock.${k.kind}`)}>
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{t(`clock.${k.kind}`)}</span>
                    <SlaBadge status={k.status} remainingMinutes={k.remainingMinutes} ticks={k.status !== "PAUSED"} />
                  </div>
                  <div className="mt-1 text-xs text-slate-500 tabular-nums">{t("dueAt", { at: when(k.dueAt) })}</div>
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="info-h">
            <h2 id="info-h" className="card-title">
              {t("detail.details")}
            </h2>
            <dl className="grid gap-x-4 p-3 text-sm sm:grid-cols-2">
              <div className="flex gap-2">
                <dt className="w-28 text-slate-500">{t("detail.customer")}</dt>
                <dd>
                  <Link href={`/customers/${c.customer.id}`} className="text-brand-700 hover:underline">
                    {c.customer.name}
                  </Link>
                </dd>
              </div>
              <div className="flex gap-2">
                <dt className="w-28 text-slate-500">{t("detail.line")}</dt>
                <dd className="tabular-nums">{c.lineMasked ?? "—"}</dd>
              </div>
              <div className="flex gap-2">
                <dt className="w-28 text-slate-500">{t("col.category")}</dt>
                <dd>{locale === "en" ? c.category.nameEn : c.category.nameZh}</dd>
              </div>
              <div className="flex gap-2">
                <dt className="w-28 text-slate-500">{t("detail.owner")}</dt>
                <dd>{c.ownerName}</dd>
              </div>
              <div className="flex gap-2">
                <dt className="w-28 text-slate-500">{t("detail.assignee")}</dt>
                <dd data-testid="complaint-assignee">{c.assigneeName ?? t("detail.unassigned")}</dd>
              </div>
            </dl>
            {c.details && <p className="whitespace-pre-wrap border-t border-slate-100 p-3 text-sm">{c.details}</p>}
            {c.attachments.length > 0 && (
              <ul className="border-t border-slate-100 p-3 text-sm" aria-label={t("detail.attachments")}>
                {c.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/complaints/attachments/${a.id}`} className="text-brand-700 hover:underline">
                      {a.fileName}
                    </a>{" "}
                    <span className="text-xs text-slate-500">({Math.ceil(a.size / 1024)} KB)</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="tl-h">
            <h2 id="tl-h" className="card-title">
              {t("detail.timeline")}
            </h2>
            <ol className="divide-y divide-slate-100 text-sm">
              {c.timeline.map((e, i) => (
                <li key={i} className="flex gap-3 px-3 py-2">
                  <span className="w-32 shrink-0 text-xs text-slate-500 tabular-nums">{when(e.at)}</span>
                  <div className="min-w-0">
                    <div>
                      <span className={e.kind === "INTERNAL" ? "text-warn" : ""}>{describe(e)}</span>
                      {e.actorName && <span className="text-slate-500"> · {e.actorName}</span>}
                    </div>
                    {e.kind !== "SYSTEM" && e.text && <p className="whitespace-pre-wrap text-slate-700">{e.text}</p>}
                  </div>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div className="space-y-4">
          <section className="card" aria-labelledby="script-h">
            <h2 id="script-h" className="card-title">
              {t("detail.script")}
            </h2>
            <p className="p-3 text-sm">{script || t("detail.noScript")}</p>
          </section>
          {c.can.handle && (
            <section className="card p-3">
              <ComplaintActions
                complaintId={c.id}
                version={c.version}
                status={c.status}
                actions={c.actions}
                canAssign={c.can.assign}
                isAssignee={c.assigneeId === actor.id || c.ownerId === actor.id}
                isUnassigned={c.assigneeId === null}
                canCompensate={c.can.compensate}
                canApprove={c.can.approve}
                actorId={actor.id}
                assignees={assignees.map((u) => ({ id: u.id, displayName: u.displayName }))}
                pendingCompensations={c.compensations.filter((m) => m.status === "PENDING_APPROVAL").map((m) => ({ id: m.id, version: m.version }))}
              />
            </section>
          )}
          <section className="card" aria-labelledby="comp-h">
            <h2 id="comp-h" className="card-title">
              {t("compensation.title")}
            </h2>
            {c.compensations.length === 0 ? (
              <p className="p-3 text-sm text-slate-500">{t("compensation.none")}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {c.compensations.map((m) => (
                  <li key={m.id} className="px-3 py-2">
                    #{m.id} {t(`compensation.${m.kind}`)} <span className="tabular-nums">{m.kind === "CREDIT" ? m.amount.toFixed(2) : m.amount}</span> · {t(`compensation.status.${m.status}`)} ·{" "}
                    {m.requestedBy}
                    <div className="text-xs text-slate-500">{m.reason}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <SurveyResponsesPanel actor={actor} rows={surveyAnswers} onComplaint />
        </div>
      </div>
    </div>
  );
}
