import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getLoyaltySettings, listBillMonths, listEarnRules, listLoyaltyJobs, listRewards } from "@/lib/loyalty/queries";
import { adjustLimitFor } from "@/lib/loyalty/settings";
import { Badge, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EarnRuleDialog, LoyaltySettingsForm, RewardDialog, RunJobButtons } from "@/components/loyalty/admin-forms";
import { page } from "@/lib/shared/page";

// The loyalty programme (issue 23, docs/loyalty.md): earn rules, the catalogue, expiry and
// adjustment limits, and the jobs' runs with Run now.
export default page(async function LoyaltyAdminPage() {
  const actor = await requireActor();
  const [t, te, locale] = await Promise.all([getTranslations("loyalty.admin"), getTranslations("enums"), getLocale()]);
  const [settings, rules, rewards, jobs, months] = await Promise.all([
    getLoyaltySettings(actor),
    listEarnRules(actor),
    listRewards(actor),
    listLoyaltyJobs(actor),
    listBillMonths(actor),
  ]);
  const tc = await getTranslations("loyalty.planClass");
  const format = await getFormatter();
  const sup = adjustLimitFor("SUPERVISOR", settings);
  const mgr = adjustLimitFor("MANAGER", settings);
  // The run's figures in a fixed order (jsonb keeps its keys by length), the time last.
  const FIGURES = ["customers", "points", "bonusPoints", "pointsAccounts", "accounts", "mismatches"];
  const num = (v: unknown) => (typeof v === "number" ? v.toLocaleString(locale) : String(v));
  const figures = (s: Record<string, unknown> | null) =>
    s
      ? [
          ...FIGURES.filter((k) => k in s).map((k) => `${t(`figure.${k}`)} ${num(s[k])}`),
          ...(typeof s.ms === "number" ? [t("took", { ms: num(s.ms) })] : []),
        ].join(" · ")
      : "";
  const dates = (from: string | null, to: string | null) =>
    from && to ? `${from} – ${to}` : from ? t("fromDate", { date: from }) : to ? t("untilDate", { date: to }) : t("always");
  const tone = { SUCCEEDED: "ok", FAILED: "bad", RUNNING: "brand", QUEUED: "neutral" } as const;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />

      <Section id="settings" title={t("settingsTitle")} description={t("settingsHint")}>
        <LoyaltySettingsForm
          version={settings.version}
          expiryYears={settings.expiryYears}
          supervisorLimit={Number.isFinite(sup) ? sup : 0}
          managerLimit={Number.isFinite(mgr) ? mgr : null}
        />
      </Section>

      <Section id="rules" title={t("rulesTitle")} description={t("rulesHint")} actions={<EarnRuleDialog />} flush>
        <DataTable
          label={t("rulesTitle")}
          dense
          empty={t("noRules")}
          columns={[
            { id: "name", header: t("ruleName") },
            { id: "kind", header: t("ruleKind"), format: { enum: "earnRuleKind" } },
            { id: "planClass", header: t("planClass") },
            { id: "grade", header: t("grade") },
            { id: "rate", header: t("rate"), align: "right" },
            { id: "dates", header: t("dates"), nowrap: true },
            { id: "status", header: t("active") },
            { id: "edit", header: <span className="sr-only">{t("edit")}</span> },
          ]}
          rows={rules.map((r) => ({
            id: r.id,
            name: r.name,
            kind: r.kind,
            planClass: r.planClass ? tc(r.planClass) : t("any"),
            grade: r.grade ? te(`memberGrade.${r.grade}`) : t("any"),
            rate: <span className="tabular-nums">{r.kind === "RATE" ? t("perYuan", { n: r.pointsPerYuan }) : `× ${r.multiplier}`}</span>,
            dates: dates(r.startsOn, r.endsOn),
            status: <Badge tone={r.isActive ? "ok" : "paused"}>{r.isActive ? t("on") : t("off")}</Badge>,
            edit: <EarnRuleDialog rule={r} />,
          }))}
        />
      </Section>

      <Section id="catalogue" title={t("catalogueTitle")} description={t("catalogueHint")} actions={<RewardDialog />} flush>
        <DataTable
          label={t("catalogueTitle")}
          dense
          empty={t("noRewards")}
          columns={[
            { id: "code", header: t("code"), format: "code" },
            { id: "name", header: t("rewardName") },
            { id: "kind", header: t("rewardKind"), format: { enum: "rewardKind" } },
            { id: "pointsCost", header: t("pointsCost"), format: "integer" },
            { id: "value", header: t("value"), align: "right" },
            { id: "stock", header: t("stock"), align: "right" },
            { id: "status", header: t("active") },
            { id: "edit", header: <span className="sr-only">{t("edit")}</span> },
          ]}
          rows={rewards.map((r) => ({
            id: r.id,
            code: r.code,
            name: locale === "en" ? r.nameEn : r.nameZh,
            kind: r.kind,
            pointsCost: r.pointsCost,
            value: <span className="tabular-nums">{r.creditAmount ? `¥${r.creditAmount}` : r.dataMb ? `${r.dataMb.toLocaleString(locale)} MB` : "—"}</span>,
            stock: <span className="tabular-nums">{r.stock == null ? t("unlimited") : r.stock.toLocaleString(locale)}</span>,
            status: <Badge tone={r.isActive ? "ok" : "paused"}>{r.isActive ? t("on") : t("off")}</Badge>,
            edit: <RewardDialog reward={r} />,
          }))}
        />
      </Section>

      <Section id="jobs" title={t("jobsTitle")} description={t("jobsHint")}>
        <div className="space-y-3">
          <RunJobButtons months={months} />
          <DataTable
            label={t("jobsTitle")}
            dense
            empty={t("noJobs")}
            columns={[
              { id: "kind", header: t("jobKind"), format: { enum: "loyaltyJobKind" } },
              { id: "period", header: t("period"), nowrap: true },
              { id: "status", header: t("status") },
              { id: "figures", header: t("figures") },
              { id: "startedAt", header: t("startedAt"), format: "datetime" },
              { id: "finishedAt", header: t("finishedAt"), format: "datetime" },
            ]}
            rows={jobs.map((j) => ({
              id: j.id,
              kind: j.kind,
              // A reconciliation's period is the instant it was asked for: shown in the operator's time zone as the other times.
              period:
                j.kind === "RECONCILE" && !Number.isNaN(Date.parse(j.period))
                  ? format.dateTime(new Date(j.period), { dateStyle: "short", timeStyle: "short" })
                  : j.period,
              status: <Badge tone={tone[j.status]}>{t(`jobStatus.${j.status}`)}</Badge>,
              figures: <span className="tabular-nums text-xs">{j.status === "FAILED" ? t("failed") : figures(j.stats)}</span>,
              startedAt: j.startedAt,
              finishedAt: j.finishedAt,
            }))}
          />
        </div>
      </Section>
    </div>
  );
});
