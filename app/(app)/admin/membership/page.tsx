import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { getMembershipSettings, listGradeLadder, listHotlineTeams } from "@/lib/membership/queries";
import { listGradingJobs } from "@/lib/membership/grading";
import { PageHeader, Section } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { GradeLadderRow } from "@/components/membership/grade-ladder-form";
import { GradingSettingsForm } from "@/components/membership/grading-settings-form";
import { GradingRunner } from "@/components/membership/grading-runner";
import { page } from "@/lib/shared/page";

// Member grades (issue 23, docs/membership.md): the ladder with each grade's benefits, the grace
// period, the monthly re-grading (and "Run now"). Administrators (loyalty:configure).
export default page(async function MembershipAdminPage() {
  const actor = await requireActor();
  assertCan(actor, "loyalty:configure");
  const [t, tEnum, locale, format] = await Promise.all([getTranslations("membership.admin"), getTranslations("enums"), getLocale(), getFormatter()]);
  const [ladder, settings, teams, jobs] = await Promise.all([
    listGradeLadder(actor),
    getMembershipSettings(actor),
    listHotlineTeams(actor),
    listGradingJobs(actor),
  ]);
  const teamOptions = teams.map((tm) => ({ id: tm.id, label: locale === "en" ? tm.nameEn : tm.nameZh }));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <ButtonLink href="/admin/history?entity=memberGrade" variant="link">
            {t("history")}
          </ButtonLink>
        }
      />
      <Section id="ladder" title={t("ladder")} description={t("ladderHint")} flush>
        {[...ladder].reverse().map((g) => (
          <GradeLadderRow
            key={`${g.grade}-${g.version}`}
            teams={teamOptions}
            row={{
              grade: g.grade,
              gradeLabel: tEnum(`memberGrade.${g.grade}`),
              minSpend12m: g.minSpend12m,
              minTenureMonths: g.minTenureMonths,
              pointsMultiplier: g.pointsMultiplier,
              birthdayPoints: g.birthdayPoints,
              hotlineTeamId: g.hotlineTeamId,
              version: g.version,
              members: g.members,
            }}
          />
        ))}
      </Section>
      <Section id="grading" title={t("grading")} description={t("gradingHint")}>
        <div className="space-y-4">
          <GradingSettingsForm graceMonths={settings.graceMonths} version={settings.version} />
          <GradingRunner initial={jobs[0] ?? null} />
          <DataTable
            label={t("jobs")}
            dense
            columns={[
              { id: "period", header: t("period") },
              { id: "status", header: t("status") },
              { id: "customers", header: t("customers"), format: "integer" },
              { id: "joined", header: tEnum("gradeChangeReason.JOINED"), format: "integer" },
              { id: "upgraded", header: tEnum("gradeChangeReason.UPGRADE"), format: "integer" },
              { id: "graceStarted", header: tEnum("gradeChangeReason.GRACE_STARTED"), format: "integer" },
              { id: "graceCleared", header: tEnum("gradeChangeReason.GRACE_CLEARED"), format: "integer" },
              { id: "downgraded", header: tEnum("gradeChangeReason.DOWNGRADE"), format: "integer" },
              { id: "took", header: t("took"), align: "right" },
            ]}
            rows={jobs.map((j) => ({
              id: j.id,
              period: j.period,
              status: t(`jobStatus.${j.status}`),
              customers: Number(j.stats?.customers ?? 0),
              joined: Number(j.stats?.joined ?? 0),
              upgraded: Number(j.stats?.upgraded ?? 0),
              graceStarted: Number(j.stats?.graceStarted ?? 0),
              graceCleared: Number(j.stats?.graceCleared ?? 0),
              downgraded: Number(j.stats?.downgraded ?? 0),
              took: typeof j.stats?.ms === "number" ? t("seconds", { s: format.number(Number(j.stats.ms) / 1000, { maximumFractionDigits: 1 }) }) : "—",
            }))}
            empty={t("noJobs")}
          />
        </div>
      </Section>
    </div>
  );
});
