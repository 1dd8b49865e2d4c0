import { getTranslations } from "next-intl/server";
import { exportAuditEntries } from "@/lib/audit/queries";
import { auditFilterInput } from "@/lib/audit/schemas";
import { describeAuditEntry } from "@/lib/audit/describe";
import type { Translate } from "@/lib/i18n/translate";
import { csvDateTime, toCsv } from "@/lib/shared/csv";
import { csvResponse, route } from "@/lib/shared/route";

export const dynamic = "force-dynamic";

// CSV export of the audit viewer's current filter, as the viewer reads it: headers, actions and
// details in the reader's language, times in Asia/Shanghai; the raw action code is kept in its own
// column for tools that filter on it. Formula-safe cells; the export is audited.
export const GET = route({ permission: "audit:read", query: auditFilterInput }, async ({ actor, query }) => {
  const rows = await exportAuditEntries(actor, query);
  const t = (await getTranslations()) as unknown as Translate;
  const csv = toCsv(
    [t("auditLog.csv.id"), t("admin.at"), t("admin.actor"), t("admin.action"), t("admin.entity"), t("admin.ip"), t("trust.auditData"), t("auditLog.csv.code")],
    rows.map((r) => {
      const d = describeAuditEntry(r, t);
      return [r.id, csvDateTime(r.at), r.actorName ?? t("auditLog.system"), d.action, d.record, r.ip, d.details.map((x) => `${x.label}: ${x.value}`).join("; "), r.action];
    }),
  );
  return csvResponse(csv, `audit-${csvDateTime(new Date()).slice(0, 10)}.csv`);
});
