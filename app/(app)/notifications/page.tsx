import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { viewNotifications, type NotificationItem } from "@/lib/complaints/notifications";
import { Badge, Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { Pager } from "@/components/ui/data-table";
import { ComplaintLink } from "@/components/complaints/complaint-link";
import { MarkAllRead } from "@/components/complaints/notification-badge";
import { page } from "@/lib/shared/page";

const params = z.object({ cursor: z.string().max(200).optional().catch(undefined) });

// Viewing is reading: what this page shows is marked read as it is shown (lib/complaints/notifications.ts).
export default page(async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { cursor } = params.parse(await searchParams);
  const [t, format, { groups, nextCursor, unreadLeft }] = await Promise.all([getTranslations("notifications"), getFormatter(), viewNotifications(actor, { cursor })]);
  // Kinds are "complaint.<event>" (or "<domain>.<event>", nested in the catalogue under its domain).
  const text = (n: NotificationItem, no: string | null) => {
    const key = `kind.${n.kind.replace(/^complaint\./, "")}`;
    return t.has(key) ? t(key, { no: no ?? "", level: Number(n.data?.level ?? 0) }) : t("kindOther");
  };
  const newCount = groups.reduce((s, g) => s + g.items.filter((i) => i.isNew).length, 0);
  return (
    <div className="max-w-4xl space-y-3">
      <PageHeader
        title={t("title")}
        description={newCount > 0 ? t("newSinceLastVisit", { count: newCount }) : undefined}
        actions={unreadLeft > 0 && <MarkAllRead />}
      />
      {groups.length === 0 ? (
        <Card>
          <EmptyState>{t(cursor ? "emptyOlder" : "empty")}</EmptyState>
        </Card>
      ) : (
        groups.map((g) => {
          const fresh = g.items.filter((i) => i.isNew).length;
          return (
            <Section
              key={g.complaintId ?? "none"}
              id={`notifications-${g.complaintId ?? "none"}`}
              title={g.complaintId ? <ComplaintLink id={g.complaintId} no={g.complaintNo ?? ""} /> : t("noComplaint")}
              description={t("groupCount", { count: g.items.length })}
              actions={fresh > 0 && <Badge tone="brand">{t("newCount", { count: fresh })}</Badge>}
              flush
            >
              <ul className="divide-y divide-slate-100 text-sm">
                {g.items.map((n) => (
                  <li key={n.id} className="flex flex-wrap gap-x-3 gap-y-1 px-3.5 py-2">
                    <span className="w-32 shrink-0 text-xs tabular-nums text-slate-600">{format.dateTime(n.createdAt, { dateStyle: "short", timeStyle: "short" })}</span>
                    {n.isNew && <Badge tone="brand">{t("new")}</Badge>}
                    <span className={n.isNew ? "min-w-0 break-words font-medium" : "min-w-0 break-words text-slate-600"}>{text(n, g.complaintNo)}</span>
                  </li>
                ))}
              </ul>
            </Section>
          );
        })
      )}
      {(nextCursor || cursor) && (
        <Card>
          <Pager pager={{ next: nextCursor ? `/notifications?cursor=${encodeURIComponent(nextCursor)}` : undefined, first: cursor ? "/notifications" : undefined }} />
        </Card>
      )}
    </div>
  );
});
