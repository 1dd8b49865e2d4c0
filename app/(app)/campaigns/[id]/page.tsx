import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getCampaignPage } from "@/lib/campaigns/queries";
import { campaignId } from "@/lib/campaigns/schemas";
import { availableSteps, hasLaunched, isEditable } from "@/lib/campaigns/workflow";
import { ButtonLink } from "@/components/ui/button";
import { Alert, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Stat } from "@/components/ui/stat";
import { CampaignStatusBadge } from "@/components/campaigns/status-badge";
import { ApprovalBox, CampaignSteps } from "@/components/campaigns/campaign-steps";
import { LaunchProgress } from "@/components/campaigns/launch-progress";
import { AudienceChart } from "@/components/campaigns/audience-chart";
import { page } from "@/lib/shared/page";

const CALL_STATUSES = ["QUEUED", "CLAIMED", "DONE", "CANCELLED"] as const;
const MESSAGE_STATUSES = ["QUEUED", "SENT", "DELIVERED", "FAILED", "SUPPRESSED"] as const;

export default page(async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = campaignId.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, te, locale, format, data] = await Promise.all([
    getTranslations("campaigns"),
    getTranslations("enums"),
    getLocale(),
    getFormatter(),
    getCampaignPage(actor, id.data),
  ]);
  const c = data.campaign;
  const now = new Date();
  const who = { id: actor.id, can: (p: Parameters<typeof can>[1]) => can(actor, p) };
  const steps = availableSteps(c, who, now);
  const buttonSteps = steps.filter((s) => s !== "approve" && s !== "reject" && s !== "launch");
  const name = (o: { nameZh: string; nameEn: string } | null) => (o ? (locale === "en" ? o.nameEn : o.nameZh) : t("detail.none"));
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }) : t("detail.none"));
  const money = (n: number) => format.number(n, { style: "currency", currency: "CNY" });
  const costs = (c.channelCosts ?? {}) as Record<string, number>;
  const launched = hasLaunched(c.status);
  const excluded = Object.values(data.exclusions).reduce<number>((a, b) => a + (b ?? 0), 0);
  const script = locale === "en" ? c.scriptEn : c.scriptZh;
  const message = locale === "en" ? c.messageEn : c.messageZh;
  const subject = locale === "en" ? c.emailSubjectEn : c.emailSubjectZh;
  const plan: Array<[string, React.ReactNode]> = [
    [t("detail.objective"), c.objective || t("detail.none")],
    [t("detail.segment"), `${data.segment.name} · ${t(`form.kind.${data.segment.kind}`)} · ${t("form.segmentSize", { count: data.segment.size })}`],
    [t("detail.audienceMode"), t(`form.audienceModes.${c.audienceMode}`)],
    [t("detail.window"), `${when(c.startsAt)} – ${when(c.endsAt)}`],
    [t("detail.channels"), c.channels.map((ch) => te(`campaignChannel.${ch}`)).join(t("list.separator"))],
    [t("detail.budget"), money(Number(c.budget))],
    [t("detail.costs"), c.channels.map((ch) => `${te(`campaignChannel.${ch}`)} ${money(Number(costs[ch] ?? 0))}`).join(t("list.separator"))],
    [t("detail.offer"), c.offerMode === "FIXED" ? name(data.offer) : te(`offerMode.${c.offerMode}`)],
    [t("detail.control"), `${format.number(c.controlShare, { style: "percent", maximumFractionDigits: 1 })} · ${t("detail.seed", { seed: c.seed })}`],
    [
      t("detail.success"),
      `${c.successKinds.map((k) => te(`conversionKind.${k}`)).join(t("list.separator"))} · ${t("detail.withinDays", { days: c.successWindowDays })}` +
        (c.successKinds.includes("PLAN_CHANGE")
          ? ` · ${data.successPlans.length ? data.successPlans.map(name).join(t("list.separator")) : t("form.anyHigherPlan")}`
          : "") +
        (c.successKinds.includes("SPEND_INCREASE") ? ` · ${t("detail.spendIncrease", { pct: format.number(c.spendIncreasePct, { style: "percent" }) })}` : ""),
    ],
  ];
  if (c.channels.includes("OUTBOUND_CALL"))
    plan.push([t("detail.callTeam"), `${name(data.team)}${c.callSkill ? ` · ${t("detail.skill", { skill: c.callSkill })}` : ""}`]);
  if (c.channels.includes("OUTBOUND_CALL"))
    plan.push([
      t("detail.script"),
      <span key="s" className="whitespace-pre-wrap">
        {script || t("detail.none")}
      </span>,
    ]);
  if (c.channels.includes("EMAIL")) plan.push([t("detail.subject"), subject]);
  if (c.channels.some((ch) => ch !== "OUTBOUND_CALL"))
    plan.push([
      t("detail.message"),
      <span key="m" className="whitespace-pre-wrap">
        {message || t("detail.none")}
      </span>,
    ]);
  plan.push([t("detail.author"), `${data.createdBy.name} · ${when(c.createdAt)}`]);
  if (data.approvedBy) plan.push([t("detail.approver"), `${data.approvedBy.name} · ${when(c.approvedAt)}`]);

  return (
    <div className="space-y-4">
      <PageHeader
        title={c.name}
        actions={
          <>
            {can(actor, "campaign:manage") && isEditable(c.status) && <ButtonLink href={`/campaigns/${c.id}/edit`}>{t("detail.edit")}</ButtonLink>}
            {launched && (
              // The evaluation page (issue 22) is built beside this one; no prefetch of it from here.
              <ButtonLink href={`/campaigns/${c.id}/evaluation`} prefetch={false}>
                {t("detail.evaluation")}
              </ButtonLink>
            )}
            <ButtonLink href="/campaigns" variant="link" className="text-sm">
              {t("detail.back")}
            </ButtonLink>
          </>
        }
      >
        <CampaignStatusBadge status={c.status} label={te(`campaignStatus.${c.status}`)} />
      </PageHeader>

      {data.rejection && (
        <Alert tone="warning">{t("detail.rejected", { by: data.rejection.by ?? "", at: when(data.rejection.at), reason: data.rejection.reason })}</Alert>
      )}

      {buttonSteps.length > 0 && (
        <Section title={t("detail.next")}>
          <CampaignSteps id={c.id} version={c.version} steps={buttonSteps} />
        </Section>
      )}

      {c.status === "SUBMITTED" && (
        <Section title={t("detail.approval")}>
          {steps.includes("approve") ? (
            <ApprovalBox id={c.id} version={c.version} />
          ) : (
            <p className="text-sm text-slate-600">{c.createdById === actor.id ? t("detail.awaitingOther") : t("detail.awaiting")}</p>
          )}
        </Section>
      )}

      {(c.status === "SCHEDULED" || data.launch) && (
        <Section title={t("detail.launch")}>
          <LaunchProgress
            id={c.id}
            version={c.version}
            initial={data.launch}
            canLaunch={steps.includes("launch")}
            startsAt={c.status === "SCHEDULED" ? c.startsAt : null}
          />
        </Section>
      )}

      {launched && (
        <>
          <Section title={t("detail.results")}>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="campaign-counts">
              <Stat label={t("detail.audience")} value={format.number(c.audienceSize)} />
              <Stat label={t("detail.treatment")} value={format.number(c.audienceSize - c.controlSize)} />
              <Stat label={t("detail.controlGroup")} value={format.number(c.controlSize)} />
              <Stat label={t("detail.excluded")} value={format.number(excluded)} />
            </div>
          </Section>
          <AudienceChart treatment={c.audienceSize - c.controlSize} control={c.controlSize} exclusions={data.exclusions} />
          <div className="grid gap-4 lg:grid-cols-2">
            <Section title={t("detail.callList")} flush>
              <DataTable
                label={t("detail.callList")}
                columns={[
                  { id: "status", header: t("detail.status") },
                  { id: "n", header: t("detail.count"), format: "integer" },
                ]}
                rows={CALL_STATUSES.map((s) => ({ id: s, status: te(`callTaskStatus.${s}`), n: data.calls[s] ?? 0 }))}
              />
            </Section>
            <Section title={t("detail.outbox")} flush>
              <DataTable
                label={t("detail.outbox")}
                columns={[
                  { id: "status", header: t("detail.status") },
                  { id: "n", header: t("detail.count"), format: "integer" },
                ]}
                rows={MESSAGE_STATUSES.map((s) => ({ id: s, status: te(`messageStatus.${s}`), n: data.messages[s] ?? 0 }))}
              />
            </Section>
          </div>
        </>
      )}

      <Section title={t("detail.plan")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[max-content_1fr]">
          {plan.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
      </Section>
    </div>
  );
});
