import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { agentTrend, assessmentTeams, teamRanking, type AssessmentRow } from "@/lib/assessment/queries";
import { addMonths, operatorMonth, recentMonths } from "@/lib/assessment/schemas";
import { staffScope } from "@/lib/quality/staff-scope";
import { page } from "@/lib/shared/page";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field, Select } from "@/components/ui/field";
import { Stat } from "@/components/ui/stat";
import { AgentTrendChart, TeamRatingsChart } from "@/components/assessment/assessment-charts";

const params = z.object({
  month: z
    .string()
    .regex(/^20\d{2}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  team: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  agent: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});

const pct = (v: number | null) => (v === null ? null : v);

/**
 * The monthly assessment (issue 24): the team's ranking with every component and the rating, a
 * chart of the team's ratings, one agent's 12-month trend. Agents see their own card; supervisors
 * their team; managers any team (a team picker). Reads only agent_assessment.
 */
export default page(async function AssessmentPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const q = params.parse(await searchParams);
  const current = operatorMonth(new Date());
  const month = q.month && q.month <= current ? q.month : addMonths(current, -1);
  const scope = staffScope(actor);
  const [t, locale, teams] = await Promise.all([getTranslations("assessment"), getLocale(), assessmentTeams(actor)]);
  const teamId = scope.kind === "own" ? actor.teamId : scope.kind === "team" ? scope.teamId : (q.team ?? teams[0]?.id ?? null);
  const ranking = teamId === null ? [] : await teamRanking(actor, { month, teamId });
  const agentId = scope.kind === "own" ? actor.id : (q.agent ?? ranking[0]?.userId ?? null);
  const trend = agentId === null ? [] : await agentTrend(actor, { userId: agentId, month });
  const months = recentMonths(current, 13);
  const teamName = (id: number | null) => {
    const team = teams.find((x) => x.id === id);
    return team ? (locale === "en" ? team.nameEn : team.nameZh) : "";
  };
  const mine = scope.kind === "own" ? ranking.find((r) => r.userId === actor.id) : undefined;
  const trendName = trend[0]?.name ?? ranking.find((r) => r.userId === agentId)?.name ?? "";
  const href = (agent: number) => `/assessment?month=${month}${scope.kind === "all" && teamId ? `&team=${teamId}` : ""}&agent=${agent}`;
  const fmt = (v: number | null, digits = 1) => (v === null ? "—" : v.toLocaleString(locale, { maximumFractionDigits: digits }));
  const rate = (v: number | null) => (v === null ? "—" : (v * 100).toLocaleString(locale, { maximumFractionDigits: 1 }) + "%");

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={scope.kind === "own" ? t("hintAgent") : t("hint")} />
      <form method="get" action="/assessment" className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
        <Field id="assessment-month" label={t("month")}>
          <Select name="month" defaultValue={month} options={months.map((m) => ({ value: m, label: m === current ? t("monthSoFar", { month: m }) : m }))} />
        </Field>
        {scope.kind === "all" && (
          <Field id="assessment-team" label={t("team")}>
            <Select name="team" defaultValue={teamId ?? undefined} options={teams.map((x) => ({ value: x.id, label: locale === "en" ? x.nameEn : x.nameZh }))} />
          </Field>
        )}
        <Button type="submit">{t("show")}</Button>
      </form>

      {scope.kind === "own" ? (
        mine ? (
          <Section id="my-assessment" title={t("myCard", { month })}>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
              <Stat label={t("col.rating")} value={fmt(mine.rating, 2)} />
              <Stat label={t("col.rank")} value={t("rankOf", { rank: mine.rankInTeam, size: mine.teamSize })} />
              <Stat label={t("col.qa")} value={fmt(mine.qaAverage)} hint={t("qaCount", { n: mine.qaCount })} />
              <Stat label={t("col.sla")} value={rate(mine.slaRate)} />
              <Stat label={t("col.aht")} value={fmt(mine.ahtMinutes)} />
              <Stat label={t("col.fcr")} value={rate(mine.fcrRate)} />
              <Stat label={t("col.csat")} value={rate(mine.csatRate)} />
              <Stat label={t("col.training")} value={rate(mine.trainingRate)} />
            </div>
          </Section>
        ) : (
          <EmptyState>{t("noneMine", { month })}</EmptyState>
        )
      ) : teamId === null ? (
        <EmptyState>{t("noTeams")}</EmptyState>
      ) : (
        <>
          <Section id="team-ranking" title={t("ranking", { team: teamName(teamId), month })} flush>
            <DataTable
              label={t("ranking", { team: teamName(teamId), month })}
              columns={[
                { id: "rank", header: t("col.rank"), format: "integer" },
                { id: "agent", header: t("col.agent") },
                { id: "rating", header: t("col.rating"), format: "number" },
                { id: "qa", header: t("col.qa"), format: "number" },
                { id: "sla", header: t("col.sla"), format: "percent" },
                { id: "aht", header: t("col.aht"), format: "number" },
                { id: "fcr", header: t("col.fcr"), format: "percent" },
                { id: "csat", header: t("col.csat"), format: "percent" },
                { id: "training", header: t("col.training"), format: "percent" },
                { id: "handled", header: t("col.handled"), format: "integer" },
              ]}
              rows={ranking.map((r: AssessmentRow) => ({
                id: r.userId,
                rank: r.rankInTeam,
                agent: (
                  <Link href={href(r.userId)} className="text-brand underline-offset-2 hover:underline" aria-current={r.userId === agentId ? "true" : undefined}>
                    {r.name}
                  </Link>
                ),
                rating: r.rating,
                qa: r.qaAverage,
                sla: pct(r.slaRate),
                aht: r.ahtMinutes,
                fcr: pct(r.fcrRate),
                csat: pct(r.csatRate),
                training: pct(r.trainingRate),
                handled: r.handled,
              }))}
              empty={<EmptyState>{t("noneTeam", { month })}</EmptyState>}
            />
          </Section>
          {ranking.length > 0 && <TeamRatingsChart rows={ranking.map((r) => ({ name: r.name, rating: r.rating }))} />}
        </>
      )}
      {trend.length > 0 ? (
        <AgentTrendChart name={trendName} rows={trend.map((r) => ({ month: r.month, rating: r.rating, qaAverage: r.qaAverage, rankInTeam: r.rankInTeam, teamSize: r.teamSize }))} />
      ) : (
        agentId !== null && scope.kind !== "own" && ranking.length > 0 && <EmptyState>{t("noTrend")}</EmptyState>
      )}
      <p className="text-xs text-slate-600">{t("rule")}</p>
    </div>
  );
});
