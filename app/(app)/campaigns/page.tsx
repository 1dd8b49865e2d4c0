import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listCampaigns } from "@/lib/campaigns/queries";
import { campaignListQuery, CAMPAIGN_STATUSES } from "@/lib/campaigns/schemas";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { FilterChips } from "@/components/ui/filter-chips";
import { CampaignStatusBadge } from "@/components/campaigns/status-badge";
import { page } from "@/lib/shared/page";

export default page(async function CampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { status, after } = campaignListQuery.parse(await searchParams);
  const [t, te, list] = await Promise.all([getTranslations("campaigns"), getTranslations("enums"), listCampaigns(actor, { status, after })]);
  const mayPlan = can(actor, "campaign:manage");
  const href = (s?: string, a?: string) => {
    const q = new URLSearchParams();
    if (s) q.set("status", s);
    if (a) q.set("after", a);
    const qs = q.toString();
    return qs ? `/campaigns?${qs}` : "/campaigns";
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("list.title")}
        description={t("list.description")}
        actions={
          mayPlan && (
            <ButtonLink href="/campaigns/new" variant="primary">
              {t("list.new")}
            </ButtonLink>
          )
        }
      />
      <FilterChips
        label={t("list.statusFilter")}
        chips={[
          { label: `${t("list.all")} (${list.counts.ALL})`, href: href(), selected: !status },
          ...CAMPAIGN_STATUSES.map((s) => ({ label: `${te(`campaignStatus.${s}`)} (${list.counts[s]})`, href: href(s), selected: status === s })),
        ]}
      />
      {list.counts.ALL === 0 ? (
        <EmptyState
          action={
            mayPlan ? (
              <ButtonLink href="/campaigns/new" variant="primary">
                {t("list.new")}
              </ButtonLink>
            ) : undefined
          }
        >
          {mayPlan ? t("list.emptyManager") : t("list.emptyReader")}
        </EmptyState>
      ) : (
        <Card>
          <DataTable
            label={t("list.title")}
            columns={[
              { id: "name", header: t("list.name") },
              { id: "status", header: t("list.status") },
              { id: "segment", header: t("list.segment") },
              { id: "channels", header: t("list.channels") },
              { id: "startsAt", header: t("list.startsAt"), format: "datetime", nowrap: true },
              { id: "endsAt", header: t("list.endsAt"), format: "datetime", nowrap: true },
              { id: "audience", header: t("list.audience"), format: "integer" },
              { id: "author", header: t("list.author") },
            ]}
            rows={list.rows.map((c) => ({
              id: c.id,
              name: (
                <Link href={`/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
              ),
              status: <CampaignStatusBadge status={c.status} label={te(`campaignStatus.${c.status}`)} />,
              segment: c.segmentName,
              channels: c.channels.map((ch) => te(`campaignChannel.${ch}`)).join(t("list.separator")),
              startsAt: c.startsAt,
              endsAt: c.endsAt,
              audience: c.audienceSize,
              author: c.createdByName,
            }))}
            empty={t("list.emptyFiltered")}
            pager={{ next: list.next ? href(status, list.next) : undefined, first: after ? href(status) : undefined }}
          />
        </Card>
      )}
    </div>
  );
});
