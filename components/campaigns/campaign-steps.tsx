"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  approveCampaignAction,
  cancelCampaignAction,
  pauseCampaignAction,
  rejectCampaignAction,
  resumeCampaignAction,
  scheduleCampaignAction,
  submitCampaignAction,
} from "@/app/(app)/campaigns/actions";
import type { CampaignStep } from "@/lib/campaigns/workflow";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/** The state buttons the person may use now (the page asks the workflow which). */
export function CampaignSteps({ id, version, steps }: { id: number; version: number; steps: CampaignStep[] }) {
  const t = useTranslations("campaigns.steps");
  const submit = useAction(submitCampaignAction, { success: t("submitted") });
  const schedule = useAction(scheduleCampaignAction, { success: t("scheduled") });
  const pause = useAction(pauseCampaignAction, { success: t("paused") });
  const resume = useAction(resumeCampaignAction, { success: t("resumed") });
  const cancel = useAction(cancelCampaignAction, { success: t("cancelled"), onSuccess: () => setCancelOpen(false) });
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelReason, setCancelReason] = useState("");
  const error = submit.error ?? schedule.error ?? pause.error ?? resume.error;
  const has = (s: CampaignStep) => steps.includes(s);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {has("submit") && (
        <Button variant="primary" pending={submit.pending} onClick={() => void submit.run({ id, version })}>
          {t("submit")}
        </Button>
      )}
      {has("schedule") && (
        <Button variant="primary" pending={schedule.pending} onClick={() => void schedule.run({ id, version })}>
          {t("schedule")}
        </Button>
      )}
      {has("pause") && (
        <Button pending={pause.pending} onClick={() => void pause.run({ id, version })}>
          {t("pause")}
        </Button>
      )}
      {has("resume") && (
        <Button variant="primary" pending={resume.pending} onClick={() => void resume.run({ id, version })}>
          {t("resume")}
        </Button>
      )}
      {has("cancel") && (
        <Dialog
          open={cancelOpen}
          onOpenChange={setCancelOpen}
          trigger={<Button variant="danger">{t("cancel")}</Button>}
          title={t("cancelTitle")}
          description={t("cancelText")}
          footer={
            <DialogFooter
              submitLabel={t("cancelConfirm")}
              variant="danger"
              pending={cancel.pending}
              cancelLabel={t("keep")}
              onSubmit={() => void cancel.run({ id, version, reason: cancelReason })}
            />
          }
        >
          <Field id="cancel-reason" label={t("cancelReason")} error={cancel.fieldError("reason")}>
            <TextArea maxLength={500} value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} />
          </Field>
          {cancel.error && <Alert tone="error">{cancel.error}</Alert>}
        </Dialog>
      )}
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}

/** The approval box: shown to a manager who may approve a submitted campaign that is not their own. */
export function ApprovalBox({ id, version }: { id: number; version: number }) {
  const t = useTranslations("campaigns.steps");
  const approve = useAction(approveCampaignAction, { success: t("approved") });
  const reject = useAction(rejectCampaignAction, { success: t("rejected"), onSuccess: () => setOpen(false) });
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">{t("approvalText")}</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" pending={approve.pending} onClick={() => void approve.run({ id, version })}>
          {t("approve")}
        </Button>
        <Dialog
          open={open}
          onOpenChange={setOpen}
          trigger={<Button>{t("reject")}</Button>}
          title={t("rejectTitle")}
          description={t("rejectText")}
          footer={<DialogFooter submitLabel={t("rejectConfirm")} pending={reject.pending} onSubmit={() => void reject.run({ id, version, reason })} />}
        >
          <Field id="reject-reason" label={t("rejectReason")} error={reject.fieldError("reason")} required>
            <TextArea maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          {reject.error && !reject.fieldError("reason") && <Alert tone="error">{reject.error}</Alert>}
        </Dialog>
      </div>
      {approve.error && <Alert tone="error">{approve.error}</Alert>}
    </div>
  );
}
