"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { revealPiiAction } from "@/app/(app)/customers/[id]/actions";
import type { PiiField } from "@/lib/customers/schemas";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/**
 * Reveal one PII value (roles with customer:revealPii). Asks for a reason; the clear value lives
 * only in this dialog's state and is dropped when the dialog closes.
 */
export function RevealPiiButton({ customerId, field, lineId, fieldLabel }: { customerId: number; field: PiiField; lineId?: number; fieldLabel: string }) {
  const t = useTranslations("c360");
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const { run, pending, error, fieldError, reset } = useAction(revealPiiAction, { refresh: false, onSuccess: (d) => setValue(d.value) });
  const title = t("revealField", { field: fieldLabel });
  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setValue(null);
      reset();
    }
  }
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="sm"
      title={title}
      description={value === null ? t("revealNotice") : undefined}
      trigger={
        <Button variant="link" className="ml-1.5 text-xs" aria-label={title}>
          {t("reveal")}
        </Button>
      }
      footer={
        value === null ? (
          <DialogFooter submitLabel={t("revealSubmit")} form={formId} pending={pending} cancelLabel={t("close")} />
        ) : (
          <div className="mt-4 flex justify-end">
            <DialogClose asChild>
              <Button autoFocus>{t("close")}</Button>
            </DialogClose>
          </div>
        )
      }
    >
      {value === null ? (
        <form
          id={formId}
          noValidate
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run({ customerId, field, lineId, reason: String(new FormData(e.currentTarget).get("reason") ?? "") });
          }}
        >
          {error && !fieldError("reason") && <Alert tone="error">{error}</Alert>}
          <Field id={`${formId}-reason`} label={t("revealReason")} error={fieldError("reason") && t("revealReasonTooShort")} required>
            <TextArea name="reason" rows={2} maxLength={300} />
          </Field>
        </form>
      ) : (
        <p className="text-sm">
          <span className="text-slate-500">{fieldLabel}: </span>
          <output className="font-medium tabular-nums" aria-label={t("revealedValue")}>
            {value}
          </output>
        </p>
      )}
    </Dialog>
  );
}
