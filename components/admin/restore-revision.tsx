"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { restoreRevisionAction } from "@/app/(app)/admin/history/actions";

/** Restores the state a revision holds, as a new version, after asking. */
export function RestoreRevision({ revisionId, label }: { revisionId: string; label: string }) {
  const t = useTranslations("history");
  const { run, pending, error } = useAction(restoreRevisionAction, { success: t("restored") });
  return (
    <div className="space-y-2">
      <ConfirmDialog
        trigger={<Button variant="primary">{t("restore")}</Button>}
        title={t("restoreTitle", { what: label })}
        description={t("restoreHint")}
        confirmLabel={t("restore")}
        pending={pending}
        onConfirm={() => void run({ revisionId })}
      />
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
    </div>
  );
}
