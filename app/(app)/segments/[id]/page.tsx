import { forbidden, notFound } from "next/navigation";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cityLabel } from "@/lib/i18n/cities";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getSegment, getSegmentOptions, listSegmentMembers } from "@/lib/segments/queries";
import { segmentId, segmentRules } from "@/lib/segments/rules";
import { Badge, PageHeader, Section } from "@/components/ui/card";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { RefreshSegmentButton } from "@/components/segments/refresh-button";
import { RuleSummary } from "@/components/segments/rule-summary";
import { TierBadge } from "@/components/value/tier-badge";
import { page } from "@/lib/shared/page";

const params = z.object({ after: z.coerce.number().int().nonnegative().optional().catch(undefined) });

export default page(async function SegmentPage({ params: p, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) forbidden();
  const id = segmentId.safeParse((await p).id);
  if (!id.success) notFound();
  const { after } = params.parse(await searchParams);
  const [t, tv, locale, format] = await Promise.all([getTranslations("segments"), getTranslations("value"), getLocale(), getFormatter()]);
  const [segment, page] = await Promise.all([getSegment(actor, id.data), listSegmentMembers(actor, id.data, { afterId: after, limit: 50 })]);
  const rules = segment.definition === null ? null : segmentRules.safeParse(segment.definition);
  // Plan names only when a rule names plans (the options read every city otherwise).
  const plans = rules?.success && JSON.stringify(rules.data).includes('"field":"plan"') ? (await getSegmentOptions(actor)).plans : [];
  return (
    <div className="space-y-4">
      <PageHeader
        title={segment.name}
        description={segment.description}
        actions={
          <>
            {segment.kind === "DYNAMIC" && <RefreshSegmentButton id={segment.id} />}
            {rules?.success && <ButtonLink href={`/segments/${segment.id}/edit`}>{t("detail.edit")}</ButtonLink>}
            {can(actor, "customer:export") && (
              <a href={`/api/segments/${segment.id}/export`} download className={buttonClass()}>
                {t("detail.export")}
              </a>
            )}
            <ButtonLink href="/segments" variant="link" className="text-sm">
              {t("detail.back")}
            </ButtonLink>
          </>
        }
      >
        <Badge>{t(`kind.${segment.kind}`)}</Badge>
        <span className="text-sm text-slate-600">{t("detail.size", { count: segment.size })}</span>
        <span className="text-sm text-slate-600" data-testid="segment-refreshed">
          {segment.refreshedAt ? t("detail.refreshedAt", { at: format.dateTime(segment.refreshedAt, { dateStyle: "short", timeStyle: "short" }) }) : t("detail.notRefreshed")}
        </span>
      </PageHeader>
      <Section title={t("detail.rules")} id="rules">
        {rules?.success ? <RuleSummary rules={rules.data} plans={plans} /> : <p className="text-sm text-slate-600">{t("detail.clusterRules")}</p>}
      </Section>
      <Section title={t("detail.members")} flush>
        <DataTable
          label={t("detail.members")}
          columns={[
            { id: "customerNo", header: t("detail.customerNo"), nowrap: true },
            { id: "name", header: t("detail.name") },
            { id: "number", header: t("detail.number"), nowrap: true, className: "tabular-nums" },
            { id: "city", header: t("detail.city") },
            { id: "tier", header: t("detail.tier") },
            { id: "score", header: t("detail.score"), format: "number" },
            { id: "churn", header: t("detail.churn") },
            { id: "lifecycle", header: t("detail.lifecycle") },
          ]}
          rows={page.members.map((m) => ({
            id: m.id,
            customerNo: (
              <Link href={`/customers/${m.id}`} className="tabular-nums text-brand-700 hover:underline">
                {m.customerNo}
              </Link>
            ),
            name: m.name,
            number: m.msisdnMasked,
            city: cityLabel(m.city, locale),
            tier: m.tier ? <TierBadge tier={m.tier} label={tv(`tier.${m.tier}`)} /> : null,
            score: m.score,
            churn: m.churnBand ? tv(`band.${m.churnBand}`) : null,
            lifecycle: m.lifecycleStage ? tv(`lifecycle.${m.lifecycleStage}`) : null,
          }))}
          empty={t("detail.noMembers")}
          pager={{ next: page.nextAfterId ? `/segments/${segment.id}?after=${page.nextAfterId}` : undefined, first: after ? `/segments/${segment.id}` : undefined }}
        />
      </Section>
      <Section title={t("detail.history")} flush className="max-w-md">
        <DataTable
          label={t("detail.history")}
          columns={[
            { id: "at", header: t("detail.at"), format: "datetime" },
            { id: "size", header: t("list.size"), format: "integer" },
          ]}
          rows={segment.history.map((h) => ({ id: h.id, at: h.at, size: h.size }))}
        />
      </Section>
    </div>
  );
});
