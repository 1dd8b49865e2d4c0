import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { getEscalationLadder } from "@/lib/routing/escalation";
import { getTeamRouting, listCategoryRouting, listRoutingTeams } from "@/lib/routing/queries";
import { Alert, PageHeader, Section } from "@/components/ui/card";
import { LinkTabs } from "@/components/ui/tabs";
import { TeamRoutingSection } from "@/components/routing/team-routing-section";
import { CategoryRoutingTable } from "@/components/routing/category-routing-table";
import { LadderEditor } from "@/components/routing/ladder-editor";
import { page } from "@/lib/shared/page";

const params = z.object({ team: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined) });

/** Admins: every team's agents' skills and capacity, the categories' routing, the escalation ladder. */
export default page(async function AdminRoutingPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const [t, locale] = await Promise.all([getTranslations("routing"), getLocale()]);
  const [teams, categories, ladder] = await Promise.all([listRoutingTeams(actor), listCategoryRouting(actor), getEscalationLadder(actor)]);
  const { team: requested } = params.parse(await searchParams);
  const teamId = teams.find((x) => x.id === requested)?.id ?? teams[0]?.id;
  const team = teamId ? await getTeamRouting(actor, teamId) : null;
  const name = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      {teams.length > 1 && <LinkTabs label={t("teams")} tabs={teams.map((x) => ({ href: `/admin/routing?team=${x.id}`, label: name(x), current: x.id === teamId }))} />}
      {team ? <TeamRoutingSection team={team} title={t("agents.title")} /> : <Alert>{t("agents.empty")}</Alert>}
      <Section id="categories" title={t("categories.title")} description={t("categories.intro")} flush>
        <CategoryRoutingTable categories={categories} />
      </Section>
      <Section id="ladder" title={t("ladder.title")} description={t("ladder.intro")}>
        <LadderEditor key={ladder.version} version={ladder.version} steps={ladder.steps} />
      </Section>
    </div>
  );
});
