import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getCallListStats, getHeldCall, type CallListStats, type HeldCall } from "@/lib/campaigns/call-queries";
import { callScript } from "@/lib/campaigns/call-rules";
import { Badge, Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { TierBadge } from "@/components/value/tier-badge";
import { NextCallButton } from "@/components/calls/next-call-button";
import { CallOutcomeForm } from "@/components/calls/call-outcome-form";
import { page } from "@/lib/shared/page";
import type { Actor } from "@/lib/auth/actor";
import { renderScriptsFor } from "@/lib/scripts/queries";
import { ScriptList } from "@/components/scripts/script-list";

/**
 * The outbound call list (issue 22): "Next call" takes the next due customer of the agent's share;
 * the held call shows the script in the agent's language, a compact 360 and the outcome form.
 * Supervisors also see their team's list today.
 */
export default page(async function CallsPage() {
  const actor = await requireActor();
  assertCan(actor, "campaign:call");
  const isLead = can(actor, "team:read");
  const [t, held, stats] = await Promise.all([getTranslations("calls"), getHeldCall(actor), isLead ? getCallListStats(actor) : Promise.resolve(null)]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("hint")} />
      {held ? (
        <HeldCallView actor={actor} call={held} />
      ) : (
        <Card className="space-y-2 px-4 py-3">
          <p className="text-sm font-medium">{t("noCall")}</p>
          <p className="text-xs text-slate-500">{t("noCallHint")}</p>
          <NextCallButton autoFocus />
        </Card>
      )}
      {stats && <TeamStats stats={stats} />}
    </div>
  );
});

