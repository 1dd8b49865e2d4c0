import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/card";
import { AgentRoutingTable } from "@/components/routing/agent-routing-table";
import type { RoutingTeam } from "@/lib/routing/queries";

/** One team's agents (skills, capacity, availability) with whether the team is working now. */
export async function TeamRoutingSection({ team, title }: { team: RoutingTeam; title: string }) {
  const t = await getTranslations("routing");
  const locale = await getLocale();
  const name = locale === "en" ? team.nameEn : team.nameZh;
  return (
    <Section
      id="agents"
      title={title}
      description={`${team.isWorkingNow ? t("agents.teamWorking") : t("agents.teamNotWorking")} ${t("agents.skillsHint")}`}
      flush
    >
      <AgentRoutingTable label={`${title} · ${name}`} agents={team.agents} skillOptions={team.skillOptions} />
    </Section>
  );
}
