import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getComplaintDetail, listAssignees, type TimelineEntry } from "@/lib/complaints/queries";
import { markComplaintNotificationsRead } from "@/lib/complaints/notifications";
import { listComplaintSurveyResponses } from "@/lib/surveys/queries";
import { getRootCause, listRootCausesForCategory } from "@/lib/complaints/root-cause-queries";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { AutoRefresh, SlaBadge } from "@/components/complaints/sla-badge";
import { ComplaintActions } from "@/components/complaints/complaint-actions";
import { SurveyResponsesPanel } from "@/components/surveys/survey-responses-panel";
import { page } from "@/lib/shared/page";
import { routingTimelineText } from "@/components/routing/timeline-text";
import { can } from "@/lib/auth/permissions";
import { getComplaintScripts } from "@/lib/scripts/queries";
import { ScriptList } from "@/components/scripts/script-list";
import { ArticlePanel } from "@/components/palette/article-panel";

export default page(async function ComplaintPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const [t, tc, locale, format] = await Promise.all([getTranslations("complaints"), getTranslations("common"), getLocale(), getFormatter()]);
  const c = await getComplaintDetail(actor, /^\d{1,9}$/.test(id) ? Number(id) : -1);
  // Opening the complaint reads its notifications (only once it is known to be in scope).
  const [assignees, surveyAnswers, rootCauses, rootCause, , scripts] = await Promise.all([
    c.can.handle ? listAssignees(actor) : [],
    listComplaintSurveyResponses(actor, c.id),
    c.can.handle && c.actions.includes("resolve") ? listRootCausesForCategory(actor, c.category.id) : [],
    getRootCause(actor, c.rootCauseId),
    markComplaintNotificationsRead(actor, c.id),
    // Issue 24: the standard scripts filled for this complaint (the side panel asks for its articles itself, once).
    getComplaintScripts(actor, c.id, locale),
  ]);
  const routedText = await routingTimelineText();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  const describe = (e: TimelineEntry): string => {
    if (e.kind === "STATUS") {
      const to = t(`status.${e.toStatus}`);
      return e.fromStatus ? `${t(`action.${e.action}`)}: ${t("timeline.STATUS", { from: t(`status.${e.fromStatus}`), to })}` : t("timeline.opened", { to });
    }
    if (e.kind === "SYSTEM" && e.text) {
      try {
        const ev = JSON.parse(e.text) as { event: string; toName?: string; level?: number; satisfied?: boolean; notes?: string; note?: string | null };
        if (ev.event === "routed") return routedText(ev as Parameters<typeof routedText>[0]);
        if (ev.event === "assigned") return t("timeline.assigned", { name: ev.toName ?? "" }) + (ev.note ? ` — ${ev.note}` : "");
        if (ev.event === "breached") return t("timeline.breached");
        if (ev.event === "escalated") return t("timeline.escalated", { level: ev.level ?? 0 });
        if (ev.event === "returnVisit") return (ev.satisfied ? t("timeline.returnVisitYes") : t("timeline.returnVisitNo")) + (ev.notes ? ` — ${ev.notes}` : "");
      } catch {}
    }
    return t(`timeline.${e.kind}`);
  };
  const details: Array<[string, React.ReactNode]> = [
    [
      t("detail.customer"),
      <Link key="customer" href={`/customers/${c.customer.id}`} className="text-brand-700 hover:underline">
        {c.customer.name}
      </Link>,
    ],
    [t("detail.line"), <span key="line" className="tabular-nums">{c.lineMasked ?? tc("none")}</span>],
    [t("col.category"), locale === "en" ? c.category.nameEn : c.category.nameZh],
    [t("detail.rootCause"), <span key="rootCause">{rootCause ? (locale === "en" ? rootCause.nameEn : rootCause.nameZh) : tc("none")}</span>],
    [t("detail.owner"), c.ownerName],
    [t("detail.assignee"), <span key="assignee" data-testid="complaint-assignee">{c.assigneeName ?? t("detail.unassigned")}</span>],
  ];
  return (
    <div className="space-y-4">
      <AutoRefresh seconds={60} />
      <PageHeader
        title={<span className="tabular-nums">{c.complaintNo}</span>}
        description={c.summary}
        actions={
          <ButtonLink href="/complaints" variant="link">
            {t("queues")}
          </ButtonLink>
        }
      >
        <div className="flex flex-wrap items-center gap-2">
          <span data-testid="complaint-status">
            <Badge>{t(`status.${c.status}`)}</Badge>
          </span>
          <Badge>{t(`grade.${c.grade}`)}</Badge>
          {c.isAppeal && <Badge tone="bad">{t("detail.appeal")}</Badge>}
          {c.escalationLevel > 0 && <Badge tone="bad">{t("detail.escalation", { level: c.escalationLevel })}</Badge>}
        </div>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-3">
        {/* First in the page's order (the work is here: a Tab or two from the top), shown on the right. */}
        <div className="space-y-4 lg:col-start-3 lg:row-start-1">
          {c.can.handle && (
            <Section id="actions" title={t("detail.actions")}>
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
                rootCauses={rootCauses.map((r) => ({ id: r.id, label: locale === "en" ? r.nameEn : r.nameZh }))}
              />
            </Section>
          )}
          {can(actor, "knowledge:read") && (
            <Section id="suggested-articles" title={t("detail.suggestedArticles")}>
              <ArticlePanel complaintId={c.id} complaintCategoryId={c.category.id} />
            </Section>
          )}
          <Section id="compensations" title={t("compensation.title")} flush>
            {c.compensations.length === 0 ? (
              <EmptyState>{t("compensation.none")}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {c.compensations.map((m) => (
                  <li key={m.id} className="px-3.5 py-2">
                    #{m.id} {t(`compensation.${m.kind}`)}{" "}
                    <span className="tabular-nums">{m.kind === "CREDIT" ? format.number(m.amount, { style: "currency", currency: "CNY", minimumFractionDigits: 2 }) : format.number(m.amount)}</span> · {t(`compensation.status.${m.status}`)} · {m.requestedBy}
                    <div className="text-xs break-words text-slate-500">{m.reason}</div>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <SurveyResponsesPanel actor={actor} rows={surveyAnswers} onComplaint />
        </div>
        <div className="min-w-0 space-y-4 lg:col-span-2 lg:col-start-1 lg:row-start-1">
          <Section id="script" title={t("detail.script")}>
            <ScriptList scripts={scripts} emptyText={t("detail.noScript")} highlight="APOLOGY" />
          </Section>
          <Section id="clocks" title={t("detail.clocks")}>
            <ul className="grid gap-2 sm:grid-cols-2">
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
          </Section>
          <Section id="details" title={t("detail.details")}>
            <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
              {details.map(([term, value]) => (
                <div key={term} className="flex gap-2">
                  <dt className="w-28 shrink-0 text-slate-500">{term}</dt>
                  <dd className="min-w-0 break-words">{value}</dd>
                </div>
              ))}
            </dl>
            {c.details && <p className="mt-3 border-t border-slate-100 pt-3 text-sm break-words whitespace-pre-wrap">{c.details}</p>}
            {c.attachments.length > 0 && (
              <ul className="mt-3 border-t border-slate-100 pt-3 text-sm" aria-label={t("detail.attachments")}>
                {c.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/complaints/attachments/${a.id}`} className="text-brand-700 hover:underline">
                      {a.fileName}
                    </a>{" "}
                    <span className="text-xs text-slate-500">({format.number(Math.ceil(a.size / 1024))} KB)</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section id="timeline" title={t("detail.timeline")} flush>
            <ol className="divide-y divide-slate-100 text-sm">
              {c.timeline.map((e, i) => (
                <li key={i} className="flex gap-3 px-3.5 py-2">
                  <span className="w-32 shrink-0 text-xs text-slate-500 tabular-nums">{when(e.at)}</span>
                  <div className="min-w-0">
                    <div>
                      <span className={e.kind === "INTERNAL" ? "text-warn" : undefined}>{describe(e)}</span>
                      {e.actorName && <span className="text-slate-500"> · {e.actorName}</span>}
                    </div>
                    {e.kind !== "SYSTEM" && e.text && <p className="break-words whitespace-pre-wrap text-slate-700">{e.text}</p>}
                  </div>
                </li>
              ))}
            </ol>
          </Section>
        </div>
      </div>
    </div>
  );
});
