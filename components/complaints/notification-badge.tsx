"use client";

import { useEffect, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { markNotificationsReadAction } from "@/app/(app)/complaints/actions";

/** The header's unread badge: polls a tiny route every 20 s (and on focus), no reload needed. */
export function NotificationBadge() {
  const t = useTranslations("notifications");
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let alive = true;
    const poll = async () => {
      try {
        const r = await fetch("/api/notifications/unread", { cache: "no-store" });
        if (r.ok && alive) setUnread(((await r.json()) as { unread: number }).unread);
      } catch {
        // Offline for a moment: keep the last count.
      }
    };
    poll();
    const h = setInterval(poll, 20_000);
    window.addEventListener("focus", poll);
    return () => {
      alive = false;
      clearInterval(h);
      window.removeEventListener("focus", poll);
    };
  }, []);
  return (
    <Link href="/notifications" aria-label={t("badge", { n: unread })} className="relative rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
      {t("title")}
      {unread > 0 && (
        <span data-testid="unread-count" className="ml-1 rounded-full bg-bad px-1.5 text-xs text-white tabular-nums">
          {unread >= 100 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}

export function MarkAllRead() {
  const t = useTranslations("notifications");
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
      onClick={() =>
        start(async () => {
          await markNotificationsReadAction("all");
          router.refresh();
        })
      }
    >
      {t("markAllRead")}
    </button>
  );
}
