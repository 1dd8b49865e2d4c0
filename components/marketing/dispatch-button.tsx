"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import { dispatchOutboxNowAction } from "@/app/(app)/admin/marketing/actions";

/** Runs one dispatch pass now instead of waiting for the every-minute job. */
export function DispatchNowButton() {
  const t = useTranslations("marketing.outbox");
  const { run, pending, error } = useAction(dispatchOutboxNowAction, {
    success: (r) => t("dispatched", { sent: r.sent, retried: r.retried, failed: r.failed, suppressed: r.suppressed, waiting: r.waiting, deferred: r.deferred }),
  });
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" size="sm" pending={pending} onClick={() => run(undefined)}>
        {t("dispatchNow")}
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
