import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getTeamRouting, listRoutingTeams } from "@/lib/routing/queries";
import { PageHeader } from "@/components/ui/card";
import { TeamRoutingSection } from "@/components/routing/team-routing-section";
import { page } from "@/lib/shared/page";
import { ForbiddenError } from "@/lib/shared/errors";

/** Supervisors: their own team's agents' skills, capacity and availability. */
export default page(async function TeamRoutingPage() {
  const actor = await requireActor();
  const [t, locale] = await Promise.all([getTranslations("routing"), getLocale()]);
  // Supervisors only (admins set every team on /admin/routing): the team is the actor's own.
  if (actor.role !== "SUPERVISOR") throw new ForbiddenError("routing:manage");
  const [own] = await listRoutingTeams(actor);
  if (!own) throw new ForbiddenError("routing:manage");
  const team = await getTeamRouting(actor, own.id);
  return (
    <div className="space-y-4">
      <PageHeader title={t("teamTitle", { team: locale === "en" ? team.nameEn : team.nameZh })} description={t("teamIntro")} />
      <TeamRoutingSection team={team} title={t("agents.title")} />
    </div>
  );
});
