import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { agentAverages, calibrationReport, teamAverages } from "@/lib/quality/queries";
import { PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart } from "@/components/charts/options";
import { page } from "@/lib/shared/page";

/**
 * The QA report (issue 24), for supervisors (their team) and managers (all teams): the teams' monthly
 * averages of final scores (calibration scorings excluded) as a chart, the agents' last 30 days, and
 * the calibration agreement per pair of supervisors.
 */
export default page(async function QaReportPage() {
  const actor = await requireActor();
  // Lib refuses anyone who neither scores nor decides (agents read their own results at /quality/mine): the 403 page.
  const [t, locale, teams, agents, pairs] = await Promise.all([getTranslations("quality"), getLocale(), teamAverages(actor, 3), agentAverages(actor), calibrationReport(actor)]);
  const months = [...new Set(teams.map((r) => r.month))].sort();
  const teamKey = (r: (typeof teams)[number]) => r.teamId ?? 0;
  const teamNames = new Map(teams.map((r) => [teamKey(r), (locale === "en" ? r.teamEn : r.teamZh) ?? t("report.noTeam")]));
  const cell = new Map(teams.map((r) => [`${teamKey(r)}|${r.month}`, r]));
  return (
    <div className="space-y-4">
      <PageHeader title={t("report.title")} description={t("report.hint")} />
      <ChartCard
        title={t("report.teamAverages")}
        columns={[t("report.month"), ...[...teamNames.values()]]}
        rows={months.map((m) => [m, ...[...teamNames.keys()].map((k) => cell.get(`${k}|${m}`)?.average ?? "—")])}
        option={categoryChart({
          categories: months,
          type: "line",
          axes: [{ name: t("report.average"), min: 0, max: 100 }],
          series: [...teamNames.entries()].map(([k, name]) => ({ name, data: months.map((m) => cell.get(`${k}|${m}`)?.average ?? null) })),
        })}
      />
      <Section title={t("report.byTeam")} flush>
        <DataTable
          label={t("report.byTeam")}
          columns={[
            { id: "month", header: t("report.month"), nowrap: true },
            { id: "team", header: t("team"), nowrap: true },
            { id: "evaluations", header: t("report.evaluations"), format: "integer" },
            { id: "average", header: t("report.average"), format: "number" },
            { id: "passRate", header: t("report.passRate"), format: "number" },
          ]}
          rows={teams.map((r) => ({ id: `${teamKey(r)}-${r.month}`, month: r.month, team: teamNames.get(teamKey(r)) ?? "—", evaluations: r.evaluations, average: r.average, passRate: r.passRate }))}
          empty={t("report.empty")}
        />
      </Section>
      <Section title={t("report.agents")} description={t("report.agentsHint")} flush>
        <DataTable
          label={t("report.agents")}
          columns={[
            { id: "agent", header: t("agent"), nowrap: true },
            { id: "evaluations", header: t("report.evaluations"), format: "integer" },
            { id: "average", header: t("report.average"), format: "number" },
            { id: "fatal", header: t("report.fatal"), format: "integer" },
            { id: "disputes", header: t("report.disputes"), format: "integer" },
          ]}
          rows={agents.map((a) => ({ id: a.agentId, agent: a.agentName, evaluations: a.evaluations, average: a.average, fatal: a.fatal, disputes: a.disputes }))}
          empty={t("report.empty")}
        />
      </Section>
      <Section title={t("report.calibration")} description={t("report.calibrationHint")} flush>
        <DataTable
          label={t("report.calibration")}
          columns={[
            { id: "pair", header: t("report.pair") },
            { id: "samples", header: t("report.samples"), format: "integer" },
            { id: "scoreDiff", header: t("report.scoreDiff"), format: "number" },
            { id: "itemAgreement", header: t("report.itemAgreement"), format: "number" },
          ]}
          rows={pairs.map((p) => ({ id: `${p.evaluatorA}|${p.evaluatorB}`, pair: `${p.evaluatorA} · ${p.evaluatorB}`, samples: p.samples, scoreDiff: p.scoreDiff, itemAgreement: p.itemAgreement }))}
          empty={t("report.noCalibration")}
        />
      </Section>
    </div>
  );
});
