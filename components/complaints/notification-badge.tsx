"use client";

import { useEffect, useState } from "react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { markNotificationsReadAction } from "@/app/(app)/complaints/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";

/** Sent when notifications were read here (mark all read), so the badge re-counts at once. */
const CHANGED = "crm:notifications-read";

/**
 * The header's unread badge: polls a tiny route every 20 s, on focus, on every navigation (opening
 * a complaint or the notifications page reads them) and when "mark all read" succeeds.
 */
export function NotificationBadge() {
  const t = useTranslations("notifications");
  const path = usePathname();
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
    window.addEventListener(CHANGED, poll);
    return () => {
      alive = false;
      clearInterval(h);
      window.removeEventListener("focus", poll);
      window.removeEventListener(CHANGED, poll);
    };
  }, [path]);
  return (
    // No prefetch: rendering the page marks what it shows read, which only a visit should do.
    <ButtonLink href="/notifications" variant="ghost" prefetch={false}>
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
  const { run, pending } = useAction(markNotificationsReadAction, { success: t("marked"), onSuccess: () => window.dispatchEvent(new Event(CHANGED)) });
  return (
    <Button pending={pending} onClick={() => void run("all")}>
      {t("markAllRead")}
    </Button>
  );
}
