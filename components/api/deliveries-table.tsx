import { getTranslations } from "next-intl/server";
import { DataTable, type DataColumn, type KeysetPager } from "@/components/ui/data-table";
import { Badge, type BadgeTone } from "@/components/ui/card";
import { ReplayDeadButton, ReplayDeliveryButton, type ReplayLabels } from "@/components/api/delivery-replay";
import type { DeliveryLogRow } from "@/lib/api/hub/delivery-queries";

const TONE: Record<DeliveryLogRow["status"], BadgeTone> = { PENDING: "warn", DELIVERED: "ok", DEAD: "bad" };

/** The /hub delivery log (newest first): what was sent where, how it went, and Replay. */
export async function DeliveriesTable({ rows, empty, pager }: { rows: DeliveryLogRow[]; empty: React.ReactNode; pager: KeysetPager }) {
  const t = await getTranslations("hubDeliveries");
  const labels: ReplayLabels = {
    replay: t("replay"),
    replayName: t("replayName", { id: "{id}" }),
    replayed: t("replayed"),
    replayDead: t("replayDead"),
    replayDeadName: t("replayDeadName", { id: "{id}" }),
    replayedDead: t("replayedDead", { count: "{count}" }),
  };
  const columns: DataColumn[] = [
    { id: "createdAt", header: t("createdAt"), format: "datetime", nowrap: true },
    { id: "status", header: t("status") },
    { id: "eventType", header: t("eventType"), format: "code" },
    { id: "entity", header: t("entity"), nowrap: true },
    { id: "listener", header: t("listener") },
    { id: "attempts", header: t("attempts"), format: "integer" },
    { id: "last", header: t("last") },
    { id: "when", header: t("when"), format: "datetime", nowrap: true },
    { id: "actions", header: <span className="sr-only">{t("actions")}</span> },
  ];
  return (
    <DataTable
      label={t("title")}
      columns={columns}
      empty={empty}
      pager={pager}
      rows={rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt,
        status: <Badge tone={TONE[r.status]}>{t(`statuses.${r.status}`)}</Badge>,
        eventType: r.eventType,
        entity: <span>{t(r.entity === "customer" ? "customerRef" : "ticketRef", { id: r.entityId })}</span>,
        listener: (
          <span className="flex flex-col">
            <span className="font-mono text-xs">{r.callbackHost}</span>
            <span className="text-xs text-slate-500">
              {r.clientName} · #{r.subscriptionId}
              {r.subscriptionDeleted ? ` · ${t("deleted")}` : ""}
            </span>
          </span>
        ),
        attempts: r.attempts,
        last: r.lastStatusCode || r.lastError ? <span className="break-words text-xs">{[r.lastStatusCode, r.lastError].filter(Boolean).join(" · ")}</span> : null,
        when: r.status === "DELIVERED" ? r.deliveredAt : r.status === "PENDING" ? r.nextAttemptAt : null,
        actions:
          r.status !== "PENDING" && !r.subscriptionDeleted ? (
            <span className="flex flex-wrap gap-1">
              <ReplayDeliveryButton deliveryId={r.id} labels={labels} />
              {r.status === "DEAD" && <ReplayDeadButton subscriptionId={r.subscriptionId} labels={labels} />}
            </span>
          ) : null,
      }))}
    />
  );
}
