import Link from "next/link";
import { forbidden } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listRetentionWorkList } from "@/lib/scoring/queries";
import { listEnrolableCampaigns } from "@/lib/campaigns/call-queries";
import { listVisibleTeams } from "@/lib/teams/queries";
import { getWinBackStatus, listWinBackOwners } from "@/lib/retention/winback-queries";
import { shanghaiDay } from "@/lib/retention/winback-commands";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/field";
import { RetentionActions, RETENTION_SELECTION_FORM } from "@/components/retention/retention-actions";
import { DataTable } from "@/components/ui/data-table";
import { TierBadge } from "@/components/value/tier-badge";
import { page } from "@/lib/shared/page";
import { cityLabel } from "@/lib/i18n/cities";

const params = z.object({ cursor: z.string().max(60).optional().catch(undefined) });

export default page(async function RetentionPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "retention:read")) forbidden();
  const [t, te, tc, tw, format, locale] = await Promise.all([
    getTranslations("value"),
    getTranslations("enums"),
    getTranslations("calls.retention"),
    getTranslations("winback"),
    getFormatter(),
    getLocale(),
  ]);
  const { cursor } = params.parse(await searchParams);
  // One-step actions (issue 22): managers enrol into a running campaign and give call tasks to any
  // team; supervisors give call tasks to their own team (lib/campaigns/retention-commands.ts).
  const canEnrol = can(actor, "campaign:manage");
  const canTask = canEnrol || (can(actor, "campaign:call") && can(actor, "team:read"));
  // Win-back (issue 23): supervisors give it to their team's agents, managers to any agent.
  const canWinBack = can(actor, "care:assign");
  const [list, campaigns, teams, owners] = await Promise.all([
    listRetentionWorkList(actor, { cursor, limit: 25 }),
    canEnrol ? listEnrolableCampaigns(actor) : Promise.resolve(null),
    canTask ? listVisibleTeams(actor) : Promise.resolve(null),
    canWinBack ? listWinBackOwners(actor) : Promise.resolve(null),
  ]);
  const winBacks = await getWinBackStatus(
    actor,
    list.items.map((i) => i.customerId),
  );
  const zh = locale !== "en";
  return (
    <div className="space-y-4">
      <PageHeader title={t("retention.title")} description={t("retention.hint")} />
      <Card>
        {(canEnrol || canTask || canWinBack) && (
          <div className="border-b border-slate-200 px-3 py-2">
            <RetentionActions
              key={cursor ?? "first"}
              campaigns={campaigns?.map((c) => ({ id: c.id, name: c.name })) ?? null}
              teams={teams?.map((o) => ({ id: o.id, name: zh ? o.nameZh : o.nameEn })) ?? null}
              defaultTeamId={actor.teamId}
              owners={owners?.map((o) => ({ id: o.id, name: `${o.name} · ${zh ? o.teamNameZh : o.teamNameEn}` })) ?? null}
              today={shanghaiDay(new Date())}
            />
          </div>
        )}
        <DataTable
          label={t("retention.title")}
          empty={t("retention.empty")}
          pager={{ next: list.nextCursor ? `/retention?cursor=${encodeURIComponent(list.nextCursor)}` : undefined, first: cursor ? "/retention" : undefined }}
          columns={[
            ...(canEnrol || canTask || canWinBack ? [{ id: "select", header: <span className="sr-only">{tc("selectColumn")}</span>, align: "center" as const }] : []),
            { id: "customer", header: t("retention.customer") },
            { id: "city", header: t("retention.city") },
            { id: "tier", header: t("retention.tier") },
            { id: "risk", header: t("retention.risk"), align: "right", nowrap: true },
            { id: "clv", header: t("retention.clv"), format: "money" },
            { id: "reason", header: t("retention.reason") },
            { id: "offer", header: t("retention.offer") },
            { id: "winback", header: tw("column") },
          ]}
          rows={list.items.map((i) => ({
            id: i.customerId,
            select: (
              <Checkbox name="customerIds" value={i.customerId} form={RETENTION_SELECTION_FORM} aria-label={tc("select", { customer: `${i.name} ${i.customerNo}` })} />
            ),
            customer: (
              <span>
                <Link href={`/customers/${i.customerId}`} className="font-medium text-brand-700 hover:underline">
                  {i.name}
                </Link>
                <span className="ml-2 text-xs text-slate-500 tabular-nums">{i.customerNo}</span>
              </span>
            ),
            city: cityLabel(i.city, locale),
            tier: <TierBadge tier={i.tier} label={te(`valueTier.${i.tier}`)} />,
            risk: (
              <span className={i.churnBand === "HIGH" ? "text-bad" : "text-warn"}>
                {format.number(i.churnProbability, { style: "percent" })} · {t(`band.${i.churnBand}`)}
              </span>
            ),
            clv: i.clv,
            reason: i.topFactor ? t(`feature.${i.topFactor}`) : null,
            offer: i.offer ? (locale === "en" ? i.offer.nameEn : i.offer.nameZh) : t("retention.noOffer"),
            winback: (() => {
              const w = winBacks.get(i.customerId);
              if (!w) return <span className="text-slate-400">{tw("none")}</span>;
              return (
                <span className="flex flex-wrap items-center gap-1">
                  <span>{w.ownerName ?? tw("noOwner")}</span>
                  {w.status === "OPEN" ? (
                    <Badge tone="brand">{tw("openDue", { due: w.dueOn })}</Badge>
                  ) : w.status === "DONE" && w.outcome ? (
                    <Badge tone={w.outcome === "RETAINED" ? "ok" : w.outcome === "LOST" ? "bad" : "neutral"}>{te(`careOutcome.${w.outcome}`)}</Badge>
                  ) : (
                    <Badge tone="neutral">{te(`careTaskStatus.${w.status}`)}</Badge>
                  )}
                </span>
              );
            })(),
          }))}
        />
      </Card>
    </div>
  );
});
