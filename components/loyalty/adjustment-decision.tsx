"use client";

import { useTranslations } from "next-intl";
import { decideAdjustmentAction } from "@/app/(app)/loyalty/actions";
import { useAction } from "@/components/ui/use-action";
import { Button } from "@/components/ui/button";

/** Approve or reject one pending adjustment (with the version the manager saw). */
export function AdjustmentDecision({ adjustmentId, version, label }: { adjustmentId: number; version: number; label: string }) {
  const t = useTranslations("loyalty.approvals");
  const { run, pending, error } = useAction(decideAdjustmentAction, { success: t("decided") });
  return (
    <span className="flex items-center gap-2">
      <Button
        size="sm"
        variant="primary"
        pending={pending}
        aria-label={t("approveNamed", { what: label })}
        onClick={() => void run({ adjustmentId, version, approve: true })}
      >
        {t("approve")}
      </Button>
      <Button size="sm" pending={pending} aria-label={t("rejectNamed", { what: label })} onClick={() => void run({ adjustmentId, version, approve: false })}>
        {t("reject")}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      )}
    </span>
  );
}
