"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { requestAdjustmentAction } from "@/app/(app)/loyalty/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";

/** A points adjustment with its reason: posted within the requester's limit, else sent to a manager. */
export function AdjustDialog({ customerId }: { customerId: number }) {
  const t = useTranslations("loyalty.panel");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen} title={t("adjustTitle")} description={t("adjustHint")} trigger={<Button size="sm">{t("adjust")}</Button>}>
      <ActionForm
        action={requestAdjustmentAction}
        success={(d: { status: string }) => (d.status === "APPROVED" ? t("adjusted") : t("adjustPending"))}
        onSuccess={() => setOpen(false)}
        className="space-y-3"
      >
        {({ pending, fieldError }) => (
          <>
            <input type="hidden" name="customerId" value={customerId} />
            <Field id="adjust-points" label={t("adjustPoints")} hint={t("adjustPointsHint")} error={fieldError("points")} required>
              <TextInput name="points" type="number" step={1} inputMode="numeric" counter={false} />
            </Field>
            <Field id="adjust-reason" label={t("reason")} error={fieldError("reason")} required>
              <TextArea name="reason" maxLength={500} />
            </Field>
            <DialogFooter submitLabel={t("adjustConfirm")} pending={pending} />
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}
