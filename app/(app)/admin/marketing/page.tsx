import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { loadMarketingSettings } from "@/lib/marketing/settings";
import { getLocalMailbox, getOutboxHealth, HEALTH_DAYS } from "@/lib/messaging/outbox-queries";
import { Alert, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Stat } from "@/components/ui/stat";
import { MarketingSettingsForm } from "@/components/marketing/settings-form";
import { DispatchNowButton } from "@/components/marketing/dispatch-button";
import { page } from "@/lib/shared/page";

// Contact rules and the outbox (issue 22): what every campaign and automation rule obeys, how the
// messages are doing, and in the demo the local mailbox the e-mails land in.
export default page(async function MarketingAdminPage() {
  const actor = await requireActor();
  assertCan(actor, "marketing:configure");
  const t = await getTranslations("marketing");
  const locale = await getLocale();
  const [settings, health, mailbox] = await Promise.all([loadMarketingSettings(), getOutboxHealth(actor), getLocalMailbox(actor)]);
  const { version, ...rules } = settings;
  const n = (x: number) => x.toLocaleString(locale);
  const statuses = ["QUEUED", "SENT", "DELIVERED", "FAILED", "SUPPRESSED"] as const;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />

      <Section title={t("form.title")} description={t("form.description")} id="rules">
        <MarketingSettingsForm settings={rules} version={version} />
      </Section>

      <Section title={t("outbox.title")} description={t("outbox.description")} id="outbox" actions={<DispatchNowButton />}>
        <div className="space-y-3">
          {!rules.gatewayUrl && <Alert tone="warning">{t("outbox.noGateway")}</Alert>}
          {health.waitingForGateway > 0 && <Alert tone="warning">{t("outbox.waiting", { n: health.waitingForGateway })}</Alert>}
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <Stat label={t("outbox.queued")} value={n(health.queued)} />
            <Stat label={t("outbox.due")} value={n(health.due)} />
            <Stat label={t("outbox.waitingGateway")} value={n(health.waitingForGateway)} />
          </div>
          <DataTable
            label={t("outbox.countsLabel", { days: HEALTH_DAYS })}
            dense
            columns={[{ id: "channel", header: t("outbox.channel"), format: { enum: "campaignChannel" } }, ...statuses.map((s) => ({ id: s, header: t(`outbox.status.${s}`), format: "integer" as const }))]}
            rows={health.counts.map((c) => ({ id: c.channel, channel: c.channel, ...c.byStatus }))}
          />
          <p className="text-xs text-slate-600">{t("outbox.countsHint", { days: HEALTH_DAYS })}</p>
        </div>
      </Section>

      <Section title={t("failures.title")} id="failures" flush>
        <DataTable
          label={t("failures.title")}
          dense
          empty={t("failures.empty")}
          columns={[
            { id: "at", header: t("failures.at"), format: "datetime" },
            { id: "channel", header: t("outbox.channel"), format: { enum: "campaignChannel" } },
            { id: "recipient", header: t("failures.recipient") },
            { id: "attempts", header: t("failures.attempts"), format: "integer" },
            { id: "error", header: t("failures.error"), format: "code" },
          ]}
          rows={health.failures.map((f) => ({ id: f.id, at: f.at, channel: f.channel, recipient: f.recipient, attempts: f.attempts, error: f.error }))}
        />
      </Section>

      {mailbox && (
        <Section title={t("mailbox.title")} description={t("mailbox.description")} id="mailbox" flush>
          <DataTable
            label={t("mailbox.title")}
            dense
            empty={t("mailbox.empty")}
            columns={[
              { id: "receivedAt", header: t("mailbox.receivedAt"), format: "datetime", nowrap: true },
              { id: "to", header: t("mailbox.to") },
              { id: "subject", header: t("mailbox.subject") },
              { id: "body", header: t("mailbox.body") },
            ]}
            rows={mailbox.map((m) => ({
              id: m.id,
              receivedAt: m.receivedAt,
              to: m.to,
              subject: m.subject,
              body: <span className="block max-w-xl whitespace-pre-wrap break-words">{m.body}</span>,
            }))}
          />
        </Section>
      )}
    </div>
  );
});
