"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { claimFollowUpAction, completeFollowUpAction } from "@/app/(app)/follow-ups/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/** Claim / complete one follow-up; the version the page loaded travels with each action. */
export function FollowUpActions({ id, version, claimedByMe, customerLabel }: { id: number; version: number; claimedByMe: boolean; customerLabel: string }) {
  const t = useTranslations("surveys.followUps");
  const [open, setOpen] = useState(false);
  const claim = useAction(claimFollowUpAction, { success: t("claimed") });
  const complete = useAction(completeFollowUpAction, { success: t("completed"), onSuccess: () => setOpen(false) });
  const formId = `complete-${id}`;
  return (
    <div className="flex flex-wrap items-center gap-1">
      {!claimedByMe && (
        <Button size="sm" pending={claim.pending} onClick={() => claim.run({ id, version })} >
          {t("claim")}
          <span className="sr-only">{t("forCustomer", { customer: customerLabel })}</span>
        </Button>
      )}
      <Dialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (!o) complete.reset();
        }}
        trigger={
          <Button size="sm">
            {t("complete")}
            <span className="sr-only">{t("forCustomer", { customer: customerLabel })}</span>
          </Button>
        }
        title={t("completeFor", { customer: customerLabel })}
        footer={<DialogFooter form={formId} submitLabel={t("markDone")} pending={complete.pending} />}
      >
        <form
          id={formId}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void complete.run({ id, version, outcome: new FormData(e.currentTarget).get("outcome") });
          }}
        >
          {complete.error && !complete.fieldError("outcome") && (
            <Alert tone="error" className="mb-2">
              {complete.error}
            </Alert>
          )}
          <Field id={`outcome-${id}`} label={t("outcome")} hint={t("outcomeHint")} error={complete.fieldError("outcome")} required>
            <TextArea name="outcome" rows={4} maxLength={2000} />
          </Field>
        </form>
      </Dialog>
      {claim.error && (
        <span role="alert" className="w-full text-xs text-bad">
          {claim.error}
        </span>
      )}
    </div>
  );
}
