import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { getTeamOverview, listVisibleTeams } from "@/lib/teams/queries";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { LinkTabs } from "@/components/ui/tabs";
import { page } from "@/lib/shared/page";
import { ButtonLink } from "@/components/ui/button";

const params = z.object({ team: z.coerce.number().int().positive().optional().catch(undefined) });

export default page(async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = await getLocale();
  const teams = await listVisibleTeams(actor);
  const { team: requested } = params.parse(await searchParams);
  const teamId = requested ?? actor.teamId ?? teams[0]?.id;
  if (!teamId) return <Alert>{t("team.noTeam")}</Alert>;
  const team = await getTeamOverview(actor, teamId);
  const name = (tm: { nameZh: string; nameEn: string }) => (locale === "en" ? tm.nameEn : tm.nameZh);
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader title={`${t("team.title")} · ${name(team)}`} />
      {actor.role === "SUPERVISOR" && <ButtonLink href="/team/routing" size="sm">{t("routing.teamLink")}</ButtonLink>}
      {teams.length > 1 && <LinkTabs label={t("team.teamName")} tabs={teams.map((tm) => ({ href: `/team?team=${tm.id}`, label: name(tm), current: tm.id === team.id }))} />}
      <Card>
        <DataTable
          label={name(team)}
          empty={t("team.empty")}
          columns={[
            { id: "member", header: t("team.member") },
            { id: "role", header: t("team.role") },
            { id: "today", header: t("team.today"), format: "integer" },
            { id: "week", header: t("team.week"), format: "integer" },
            { id: "avgDuration", header: t("team.avgDuration"), format: "integer" },
            { id: "lastLogin", header: t("team.lastLogin"), format: "datetime", nowrap: true },
          ]}
          rows={team.members.map((m) => ({
            id: m.id,
            member: m.displayName,
            role: t(`roles.${m.role}`),
            today: m.today,
            week: m.week,
            avgDuration: m.avgDurationSec,
            // A host element: a fragment would reach the client table as bare text and be read as a date.
            lastLogin: m.lastLoginAt ?? <span>{t("team.never")}</span>,
          }))}
        />
      </Card>
    </div>
  );
});
