import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { getTeamOverview, listVisibleTeams } from "@/lib/teams/queries";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Stat } from "@/components/ui/stat";
import { LinkTabs } from "@/components/ui/tabs";
import { page } from "@/lib/shared/page";
import { ButtonLink } from "@/components/ui/button";
import { getCareCompletion } from "@/lib/care/queries";
import { CareCompletion } from "@/components/care/care-completion";

const params = z.object({ team: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined) });

export default page(async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const [t, locale, format, teams, sp] = await Promise.all([getTranslations(), getLocale(), getFormatter(), listVisibleTeams(actor), searchParams]);
  const { team: requested } = params.parse(sp);
  const teamId = requested ?? actor.teamId ?? teams[0]?.id;
  if (!teamId) return <Alert>{t("team.noTeam")}</Alert>;
  const [team, careWeek, careMonth] = await Promise.all([getTeamOverview(actor, teamId), getCareCompletion(actor, teamId, 7), getCareCompletion(actor, teamId, 30)]);
  const name = (tm: { nameZh: string; nameEn: string }) => (locale === "en" ? tm.nameEn : tm.nameZh);
  const sum = (k: "open" | "atRisk" | "breached" | "today") => format.number(team.members.reduce((s, m) => s + m[k], 0));
  const queueOf = (id: number) => `/complaints?agent=${id}`;
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader title={`${t("team.title")} · ${name(team)}`} description={t("team.intro")} />
      {actor.role === "SUPERVISOR" && (
        <ButtonLink href="/team/routing" size="sm">
          {t("routing.teamLink")}
        </ButtonLink>
      )}
      {teams.length > 1 && (
        <LinkTabs label={t("team.teamName")} tabs={teams.map((tm) => ({ href: `/team?team=${tm.id}`, label: name(tm), current: tm.id === team.id }))} />
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={t("team.open")} value={sum("open")} />
        <Stat label={t("team.atRisk")} value={sum("atRisk")} />
        <Stat label={t("team.breached")} value={sum("breached")} />
        <Stat label={t("team.today")} value={sum("today")} />
      </div>
      <Card>
        <DataTable
          label={name(team)}
          empty={t("team.empty")}
          columns={[
            { id: "member", header: t("team.member") },
            { id: "role", header: t("team.role") },
            { id: "open", header: t("team.open"), format: "integer" },
            { id: "atRisk", header: t("team.atRisk"), format: "integer" },
            { id: "breached", header: t("team.breached"), format: "integer" },
            { id: "today", header: t("team.today"), format: "integer" },
            { id: "week", header: t("team.week"), format: "integer" },
            { id: "avgDuration", header: t("team.avgDuration"), format: "integer" },
            { id: "lastLogin", header: t("team.lastLogin"), format: "datetime", nowrap: true },
          ]}
          rows={team.members.map((m) => ({
            id: m.id,
            // The member's name opens their queue (the complaint queue filtered to them).
            member: (
              <Link href={queueOf(m.id)} className="text-brand-700 hover:underline">
                {m.displayName}
              </Link>
            ),
            role: t(`roles.${m.role}`),
            open: m.open,
            atRisk: m.atRisk,
            breached: m.breached,
            today: m.today,
            week: m.week,
            avgDuration: m.avgDurationSec,
            // A host element: a fragment would reach the client table as bare text and be read as a date.
            lastLogin: m.lastLoginAt ?? <span>{t("team.never")}</span>,
          }))}
        />
      </Card>
      <CareCompletion week={careWeek} month={careMonth} />
    </div>
  );
});
