"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { reverseAccountEntryAction } from "@/app/(app)/customers/[id]/actions";
import { useAction } from "@/components/ui/use-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/inputs";
import { Alert } from "@/components/ui/card";

/** A manager's reversal of one account entry: a counter-entry, with the reason (irreversible: it asks). */
export function ReverseEntryDialog({ entryId, label }: { entryId: string; label: string }) {
  const t = useTranslations("membership.reverse");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { run, pending, error, fieldError } = useAction(reverseAccountEntryAction, { success: t("done"), onSuccess: () => setOpen(false) });
  const id = `rev-${entryId}`;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      size="sm"
      title={t("title")}
      description={t("description", { entry: label })}
      trigger={
        <Button size="sm" variant="ghost" aria-label={t("buttonFor", { entry: label })}>
          {t("button")}
        </Button>
      }
    >
      <form
        id={`${id}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          void run({ entryId, reason });
        }}
        className="space-y-3"
      >
        {error && <Alert tone="error">{error}</Alert>}
        <Field id={`${id}-reason`} label={t("reason")} error={fieldError("reason")} required>
          <TextArea name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} required />
        </Field>
        <DialogFooter submitLabel={t("confirm")} form={`${id}-form`} variant="danger" pending={pending} />
      </form>
    </Dialog>
  );
}
