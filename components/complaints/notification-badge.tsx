"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { markNotificationsReadAction } from "@/app/(app)/complaints/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";

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
    <ButtonLink href="/notifications" variant="ghost">
      {t("title")}
      {unread > 0 && (
        <span data-testid="unread-count" className="rounded-full bg-bad px-1.5 text-xs text-white tabular-nums">
          {unread >= 100 ? "99+" : unread}
        </span>
      )}
      {unread > 0 && <span className="sr-only">{t("unreadSuffix")}</span>}
    </ButtonLink>
  );
}

export function MarkAllRead() {
  const t = useTranslations("notifications");
  const { run, pending } = useAction(markNotificationsReadAction, { success: t("marked") });
  return (
    <Button pending={pending} onClick={() => void run("all")}>
      {t("markAllRead")}
    </Button>
  );
}
