import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listNotifications } from "@/lib/complaints/queries";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ComplaintLink } from "@/components/complaints/complaint-link";
import { MarkAllRead } from "@/components/complaints/notification-badge";
import { page } from "@/lib/shared/page";

export default page(async function NotificationsPage() {
  const actor = await requireActor();
  const [t, format, rows] = await Promise.all([getTranslations("notifications"), getFormatter(), listNotifications(actor)]);
  // Kinds are "complaint.<event>" (or "<domain>.<event>", nested in the catalogue under its domain).
  const text = (n: (typeof rows)[number]) => {
    const key = `kind.${n.kind.replace(/^complaint\./, "")}`;
    return t.has(key) ? t(key, { no: n.complaintNo ?? "", level: Number(n.data?.level ?? 0) }) : n.kind;
  };
  return (
    <div className="space-y-3">
      <PageHeader title={t("title")} actions={rows.some((r) => !r.readAt) && <MarkAllRead />} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {rows.map((n) => (
              <li key={n.id} className={n.readAt ? "flex gap-3 px-3 py-2 text-slate-500" : "flex gap-3 px-3 py-2"}>
                <span className="w-36 shrink-0 text-xs tabular-nums">{format.dateTime(n.createdAt, { dateStyle: "short", timeStyle: "short" })}</span>
                {!n.readAt && <Badge tone="brand">{t("unread")}</Badge>}
                {n.complaintId ? <ComplaintLink id={n.complaintId}>{text(n)}</ComplaintLink> : <span>{text(n)}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
});
