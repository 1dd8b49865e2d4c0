import { getTranslations } from "next-intl/server";
import type { ApiTokenRow } from "@/lib/api/clients/queries";
import { Badge } from "@/components/ui/card";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { RevokeTokenButton } from "@/components/api/client-forms";

// A client's tokens by their prefix (the token itself was shown once): kind, label, dates, who
// issued it, its state, and Revoke while it is active.
export async function TokenTable({ clientId, tokens }: { clientId: number; tokens: ApiTokenRow[] }) {
  const t = await getTranslations();
  const columns: DataColumn[] = [
    { id: "prefix", header: t("apiClients.col.token") },
    { id: "kind", header: t("apiClients.col.kind") },
    { id: "label", header: t("apiClients.col.label") },
    { id: "createdAt", header: t("apiClients.col.createdAt"), format: "datetime", nowrap: true },
    { id: "expiresAt", header: t("apiClients.col.expiresAt"), format: "datetime", nowrap: true },
    { id: "lastUsed", header: t("apiClients.col.lastUsed"), format: "datetime", nowrap: true },
    { id: "createdBy", header: t("apiClients.col.createdBy") },
    { id: "state", header: t("apiClients.col.state") },
    { id: "actions", header: <span className="sr-only">{t("apiClients.col.actions")}</span>, align: "right" },
  ];
  const rows = tokens.map((tk) => {
    const state = tk.state;
    return {
      id: tk.id,
      prefix: <code className="font-mono text-xs">{`${tk.prefix}…`}</code>,
      kind: t(`enums.apiTokenKind.${tk.kind}`),
      label: tk.label,
      createdAt: tk.createdAt,
      expiresAt: tk.expiresAt,
      lastUsed: tk.lastUsedAt,
      createdBy: tk.createdByName,
      state: <Badge tone={state === "active" ? "ok" : "paused"}>{t(`apiClients.tokenState.${state}`)}</Badge>,
      actions: state === "active" ? <RevokeTokenButton clientId={clientId} tokenId={tk.id} prefix={`${tk.prefix}…`} /> : null,
    };
  });
  return <DataTable label={t("apiClients.tokens")} columns={columns} rows={rows} empty={t("apiClients.noTokens")} />;
}
