"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { claimNextCallAction } from "@/app/(app)/calls/actions";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useAction } from "@/components/ui/use-action";
import { useShortcut } from "@/components/ui/use-shortcut";

/** "Next call" (shortcut N): claims the next due customer; says so when none is due or it is quiet hours. */
export function NextCallButton({ autoFocus }: { autoFocus?: boolean }) {
  const t = useTranslations("calls");
  const format = useFormatter();
  const [message, setMessage] = useState<string | null>(null);
  const claim = useAction(claimNextCallAction, {
    onSuccess: (r) => {
      if (r.state === "empty") setMessage(t("empty"));
      else if (r.state === "quietHours") setMessage(t("quietHours", { time: format.dateTime(new Date(r.resumesAt), { timeStyle: "short", timeZone: "Asia/Shanghai" }) }));
      else setMessage(r.state === "held" ? t("held") : null);
    },
  });
  const run = () => {
    if (!claim.pending) void claim.run(undefined);
  };
  useShortcut(["n", "N"], run);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="primary" pending={claim.pending} onClick={run} aria-keyshortcuts="N" autoFocus={autoFocus}>
        {t("next")}
        <span aria-hidden>
          <Kbd className="ml-1">N</Kbd>
        </span>
      </Button>
      <p role="status" className="text-sm text-slate-600">
        {claim.error ?? message ?? t("nextHint")}
      </p>
    </div>
  );
}
