"use client";

import { useTranslations } from "next-intl";
import { DataTable, type DataColumn, type KeysetPager } from "@/components/ui/data-table";
import type { AuditRow } from "@/lib/audit/queries";

/** Audit entries, newest first: the overview's latest entries and the audit viewer (with details). */
export function AuditTable({
  rows,
  details,
  empty,
  pager,
}: {
  rows: Array<AuditRow & { data?: unknown }>;
  details?: boolean;
  empty: string;
  pager?: KeysetPager;
}) {
  const t = useTranslations();
  const columns: DataColumn[] = [
    { id: "at", header: t("admin.at"), format: "datetime", nowrap: true },
    { id: "actorName", header: t("admin.actor") },
    { id: "action", header: t("admin.action"), format: "code" },
    { id: "entity", header: t("admin.entity") },
    { id: "ip", header: t("admin.ip"), nowrap: true },
    ...(details ? [{ id: "data", header: t("trust.auditData") }] : []),
  ];
  return (
    <DataTable
      label={t("admin.recentAudit")}
      columns={columns}
      empty={empty}
      pager={pager}
      rows={rows.map((r) => {
        const data = r.data == null ? null : JSON.stringify(r.data);
        return {
          id: r.id,
          at: r.at,
          actorName: r.actorName,
          action: r.action,
          entity: r.entityId ? `${r.entity} #${r.entityId}` : r.entity,
          ip: r.ip,
          data: data && (
            <span className="block max-w-md truncate text-xs text-slate-500" title={data}>
              {data}
            </span>
          ),
        };
      })}
    />
  );
}
