"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { splitMinutes } from "@/lib/complaints/complaint-clocks";
import { Badge } from "@/components/ui/card";
import { SLA_TONE } from "@/components/complaints/sla-state";

export function useDuration() {
  const t = useTranslations("complaints");
  return (minutes: number) => {
    const p = splitMinutes(minutes);
    if (p.days) return t("duration.dhm", { d: p.days, h: p.hours, m: p.minutes });
    if (p.hours) return t("duration.hm", { h: p.hours, m: p.minutes });
    return t("duration.m", { m: p.minutes });
  };
}

/**
 * A clock's state and remaining business time. Counting clocks on a 24/7 calendar tick down every
 * second on the client; others show the server's figure (the page refreshes itself every minute).
 */
export function SlaBadge({ status, remainingMinutes, ticks, label }: { status: string; remainingMinutes: number | null; ticks: boolean; label?: string }) {
  const t = useTranslations("complaints");
  const fmt = useDuration();
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  const running = ticks && (status === "ON_TRACK" || status === "AT_RISK" || status === "BREACHED");
  useEffect(() => {
    if (!running) return;
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, [running]);
  const left = remainingMinutes === null ? null : running ? remainingMinutes - (now - start) / 60_000 : remainingMinutes;
  // A counting clock that runs out while the page is open turns red; a stopped one keeps its state
  // (a resolution after the deadline is "Met late", not "Breached · overdue").
  const shown = left !== null && left < 0 && (status === "ON_TRACK" || status === "AT_RISK") ? "BREACHED" : status;
  return (
    <Badge tone={SLA_TONE[shown] ?? "neutral"} className="gap-1 tabular-nums">
      {label && <span className="font-medium">{label}</span>}
      <span>{t(`sla.${shown}`)}</span>
      {left !== null && shown !== "MET" && shown !== "MET_LATE" && shown !== "NONE" && <span>· {left >= 0 ? t("remaining", { time: fmt(left) }) : t("overdue", { time: fmt(-left) })}</span>}
    </Badge>
  );
}

/** Re-renders the server page periodically so clocks on business calendars stay current. */
export function AutoRefresh({ seconds = 60 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const h = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(h);
  }, [router, seconds]);
  return null;
}
