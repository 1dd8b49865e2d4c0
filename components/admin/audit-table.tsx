import { getTranslations } from "next-intl/server";
import { DataTable, type DataColumn, type KeysetPager } from "@/components/ui/data-table";
import { describeAuditEntry, type AuditTranslate } from "@/lib/audit/describe";
import type { AuditRow } from "@/lib/audit/queries";

/**
 * Audit entries, newest first: the overview's latest entries and the audit viewer (with details).
 * A server component: each entry is described in the reader's language (lib/audit/describe.ts),
 * the action as a sentence, the record by its name and the data as a field list.
 */
export async function AuditTable({
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
  const t = (await getTranslations()) as unknown as AuditTranslate;
  const columns: DataColumn[] = [
    { id: "at", header: t("admin.at"), format: "datetime", nowrap: true },
    { id: "actorName", header: t("admin.actor") },
    { id: "action", header: t("admin.action") },
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
        const d = describeAuditEntry(r, t);
        return {
          id: r.id,
          at: r.at,
          actorName: r.actorName ?? t("auditLog.system"),
          action: <span title={r.action}>{d.action}</span>,
          entity: d.record,
          ip: r.ip,
          data: d.details.length ? (
            <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
              {d.details.map((x, i) => (
                <div key={i} className="contents">
                  <dt className="text-slate-500">{x.label}</dt>
                  <dd className="break-words text-slate-700">{x.value}</dd>
                </div>
              ))}
            </dl>
          ) : null,
        };
      })}
    />
  );
}
