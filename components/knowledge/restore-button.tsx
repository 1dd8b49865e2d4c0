"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { restoreRevisionAction } from "@/app/(app)/knowledge/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";

/** Restores an old revision as a new one (asks first; the current text stays in the history). */
export function RestoreButton({ articleId, revision, version }: { articleId: number; revision: number; version: number }) {
  const t = useTranslations("knowledge.revisions");
  const [open, setOpen] = useState(false);
  const restore = useAction(restoreRevisionAction, { success: t("restored"), onSuccess: () => setOpen(false) });
  return (
    <>
      {restore.error && <span className="text-xs text-bad">{restore.error}</span>}
      <Button size="sm" pending={restore.pending} onClick={() => setOpen(true)}>
        {t("restore", { revision })}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("restoreTitle", { revision })}
        description={t("restoreText", { revision })}
        confirmLabel={t("restore", { revision })}
        pending={restore.pending}
        onConfirm={() => restore.run({ articleId, revision, version })}
      />
    </>
  );
}
