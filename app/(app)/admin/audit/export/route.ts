import { getActor } from "@/lib/auth/current-actor";
import { exportAuditEntries } from "@/lib/audit/queries";
import { auditFilterInput } from "@/lib/audit/schemas";
import { toCsv } from "@/lib/shared/csv";
import { toActionError } from "@/lib/shared/action-result";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { unauthenticated: 401, forbidden: 403, notFound: 404 };

// CSV export of the audit viewer's current filter (formula-safe cells; the export is audited).
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  const filter = auditFilterInput.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const rows = await exportAuditEntries(actor, filter);
    const csv = toCsv(
      ["id", "at", "actor", "action", "entity", "entity_id", "ip", "data"],
      rows.map((r) => [r.id, r.at, r.actorName, r.action, r.entity, r.entityId, r.ip, r.data == null ? "" : JSON.stringify(r.data)]),
    );
    return new Response(csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`, "Cache-Control": "no-store" },
    });
  } catch (e) {
    const r = toActionError(e);
    return new Response(r.error, { status: STATUS[r.error] ?? 500 });
  }
}
