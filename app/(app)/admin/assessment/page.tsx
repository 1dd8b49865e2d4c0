import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assessmentAdmin } from "@/lib/assessment/queries";
import { operatorMonth, recentMonths } from "@/lib/assessment/schemas";
import { page } from "@/lib/shared/page";
import { PageHeader, Section } from "@/components/ui/card";
import { RunNowForm, WeightsForm } from "@/components/assessment/assessment-admin";

/** The assessment's settings (admins): the weights of the six components, the low-QA threshold, "Run now" and the last run. */
export default page(async function AssessmentAdminPage() {
  const actor = await requireActor();
  const [t, format, { settings, lastRun }] = await Promise.all([getTranslations("assessment.admin"), getFormatter(), assessmentAdmin(actor)]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("hint")} />
      <WeightsForm weights={settings.weights} lowQaThreshold={settings.lowQaThreshold} version={settings.version} />
      <Section title={t("runNow")} description={t("runHint")}>
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            {lastRun
              ? t("lastRun", {
                  at: format.dateTime(new Date(lastRun.at), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }),
                  months: lastRun.months.join(", "),
                  rows: lastRun.rows,
                  ms: lastRun.ms,
                  by: lastRun.by === "job" ? t("byJob") : lastRun.by,
                })
              : t("neverRun")}
          </p>
          <RunNowForm months={recentMonths(operatorMonth(new Date()), 13)} />
        </div>
      </Section>
    </div>
  );
});
