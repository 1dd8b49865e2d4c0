import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getCustomer360 } from "@/lib/customers/queries";
import { getLineFoundBy, listActiveInteractionReasons } from "@/lib/interactions/queries";
import { listCustomerSegments, listCustomerStory } from "@/lib/customers/timeline-queries";
import { storyParams } from "@/lib/customers/timeline-schemas";
import { Badge, Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { Customer360Layout } from "@/components/customers/customer-360-layout";
import { ProfilePanel } from "@/components/customers/profile-panel";
import { LinesPanel } from "@/components/customers/lines-panel";
import { StoryTimeline } from "@/components/customers/story-timeline";
import { SegmentsPanel } from "@/components/customers/segments-panel";
import { TrendCharts } from "@/components/customers/trend-charts";
import { PinButton } from "@/components/customers/pin-button";
import { EditContactDialog } from "@/components/customers/edit-contact-dialog";
import { LogInteractionDialog } from "@/components/customers/log-interaction-dialog";
import { CustomerComplaintsPanel } from "@/components/complaints/customer-complaints-panel";
import { CustomerValuePanel } from "@/components/value/customer-value-panel";
import { SurveyResponsesPanel } from "@/components/surveys/survey-responses-panel";
import { getCustomerValue } from "@/lib/scoring/queries";
import { listCustomerComplaints } from "@/lib/complaints/queries";
import { listCustomerSurveyResponses } from "@/lib/surveys/queries";
import { page } from "@/lib/shared/page";
import { getCustomerMembership } from "@/lib/membership/queries";
import { listCustomerAccountLedgers } from "@/lib/accounts/queries";
import { MemberGradeBadge } from "@/components/membership/member-grade-badge";
import { AccountLedgerPanel } from "@/components/membership/account-ledger-panel";
import { getCustomerPointsView } from "@/lib/loyalty/queries";
import { PointsPanel } from "@/components/loyalty/points-panel";
import { SpecialCareControl } from "@/components/care/special-care-control";
import { getCustomerCallScripts } from "@/lib/scripts/queries";
import { ScriptList } from "@/components/scripts/script-list";

// The customer 360 view. Panels are separate components placed in the layout's slots: a new
// capability adds its panel here (left: identity-like facts, center: products, right: the customer's story,
// below: wide analytics).
export default page(async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const query = await searchParams;
  const { kinds, before } = storyParams.parse(query);
  const t = await getTranslations();
  const customerId = /^\d{1,9}$/.test(id) ? Number(id) : -1;
  const c = await getCustomer360(actor, customerId);
  const canLog = can(actor, "interaction:create");
  // Every panel's data in one round: panels render, they do not fetch.
  const [story, reasons, value, complaints, surveyAnswers, segments, lineFoundBy] = await Promise.all([
    listCustomerStory(actor, { customerId: c.id, kinds, before, limit: 15 }),
    canLog ? listActiveInteractionReasons(actor) : [],
    can(actor, "value:read") ? getCustomerValue(actor, c.id) : null,
    can(actor, "complaint:read") ? listCustomerComplaints(actor, c.id) : [],
    listCustomerSurveyResponses(actor, c.id),
    listCustomerSegments(actor, c.id),
    canLog ? getLineFoundBy(actor, c.id, query.via) : null,
  ]);
  const canReveal = can(actor, "customer:revealPii");
  // Member grade and account ledger (issue 23, docs/membership.md).
  const [membership, ledgers] = await Promise.all([getCustomerMembership(actor, c.id), listCustomerAccountLedgers(actor, c.id)]);
  // Loyalty (issue 23): the points panel; ?pointsBefore=<entry id> pages its entries.
  const points = await getCustomerPointsView(actor, c.id, query.pointsBefore);
  // Standard scripts for the call (issue 24): greeting, identity check and closing, filled for this customer.
  const callScripts = canLog ? await getCustomerCallScripts(actor, c.id, await getLocale()) : null;

  const header = (
    <PageHeader
      title={c.name}
      actions={
        <>
          <PinButton customerId={c.id} pinned={c.pinned} />
          {can(actor, "customer:update") && (
            <EditContactDialog
              contact={{
                customerId: c.id,
                version: c.version,
                contactPhoneMasked: c.contactPhoneMasked,
                emailMasked: c.emailMasked,
                addressMasked: c.addressMasked,
                preferredLang: c.preferredLang,
                consent: c.consent,
              }}
            />
          )}
          {canLog && (
            <LogInteractionDialog
              customerId={c.id}
              reasons={reasons}
              lines={c.lines.map((l) => ({ id: l.id, label: l.msisdnMasked }))}
              lineId={lineFoundBy}
              canOpenComplaint={can(actor, "complaint:create")}
            />
          )}
          <ButtonLink href="/customers" variant="ghost">
            {t("customer.back")}
          </ButtonLink>
        </>
      }
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm tabular-nums text-slate-500">{c.customerNo}</span>
        <Badge>{t(`enums.customerType.${c.type}`)}</Badge>
        <Badge tone={c.status === "ACTIVE" ? "neutral" : "warn"}>{t(`enums.customerStatus.${c.status}`)}</Badge>
        {c.specialCare !== "NONE" && <Badge tone="warn">{t(`enums.specialCare.${c.specialCare}`)}</Badge>}
        {can(actor, "customer:setSpecialCare") && <SpecialCareControl customerId={c.id} version={c.version} value={c.specialCare} />}
        {c.consent.doNotDisturb && <Badge tone="bad">{t("customer.doNotDisturb")}</Badge>}
        <MemberGradeBadge membership={membership} />
      </div>
    </PageHeader>
  );

  return (
    <Customer360Layout
      header={header}
      left={
        <>
          <CustomerValuePanel actor={actor} value={value} />
          <ProfilePanel c={c} canReveal={canReveal} />
          <SegmentsPanel segments={segments} canOpen={can(actor, "segment:manage")} />
          {callScripts && (
            <Section id="call-scripts" title={t("scripts.callTitle")}>
              <ScriptList scripts={callScripts} />
            </Section>
          )}
        </>
      }
      center={
        <>
          <LinesPanel c={c} canReveal={canReveal} />
          <AccountLedgerPanel accounts={ledgers} canReverse={can(actor, "account:reverse")} />
          <CustomerComplaintsPanel actor={actor} customerId={c.id} rows={complaints} />
          <SurveyResponsesPanel actor={actor} rows={surveyAnswers} />
          {points && (
            <PointsPanel
              panel={points.panel}
              rewards={points.rewards}
              canAdjust={points.canAdjust}
              moreHref={points.panel.nextBefore ? `/customers/${c.id}?pointsBefore=${points.panel.nextBefore}#points` : null}
              firstHref={query.pointsBefore ? `/customers/${c.id}#points` : null}
            />
          )}
        </>
      }
      right={<StoryTimeline customerId={c.id} page={story} paged={!!before} canOpenComplaints={can(actor, "complaint:read")} />}
      below={
        <section aria-labelledby="trends-h" className="space-y-2">
          <h2 id="trends-h" className="text-sm font-semibold text-slate-700">
            {t("c360.trends")}
          </h2>
          {c.bills.length === 0 ? (
            <Card>
              <EmptyState>{t("customer.noBills")}</EmptyState>
            </Card>
          ) : (
            <TrendCharts bills={c.bills} />
          )}
        </section>
      }
    />
  );
});
