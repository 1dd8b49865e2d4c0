import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listNotifications } from "@/lib/complaints/queries";
import { MarkAllRead } from "@/components/complaints/notification-badge";

export default async function NotificationsPage() {
  const actor = await requireActor();
  const t = await getTranslations("notifications");
  const locale = await getLocale();
  const rows = await listNotifications(actor);
  // Kinds are "complaint.<event>"; message keys cannot contain dots, so the event names the message.
  const text = (n: (typeof rows)[number]) => {
    const key = `kind.${n.kind.replace(/^complaint\./, "")}`;
    return t.has(key) ? t(key, { no: n.complaintNo ?? "", level: Number(n.data?.level ?? 0) }) : n.kind;
  };
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {rows.some((r) => !r.readAt) && <MarkAllRead />}
      </div>
      <section className="card">
        {rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {rows.map((n) => (
              <li key={n.id} className={`flex gap-3 px-3 py-2 ${n.readAt ? "text-slate-500" : ""}`}>
                <span className="w-36 shrink-0 text-xs tabular-nums">{n.createdAt.toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" })}</span>
                {!n.readAt && <span className="rounded bg-brand-50 px-1.5 text-xs text-brand-700">{t("unread")}</span>}
                {n.complaintId ? (
                  <Link href={`/complaints/${n.complaintId}`} className="text-brand-700 hover:underline">
                    {text(n)}
                  </Link>
                ) : (
                  <span>{text(n)}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
