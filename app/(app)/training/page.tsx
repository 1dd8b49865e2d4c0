import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listAssignments, listSessions, myTraining, sessionFormOptions } from "@/lib/training/queries";
import { page } from "@/lib/shared/page";
import { ButtonLink } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { MyTraining } from "@/components/training/my-training";
import { TeamAssignments } from "@/components/training/team-assignments";

const params = z.object({ after: z.string().max(60).optional().catch(undefined) });

/**
 * Training (issue 24). Supervisors (their team's) and managers (all): the sessions, newest first,
 * and the open assignments to schedule. Agents: "My training" — upcoming sessions and their
 * materials, the test after attending, their open assignments.
 */
export default page(async function TrainingPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "training:manage")) {
    const [t, mine] = await Promise.all([getTranslations("training"), myTraining(actor)]);
    return (
      <div className="space-y-4">
        <PageHeader title={t("my.title")} description={t("my.hint")} />
        <MyTraining upcoming={mine.upcoming} past={mine.past} assignments={mine.assignments} />
      </div>
    );
  }
  const { after } = params.parse(await searchParams);
  const [t, te, format, locale, list, assignments, options] = await Promise.all([
    getTranslations("training"),
    getTranslations("enums"),
    getFormatter(),
    getLocale(),
    listSessions(actor, { after }),
    listAssignments(actor, { status: "ACTIVE" }),
    sessionFormOptions(actor),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("list.title")}
        description={t("list.hint")}
        actions={
          <ButtonLink href="/training/new" variant="primary">
            {t("list.new")}
          </ButtonLink>
        }
      />
      <Section title={t("list.sessions")} flush>
        <DataTable
          label={t("list.sessions")}
          columns={[
            { id: "when", header: t("list.when"), nowrap: true },
            { id: "topic", header: t("list.topic") },
            { id: "team", header: t("list.team") },
            { id: "trainer", header: t("list.trainer") },
            { id: "status", header: t("list.status") },
            { id: "invited", header: t("list.invited"), format: "integer" },
            { id: "attended", header: t("list.attended"), format: "integer" },
            { id: "average", header: t("list.average"), format: "number" },
          ]}
          rows={list.rows.map((s) => ({
            id: s.id,
            when: <span className="tabular-nums">{format.dateTime(s.startsAt, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" })}</span>,
            topic: (
              <Link href={`/training/${s.id}`} className="text-brand underline-offset-2 hover:underline">
                {s.topic}
              </Link>
            ),
            team: (locale === "en" ? s.teamNameEn : s.teamNameZh) ?? "—",
            trainer: s.trainerName,
            status: <Badge tone={s.status === "HELD" ? "ok" : s.status === "CANCELLED" ? "paused" : "brand"}>{te(`trainingStatus.${s.status}`)}</Badge>,
            invited: s.invited,
            attended: s.attended,
            average: s.averageScore,
          }))}
          pager={{ next: list.next ? `/training?after=${encodeURIComponent(list.next)}` : undefined, first: after ? "/training" : undefined }}
          empty={
            <EmptyState
              action={
                <ButtonLink href="/training/new" size="sm">
                  {t("list.new")}
                </ButtonLink>
              }
            >
              {t("list.empty")}
            </EmptyState>
          }
        />
      </Section>
      <TeamAssignments assignments={assignments} agents={options.agents} />
    </div>
  );
});
