import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ApiClientRow } from "@/lib/api/clients/queries";
import { Badge } from "@/components/ui/card";
import { DataTable, type DataColumn } from "@/components/ui/data-table";

// The registered API clients (issue 25): name (to its page), owner, team, scopes, channel, rate
// limit, active tokens, last use and status; a deactivated owner shows, since it stops the client.

export async function ApiClientTable({ clients }: { clients: ApiClientRow[] }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const columns: DataColumn[] = [
    { id: "name", header: t("apiClients.col.name") },
    { id: "owner", header: t("apiClients.col.owner") },
    { id: "team", header: t("apiClients.col.team") },
    { id: "scopes", header: t("apiClients.col.scopes") },
    { id: "channel", header: t("apiClients.col.channel") },
    { id: "rateLimit", header: t("apiClients.col.rateLimit"), format: "integer" },
    { id: "tokens", header: t("apiClients.col.tokens"), format: "integer" },
    { id: "lastUsed", header: t("apiClients.col.lastUsed"), format: "datetime", nowrap: true },
    { id: "status", header: t("apiClients.col.status") },
  ];
  const rows = clients.map((c) => ({
    id: c.id,
    name: (
      <Link href={`/admin/api/clients/${c.id}`} className="font-medium text-brand-700 hover:underline">
        {c.name}
      </Link>
    ),
    owner: `${c.ownerName} (${c.ownerUsername})`,
    team: c.teamId === null ? t("apiClients.allTeams") : ((locale === "en" ? c.teamNameEn : c.teamNameZh) ?? ""),
    scopes: <span className="font-mono text-xs">{c.scopes.join(" ")}</span>,
    channel: t(`enums.channel.${c.channel}`),
    rateLimit: c.rateLimitPerMinute,
    tokens: c.activeTokens,
    lastUsed: c.lastUsedAt,
    status: (
      <ClientStatus
        disabled={c.disabledAt !== null}
        ownerActive={c.ownerActive}
        labels={{ active: t("apiClients.status.active"), disabled: t("apiClients.status.disabled"), ownerInactive: t("apiClients.status.ownerInactive") }}
      />
    ),
  }));
  return <DataTable label={t("apiClients.list")} columns={columns} rows={rows} empty={t("apiClients.empty")} />;
}

export function ClientStatus({
  disabled,
  ownerActive,
  labels,
}: {
  disabled: boolean;
  ownerActive: boolean;
  labels: { active: string; disabled: string; ownerInactive: string };
}) {
  if (disabled) return <Badge tone="paused">{labels.disabled}</Badge>;
  if (!ownerActive) return <Badge tone="bad">{labels.ownerInactive}</Badge>;
  return <Badge tone="ok">{labels.active}</Badge>;
}
