import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { FiringRow, RuleDetail } from "@/lib/automation/rule-queries";
import type { AutomationPurposeName } from "@/lib/automation/schemas";
import { addDays } from "@/lib/automation/dates";
import { ButtonLink } from "@/components/ui/button";
import { Alert, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Stat } from "@/components/ui/stat";
import { ChartCard } from "@/components/charts/chart-card";
import { categoryChart } from "@/components/charts/options";
import { RuleControls } from "@/components/automation/rule-controls";
import { RuleStatusBadge } from "@/components/automation/status-badge";

/** Where a rule of each purpose lives: marketing rules under /automation, care rules under /admin/care/rules. */
export const RULE_BASE: Record<AutomationPurposeName, { list: string; rule: string }> = {
  MARKETING: { list: "/automation", rule: "/automation" },
  CARE: { list: "/admin/care", rule: "/admin/care/rules" },
};

/** One rule: its definition, the simulation of the last 30 days, what its firings did, recent firings (marketing and care rules alike). */
export async function RuleDetailView({
  rule,
  firings,
  manage,
  before,
  purpose,
}: {
  rule: RuleDetail;
  firings: { rows: FiringRow[]; nextBeforeId: string | null };
  manage: boolean;
  before?: string;
  purpose: AutomationPurposeName;
}) {
  const [t, te, locale, format] = await Promise.all([getTranslations("automation"), getTranslations("enums"), getLocale(), getFormatter()]);
  const base = RULE_BASE[purpose];
  const sim = rule.simulation;
  const simDays = sim ? Array.from({ length: sim.days }, (_, i) => addDays(sim.from, i)) : [];
  const perDay = new Map(sim?.byDay.map((d) => [d.day, d.n]) ?? []);
  const customersLabel = t("detail.customers");
  const dayLabel = (d: string) => format.dateTime(new Date(`${d}T00:00:00+08:00`), { month: "numeric", day: "numeric", timeZone: "Asia/Shanghai" });
  const outcomeLabel = (r: string | null) => (r ? t(`skip.${r}`) : t("detail.acted"));
  return (
    <div className="space-y-4">
      <PageHeader
        title={rule.name}
        actions={
          <>
            {manage && <RuleControls id={rule.id} version={rule.version} status={rule.status} simulationCurrent={rule.simulationCurrent} purpose={purpose} />}
            <ButtonLink href={base.list} variant="link" className="text-sm">
              {t("detail.back")}
            </ButtonLink>
          </>
        }
      >
        <RuleStatusBadge status={rule.status} label={te(`automationStatus.${rule.status}`)} />
      </PageHeader>
      {rule.status === "PAUSED" && rule.action === "ENROL_CAMPAIGN" && rule.campaign?.status !== "RUNNING" && (
        <Alert tone="warning">{t("detail.campaignStopped")}</Alert>
      )}
      <div className="grid max-w-4xl grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={t("detail.firedCount")} value={format.number(rule.firedCount)} />
        <Stat
          label={t("detail.lastRun")}
          value={rule.lastRunAt ? format.dateTime(rule.lastRunAt, { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" }) : t("detail.never")}
        />
        <Stat label={t("detail.simulatedCustomers")} value={sim ? format.number(sim.customers) : t("detail.never")} />
        <Stat label={t("detail.version")} value={String(rule.version)} />
      </div>
      <Section title={t("detail.definition")}>
        <Definition rule={rule} t={t} te={te} locale={locale} format={format} />
      </Section>
      <Section title={t("detail.simulation")} description={t("detail.simulationHint")}>
        {sim ? (
          <div className="space-y-3">
            <p className="text-base" data-testid="simulation-total">
              {t("detail.wouldHaveFired", { customers: format.number(sim.customers), days: sim.days })}
            </p>
            <p className="text-xs text-slate-600">
              {t("detail.simulatedAt", {
                at: format.dateTime(new Date(sim.at), { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" }),
                firings: format.number(sim.firings),
                ms: format.number(sim.ms),
              })}
            </p>
            {!rule.simulationCurrent && <Alert tone="warning">{t("detail.simulationStale")}</Alert>}
          </div>
        ) : (
          <EmptyState>{manage ? t("detail.noSimulationManage") : t("detail.noSimulation")}</EmptyState>
        )}
      </Section>
      {sim && (
        <ChartCard
          title={t("detail.chartTitle")}
          columns={[t("detail.day"), customersLabel]}
          rows={simDays.map((d) => [d, perDay.get(d) ?? 0])}
          option={categoryChart({
            categories: simDays.map(dayLabel),
            axes: [{ name: customersLabel }],
            series: [{ name: customersLabel, data: simDays.map((d) => perDay.get(d) ?? 0) }],
          })}
        />
      )}
      <Section title={t("detail.outcomes")} flush className="max-w-md">
        <DataTable
          label={t("detail.outcomes")}
          columns={[
            { id: "outcome", header: t("detail.outcome") },
            { id: "n", header: t("detail.count"), format: "integer" },
          ]}
          rows={rule.outcomes.map((o) => ({ id: o.reason ?? "acted", outcome: outcomeLabel(o.reason), n: o.n }))}
          empty={t("detail.noFirings")}
        />
      </Section>
      <Section title={t("detail.firings")} flush>
        <DataTable
          label={t("detail.firings")}
          columns={[
            { id: "customerNo", header: t("detail.customerNo"), nowrap: true },
            { id: "name", header: t("detail.name") },
            { id: "eventKey", header: t("detail.event"), format: "code" },
            { id: "firedAt", header: t("detail.firedAt"), format: "datetime", nowrap: true },
            { id: "outcome", header: t("detail.outcome") },
          ]}
          rows={firings.rows.map((f) => ({
            id: f.id,
            customerNo: (
              <Link href={`/customers/${f.customerId}`} className="tabular-nums text-brand-700 hover:underline">
                {f.customerNo}
              </Link>
            ),
            name: f.name,
            eventKey: f.eventKey,
            firedAt: f.firedAt,
            outcome: outcomeLabel(f.skipped),
          }))}
          empty={t("detail.noFirings")}
          pager={{
            next: firings.nextBeforeId ? `${base.rule}/${rule.id}?before=${firings.nextBeforeId}` : undefined,
            first: before ? `${base.rule}/${rule.id}` : undefined,
          }}
        />
      </Section>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"automation">>>;
type TE = Awaited<ReturnType<typeof getTranslations<"enums">>>;

function Definition({ rule, t, te, locale, format }: { rule: RuleDetail; t: T; te: TE; locale: string; format: Awaited<ReturnType<typeof getFormatter>> }) {
  const p = rule.actionParams;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const trigger = rule.triggerParam
    ? t("list.triggerWithParam", { trigger: te(`automationTrigger.${rule.trigger}`), n: rule.triggerParam })
    : te(`automationTrigger.${rule.trigger}`);
  const tiers = rule.conditions.tiers.length ? rule.conditions.tiers.map((x) => te(`valueTier.${x}`)).join(", ") : t("form.anyTier");
  let action: React.ReactNode;
  const team = rule.team ? (locale === "en" ? rule.team.nameEn : rule.team.nameZh) : "—";
  if (rule.action === "CALL_TASK") {
    action = t("detail.callTask", { team, note: text(p.note) });
  } else if (rule.action === "CARE_TASK") {
    action = t("detail.careTask", { team, kind: te(`careTaskKind.${text(p.kind) || "OTHER"}`), note: text(p.note) });
  } else if (rule.action === "GRANT_POINTS") {
    action = p.source === "GRADE_BIRTHDAY" ? t("detail.grantGradeBirthday") : t("detail.grantPoints", { points: Number(p.points) || 0 });
  } else if (rule.action === "SEND_MESSAGE") {
    action = (
      <span className="block space-y-1">
        <span className="block">{t("detail.sendMessage", { channel: te(`campaignChannel.${text(p.channel) || "SMS"}`) })}</span>
        <span className="block text-slate-700">
          {t("form.messageZh")}: {text(p.messageZh)}
        </span>
        <span className="block text-slate-700">
          {t("form.messageEn")}: {text(p.messageEn)}
        </span>
      </span>
    );
  } else {
    action = t("detail.enrol", { campaign: rule.campaign ? `${rule.campaign.name} (${te(`campaignStatus.${rule.campaign.status}`)})` : "—" });
  }
  const rows: Array<[string, React.ReactNode]> = [
    [t("form.trigger"), trigger],
    [t("form.segment"), rule.segmentName ?? t("form.anySegment")],
    [t("form.tiers"), tiers],
    [t("detail.consent"), t("form.consentAlways")],
    [t("form.action"), action],
    [
      t("detail.createdBy"),
      t("detail.createdByValue", { name: rule.createdBy, at: format.dateTime(rule.createdAt, { dateStyle: "short", timeZone: "Asia/Shanghai" }) }),
    ],
  ];
  return (
    <dl className="grid max-w-4xl grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-2 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-600">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
