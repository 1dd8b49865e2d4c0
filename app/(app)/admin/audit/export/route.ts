import { exportAuditEntries } from "@/lib/audit/queries";
import { auditFilterInput } from "@/lib/audit/schemas";
import { toCsv } from "@/lib/shared/csv";
import { csvResponse, route } from "@/lib/shared/route";

export const dynamic = "force-dynamic";

// CSV export of the audit viewer's current filter (formula-safe cells; the export is audited).
export const GET = route({ permission: "audit:read", query: auditFilterInput }, async ({ actor, query }) => {
  const rows = await exportAuditEntries(actor, query);
  const csv = toCsv(
    ["id", "at", "actor", "action", "entity", "entity_id", "ip", "data"],
    rows.map((r) => [r.id, r.at, r.actorName, r.action, r.entity, r.entityId, r.ip, r.data == null ? "" : JSON.stringify(r.data)]),
  );
  return csvResponse(csv, `audit-${new Date().toISOString().slice(0, 10)}.csv`);
});
