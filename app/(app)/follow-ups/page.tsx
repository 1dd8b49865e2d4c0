import Link from "next/link";
import { forbidden } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { canFollowUp } from "@/lib/surveys/follow-up-policy";
import { listFollowUps } from "@/lib/surveys/follow-ups";
import { followUpFilters } from "@/lib/surveys/schemas";
import { listVisibleTeams } from "@/lib/teams/queries";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Field, Select } from "@/components/ui/field";
import { FollowUpActions } from "@/components/surveys/follow-up-actions";
import { page } from "@/lib/shared/page";

/** Detractor follow-ups: supervisors their team's, managers all (keyset pages, filters in the URL). */
export default page(async function FollowUpsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!canFollowUp(actor, "followUp:read")) forbidden();
  const filters = followUpFilters.parse(await searchParams);
  const isManager = actor.role === "MANAGER";
  const [t, format, locale, page, teams] = await Promise.all([
    getTranslations("surveys.followUps"),
    getFormatter(),
    getLocale(),
    listFollowUps(actor, filters),
    isManager ? listVisibleTeams(actor) : Promise.resolve([]),
  ]);
  const zh = locale === "zh-CN";
  const now = new Date();
  const open = filters.status === "OPEN";
  const href = (cursor?: string) => `/follow-ups?${new URLSearchParams(Object.entries({ status: filters.status, team: filters.team, cursor }).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])))}`;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  const columns: DataColumn[] = [
    { id: "customer", header: t("customer"), nowrap: true },
    { id: "score", header: t("score"), align: "right", nowrap: true, className: "tabular-nums" },
    { id: "verbatim", header: t("verbatim"), className: "max-w-72" },
    { id: "complaint", header: t("complaint") },
    { id: "team", header: t("team") },
    { id: "age", header: t("age"), nowrap: true },
    open ? { id: "due", header: t("due"), nowrap: true } : { id: "closedAt", header: t("closedAt"), format: "datetime", nowrap: true },
    { id: "by", header: open ? t("claimedBy") : t("closedBy") },
    open ? { id: "actions", header: t("actions") } : { id: "outcome", header: t("outcome"), className: "max-w-72" },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={isManager ? t("hintManager") : t("hintSupervisor")} />
      <Card className="px-3 py-2">
        <form method="get" action="/follow-ups" className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
          <Field id="fu-status" label={t("status")}>
            <Select
              name="status"
              defaultValue={filters.status}
              options={[
                { value: "OPEN", label: t("statusOpen") },
                { value: "DONE", label: t("statusDone") },
              ]}
            />
          </Field>
          {isManager && (
            <Field id="fu-team" label={t("team")}>
              <Select name="team" defaultValue={filters.team ?? ""} placeholder={t("allTeams")} options={teams.map((o) => ({ value: o.id, label: zh ? o.nameZh : o.nameEn }))} />
            </Field>
          )}
          <Button type="submit" variant="primary">
            {t("apply")}
          </Button>
        </form>
      </Card>
      <Card>
        <DataTable
          label={t("listLabel")}
          columns={columns}
          empty={open ? t("emptyOpen") : t("emptyDone")}
          pager={{ next: page.nextCursor ? href(page.nextCursor) : undefined, first: filters.cursor ? href() : undefined }}
          rows={page.rows.map((r) => {
            const overdue = open && r.dueAt < now;
            return {
              id: r.id,
              customer: (
                <>
                  <Link href={`/customers/${r.customerId}`} className="text-brand-700 hover:underline">
                    {r.customerName}
                  </Link>
                  <span className="ml-1 text-xs tabular-nums text-slate-500">{r.customerNo}</span>
                </>
              ),
              score: `${r.kind} ${r.score ?? (r.csiScore === null ? "—" : r.csiScore.toFixed(0))}`,
              verbatim: r.comment ?? <span className="text-slate-500">{t("noComment")}</span>,
              complaint: r.complaintId ? (
                <Link href={`/complaints/${r.complaintId}`} className="tabular-nums text-brand-700 hover:underline">
                  {r.complaintNo}
                </Link>
              ) : (
                <span className="text-slate-500">{t("relationship")}</span>
              ),
              team: r.teamId ? (zh ? r.teamZh : r.teamEn) : t("managers"),
              age: (
                <time dateTime={r.createdAt.toISOString()} title={format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}>
                  {format.relativeTime(r.createdAt, now)}
                </time>
              ),
              due: (
                <span className={overdue ? "text-bad" : undefined}>
                  {when(r.dueAt)}
                  {overdue && <span className="ml-1 text-xs">({t("overdue")})</span>}
                </span>
              ),
              closedAt: r.closedAt,
              by: open ? (r.claimedByName ?? <span className="text-slate-500">{t("unclaimed")}</span>) : r.closedByName,
              actions: <FollowUpActions id={r.id} version={r.version} claimedByMe={r.claimedById === actor.id} customerLabel={`${r.customerName} ${r.customerNo}`} />,
              outcome: r.outcome,
            };
          })}
        />
      </Card>
    </div>
  );
});