async function HeldCallView({ actor, call }: { actor: Actor; call: HeldCall }) {
  const [t, te, tv, format, locale] = await Promise.all([getTranslations("calls"), getTranslations("enums"), getTranslations("value"), getFormatter(), getLocale()]);
  const en = locale === "en";
  const c = call.customer;
  const tier = c.tier ? te(`valueTier.${c.tier}`) : "";
  const plan = (en ? c.planEn : c.planZh) ?? "";
  const offer = call.offer ? (en ? call.offer.en : call.offer.zh) : "";
  // Standard scripts (issue 24): the CAMPAIGN stage's script for this campaign wins; else the
  // campaign's own script (issue 22); else the general CAMPAIGN script. Greeting and closing around it.
  const standard = await renderScriptsFor(actor, { stages: ["GREETING", "CAMPAIGN", "CLOSING"], campaignId: call.campaign?.id ?? null }, locale, {
    customerName: c.name,
    msisdn: c.numberMasked,
    agentName: actor.name,
    planName: plan || null,
    campaignName: call.campaign?.name ?? null,
    offerName: offer || null,
  });
  const own = call.campaign ? callScript({ ...call.campaign, note: call.note }, locale, { name: c.name, tier, plan, offer, number: c.numberMasked }) : "";
  const campaignScript = standard.find((s) => s.stage === "CAMPAIGN");
  const around = standard.filter((s) => s.stage !== "CAMPAIGN");
  const shown = campaignScript && (campaignScript.match === "campaign" || !own) ? [campaignScript] : [];
  const script = shown.length ? "" : own;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  const yesNo = (v: boolean) => (v ? t("given") : t("notGiven"));
  return (
    <Section
      id="current-call"
      title={t("current")}
      description={`${call.campaign ? t("campaignLine", { name: call.campaign.name }) : t("taskWithoutCampaign")} · ${t("attempt", { n: call.attempts + 1 })}${
        call.lastOutcome ? ` · ${t("lastOutcome", { outcome: te(`callOutcome.${call.lastOutcome}`) })}` : ""
      } · ${t("claimedAt", { time: when(call.claimedAt) })}`}
    >
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <h3 className="text-lg font-semibold">{c.name}</h3>
            <span className="text-sm tabular-nums text-slate-500">{c.customerNo}</span>
            <span className="text-sm tabular-nums">
              <span className="sr-only">{t("number")}: </span>
              {c.numberMasked}
            </span>
            <Link href={`/customers/${c.id}`} className="text-sm text-brand-700 hover:underline">
              {t("open360")}
            </Link>
          </div>
          {call.note && (
            <div>
              <h4 className="text-xs font-medium text-slate-700">{t("taskNote")}</h4>
              <p className="mt-0.5 text-sm break-words whitespace-pre-line">{call.note}</p>
            </div>
          )}
          <div>
            <h4 className="text-xs font-medium text-slate-700">{t("script")}</h4>
            {shown.length ? (
              <div className="mt-1">
                <ScriptList scripts={shown} highlight="CAMPAIGN" />
              </div>
            ) : (
              <blockquote className="mt-1 rounded border-l-4 border-brand-600 bg-slate-50 px-3 py-2 text-base leading-relaxed break-words whitespace-pre-line">
                {script || <span className="text-slate-500">{t("scriptEmpty")}</span>}
              </blockquote>
            )}
          </div>
          {around.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-xs font-medium text-slate-700">{t("stageScripts")}</summary>
              <div className="mt-2">
                <ScriptList scripts={around} />
              </div>
            </details>
          )}
          <CallOutcomeForm taskId={call.taskId} version={call.version} />
        </div>
        <div className="space-y-3 text-sm">
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5">
            <dt className="text-slate-500">{t("tier")}</dt>
            <dd>{c.tier ? <TierBadge tier={c.tier} label={tier} /> : t("unknown")}</dd>
            <dt className="text-slate-500">{t("churn")}</dt>
            <dd>
              {c.churnBand ? (
                <span className={c.churnBand === "HIGH" ? "text-bad" : c.churnBand === "MEDIUM" ? "text-warn" : undefined}>
                  {c.churnProbability !== null ? `${format.number(c.churnProbability, { style: "percent" })} · ` : ""}
                  {tv(`band.${c.churnBand}`)}
                </span>
              ) : (
                t("unknown")
              )}
            </dd>
            <dt className="text-slate-500">{t("plan")}</dt>
            <dd>{plan || t("unknown")}</dd>
            <dt className="text-slate-500">{t("offer")}</dt>
            <dd>{offer || t("noOffer")}</dd>
            <dt className="text-slate-500">{t("openComplaints")}</dt>
            <dd className="tabular-nums">{c.openComplaints > 0 ? <Badge tone="warn">{format.number(c.openComplaints)}</Badge> : format.number(0)}</dd>
            <dt className="text-slate-500">{t("language")}</dt>
            <dd>{te.has(`language.${c.preferredLang}`) ? te(`language.${c.preferredLang}`) : c.preferredLang}</dd>
            {c.specialCare !== "NONE" && (
              <>
                <dt className="text-slate-500">{t("specialCare")}</dt>
                <dd>
                  <Badge tone="brand">{te(`specialCare.${c.specialCare}`)}</Badge>
                </dd>
              </>
            )}
            <dt className="text-slate-500">{t("consent")}</dt>
            <dd className="flex flex-wrap gap-1">
              {(["call", "sms", "email", "push", "wechat"] as const).map((k) => (
                <Badge key={k} tone={c.consent[k] ? "ok" : "neutral"}>
                  {t(`consentOf.${k}`)}: {yesNo(c.consent[k])}
                </Badge>
              ))}
              {c.consent.doNotDisturb && <Badge tone="bad">{t("doNotDisturb")}</Badge>}
            </dd>
          </dl>
          <div>
            <h4 className="text-xs font-medium text-slate-700">{t("lastContacts")}</h4>
            {call.lastContacts.length ? (
              <ul className="mt-1 divide-y divide-slate-100 rounded border border-slate-200">
                {call.lastContacts.map((x, i) => (
                  <li key={i} className="flex flex-wrap items-baseline gap-x-2 px-2 py-1 text-xs">
                    <time className="tabular-nums text-slate-500" dateTime={x.at.toISOString()}>
                      {when(x.at)}
                    </time>
                    <span>{te(`channel.${x.channel}`)}</span>
                    <span className="text-slate-600">{(en ? x.reasonEn : x.reasonZh) ?? t("noReason")}</span>
                    <span className="text-slate-600">{te(`disposition.${x.disposition}`)}</span>
                    {x.agentName && <span className="text-slate-500">{x.agentName}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-xs text-slate-500">{t("noContacts")}</p>
            )}
          </div>
        </div>
      </div>
    </Section>
  );
}

async function TeamStats({ stats }: { stats: CallListStats }) {
  const [t, te] = await Promise.all([getTranslations("calls.stats"), getTranslations("enums")]);
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Section id="team-calls" title={t("title")} flush>
        <DataTable
          label={t("byCampaign")}
          empty={<EmptyState>{t("empty")}</EmptyState>}
          columns={[
            { id: "campaign", header: t("campaign") },
            { id: "status", header: t("status"), nowrap: true },
            { id: "queued", header: t("queued"), format: "integer" },
            { id: "due", header: t("due"), format: "integer" },
            { id: "claimed", header: t("claimed"), format: "integer" },
            { id: "callsToday", header: t("callsToday"), format: "integer" },
            { id: "doneToday", header: t("doneToday"), format: "integer" },
          ]}
          rows={stats.byCampaign.map((r) => ({
            id: r.campaignId ?? 0,
            campaign: r.name ?? t("noCampaign"),
            status: r.status ? <span>{te(`campaignStatus.${r.status}`)}</span> : null,
            queued: r.queued,
            due: r.due,
            claimed: r.claimed,
            callsToday: r.callsToday,
            doneToday: r.doneToday,
          }))}
        />
      </Section>
      <Section id="team-agents" title={t("agents")} flush>
        <DataTable
          label={t("agents")}
          empty={<EmptyState>{t("agentsEmpty")}</EmptyState>}
          columns={[
            { id: "agent", header: t("agent") },
            { id: "since", header: t("onCallSince"), format: "datetime", nowrap: true },
            { id: "callsToday", header: t("callsToday"), format: "integer" },
            { id: "doneToday", header: t("doneToday"), format: "integer" },
          ]}
          rows={stats.agents.map((a) => ({ id: a.id, agent: a.name, since: a.holdingSince, callsToday: a.callsToday, doneToday: a.doneToday }))}
        />
      </Section>
    </div>
  );
}
