import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { CALLS_CAP, getApiClient, listApiClientChoices } from "@/lib/api/clients/queries";
import { ButtonLink } from "@/components/ui/button";
import { Alert, PageHeader, Section } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { ClientEnabledButton, EditClientForm, IssueTokenForm, RotateSecretButton } from "@/components/api/client-forms";
import { ClientStatus } from "@/components/api/client-table";
import { TokenTable } from "@/components/api/token-table";
import { page } from "@/lib/shared/page";

// One API client (issue 25): its credentials (rotate the secret, shown once), settings (version-
// checked), tokens (issue one, shown once; revoke), usage, and disable / enable. A deactivated owner
// stops the client (decision 034): the page says so first.
const params = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export default page(async function ApiClientPage(props: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const [c, choices, t, locale, format] = await Promise.all([
    getApiClient(actor, parsed.data.id),
    listApiClientChoices(actor),
    getTranslations("apiClients"),
    getLocale(),
    getFormatter(),
  ]);
  const owners = choices.owners.map((u) => ({ id: u.id, label: `${u.displayName} (${u.username})` }));
  // The current owner stays choosable while deactivated, so the form shows who it is.
  if (!c.ownerActive) owners.unshift({ id: c.ownerId, label: `${c.ownerName} (${c.ownerUsername})` });
  const teams = choices.teams.map((tm) => ({ id: tm.id, name: locale === "en" ? tm.nameEn : tm.nameZh }));
  const disabled = c.disabledAt !== null;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader
        title={c.name}
        description={c.description ?? undefined}
        actions={
          <>
            <ClientStatus
              disabled={disabled}
              ownerActive={c.ownerActive}
              labels={{ active: t("status.active"), disabled: t("status.disabled"), ownerInactive: t("status.ownerInactive") }}
            />
            <ButtonLink href="/admin/api" variant="link">
              {t("back")}
            </ButtonLink>
          </>
        }
      />
      {!c.ownerActive && <Alert tone="warning">{t("ownerInactiveWarning", { name: `${c.ownerName} (${c.ownerUsername})` })}</Alert>}
      {disabled && <Alert tone="warning">{t("disabledWarning")}</Alert>}
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("credentials")} id="credentials">
          <div className="space-y-3">
            <div>
              <p className="text-xs font-medium text-slate-700">{t("clientId")}</p>
              <code className="break-all font-mono text-sm">{c.clientKey}</code>
            </div>
            <p className="text-xs text-slate-500">{t("credentialsHint")}</p>
            <RotateSecretButton clientId={c.id} version={c.version} />
          </div>
        </Section>
        <Section title={t("usage")} id="usage">
          <div className="grid grid-cols-2 gap-3">
            <Stat
              label={t("calls24h")}
              value={c.callsLast24h >= CALLS_CAP ? t("callsCapped", { n: format.number(CALLS_CAP) }) : format.number(c.callsLast24h)}
            />
            <Stat label={t("col.lastUsed")} value={when(c.lastUsedAt)} />
            <Stat label={t("createdAt")} value={when(c.createdAt)} />
            <Stat label={t("col.tokens")} value={format.number(c.activeTokens)} />
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <ButtonLink href={`/admin/audit?actor=${encodeURIComponent(`api:${c.name}`)}`} variant="link">
              {t("auditLink")}
            </ButtonLink>
            <div className="ml-auto">
              <ClientEnabledButton clientId={c.id} version={c.version} disabled={disabled} />
            </div>
          </div>
        </Section>
      </div>
      <Section title={t("tokens")} id="tokens" description={t("issueHint")}>
        <div className="space-y-3">
          <IssueTokenForm clientId={c.id} disabled={disabled} />
          <TokenTable clientId={c.id} tokens={c.tokens} />
        </div>
      </Section>
      <Section title={t("settings")} id="settings">
        <EditClientForm
          client={{
            id: c.id,
            version: c.version,
            name: c.name,
            description: c.description,
            ownerId: c.ownerId,
            teamId: c.teamId,
            scopes: c.scopes,
            rateLimitPerMinute: c.rateLimitPerMinute,
            channel: c.channel,
          }}
          owners={owners}
          teams={teams}
        />
      </Section>
    </div>
  );
});
