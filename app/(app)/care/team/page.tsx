import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { listVisibleTeams } from "@/lib/teams/queries";
import { countTeamCareLoad, listCareAssignees, listTeamCareTasks } from "@/lib/care/queries";
import { CARE_TASK_KINDS, CARE_TASK_STATUSES } from "@/lib/care/schemas";
import { Badge, Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { FilterChips } from "@/components/ui/filter-chips";
import { CareTaskControls } from "@/components/care/care-task-controls";
import { page } from "@/lib/shared/page";

const params = z.object({
  team: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  kind: z.enum(CARE_TASK_KINDS).optional().catch(undefined),
  status: z.enum(CARE_TASK_STATUSES).optional().catch(undefined),
  assignee: z.union([z.literal("unassigned"), z.coerce.number().int().positive().max(2_147_483_647)]).optional().catch(undefined),
  after: z.string().max(40).optional().catch(undefined),
});

/** The team's care tasks (issue 23): unassigned and each member's, filtered by kind, status and member; reassign and cancel. */
export default page(async function CareTeamPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  assertCan(actor, "care:assign");
  const f = params.parse(await searchParams);
  const teams = await listVisibleTeams(actor);
  const teamId = f.team ?? actor.teamId ?? teams[0]?.id;
  const [t, te, locale, tasks, load, assignees] = await Promise.all([
    getTranslations("care.team"),
    getTranslations("enums"),
    getLocale(),
    teamId ? listTeamCareTasks(actor, teamId, { kind: f.kind, status: f.status, assignee: f.assignee, after: f.after }) : null,
    teamId ? countTeamCareLoad(actor, teamId) : [],
    teamId ? listCareAssignees(actor, teamId) : [],
  ]);
  const href = (over: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    const merged = { team: f.team, kind: f.kind, status: f.status, assignee: f.assignee, ...over };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined) q.set(k, String(v));
    const s = q.toString();
    return s ? `/care/team?${s}` : "/care/team";
  };
  const status = f.status ?? "OPEN";
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("hint")}
        actions={
          <Link href="/care" className="text-sm text-brand-700 hover:underline">
            {t("myList")}
          </Link>
        }
      />
      {teams.length > 1 && (
        <FilterChips label={t("teamFilter")} chips={teams.map((x) => ({ label: locale === "en" ? x.nameEn : x.nameZh, href: href({ team: x.id, assignee: undefined, after: undefined }), selected: x.id === teamId }))} />
      )}
      <Section title={t("load")} flush className="max-w-xl">
        <DataTable
          label={t("load")}
          columns={[
            { id: "who", header: t("assignee") },
            { id: "open", header: t("open"), format: "integer" },
            { id: "overdue", header: t("overdueCount"), format: "integer" },
          ]}
          rows={load.map((l) => ({
            id: String(l.assigneeId ?? "none"),
            who: (
              <Link href={href({ assignee: l.assigneeId ?? "unassigned", after: undefined })} className="text-brand-700 hover:underline">
                {l.name ?? t("unassigned")}
              </Link>
            ),
            open: l.open,
            overdue: l.overdue,
          }))}
          empty={t("noOpen")}
        />
      </Section>
      <div className="space-y-2">
        <FilterChips
          label={t("kindFilter")}
          chips={[{ label: t("allKinds"), href: href({ kind: undefined, after: undefined }), selected: !f.kind }, ...CARE_TASK_KINDS.map((k) => ({ label: te(`careTaskKind.${k}`), href: href({ kind: k, after: undefined }), selected: f.kind === k }))]}
        />
        <FilterChips
          label={t("statusFilter")}
          chips={CARE_TASK_STATUSES.map((s) => ({ label: te(`careTaskStatus.${s}`), href: href({ status: s, after: undefined }), selected: status === s }))}
        />
        {f.assignee !== undefined && (
          <FilterChips label={t("assigneeFilter")} chips={[{ label: t("everyone"), href: href({ assignee: undefined, after: undefined }), selected: false }]} />
        )}
      </div>
      <Card>
        <DataTable
          label={t("tasks")}
          columns={[
            { id: "dueOn", header: t("due"), nowrap: true },
            { id: "name", header: t("customer") },
            { id: "msisdn", header: t("number"), nowrap: true },
            { id: "kind", header: t("kind"), format: { enum: "careTaskKind" } },
            { id: "assignee", header: t("assignee") },
            { id: "outcome", header: t("outcome") },
            { id: "note", header: t("note") },
            { id: "actions", header: <span className="sr-only">{t("actions")}</span> },
          ]}
          rows={(tasks?.rows ?? []).map((r) => ({
            id: r.id,
            dueOn: <span className="tabular-nums">{r.overdue ? <Badge tone="bad">{r.dueOn}</Badge> : r.dueOn}</span>,
            name: (
              <Link href={`/customers/${r.customerId}`} className="text-brand-700 hover:underline">
                {r.name}
              </Link>
            ),
            msisdn: <span className="tabular-nums">{r.msisdn}</span>,
            kind: r.kind,
            assignee: <span>{r.assigneeName ?? t("unassigned")}</span>,
            outcome: <span>{r.outcome ? te(`careOutcome.${r.outcome}`) : "—"}</span>,
            note: <span>{r.note}</span>,
            actions:
              r.status === "OPEN" ? (
                <CareTaskControls taskId={r.id} version={r.version} assigneeId={r.assigneeId} assignees={assignees} label={r.name} />
              ) : (
                <span />
              ),
          }))}
          empty={<EmptyState>{t("empty")}</EmptyState>}
          pager={{ next: tasks?.next ? href({ after: tasks.next }) : undefined, first: f.after ? href({ after: undefined }) : undefined }}
        />
      </Card>
    </div>
  );
});
