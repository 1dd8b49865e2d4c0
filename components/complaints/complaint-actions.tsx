"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import {
  addCommentAction,
  assignComplaintAction,
  autoAssignComplaintAction,
  decideCompensationAction,
  recordFeedbackAction,
  recordReturnVisitAction,
  requestCompensationAction,
  transitionComplaintAction,
} from "@/app/(app)/complaints/actions";
import { isReasonRequired, type ComplaintAction } from "@/lib/complaints/workflow";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { useAction, type ActionOutcome } from "@/components/ui/use-action";

interface Props {
  complaintId: number;
  version: number;
  status: string;
  actions: ComplaintAction[];
  canAssign: boolean;
  isAssignee: boolean;
  isUnassigned: boolean;
  canCompensate: boolean;
  canApprove: boolean;
  actorId: number;
  assignees: { id: number; displayName: string }[];
  pendingCompensations: { id: number; version: number }[];
}

/** Steps after which the complaint cannot be reopened: asked for confirmation first. */
const TERMINAL: readonly ComplaintAction[] = ["reject", "cancel"];

/** Everything a handler can do on the complaint page; each part reports its own outcome. */
export function ComplaintActions(p: Props) {
  const transitions = p.actions.filter((a) => a !== "close" || p.status === "RESOLVED");
  return (
    <div className="space-y-4">
      {transitions.length > 0 && <Transitions complaintId={p.complaintId} version={p.version} actions={transitions} />}
      {p.status === "RESOLVED" && <ReturnVisit complaintId={p.complaintId} version={p.version} />}
      <Feedback complaintId={p.complaintId} version={p.version} />
      {(p.canAssign || p.isAssignee || p.isUnassigned) && <Assign {...p} />}
      <Comment complaintId={p.complaintId} />
      {(p.canCompensate || (p.canApprove && p.pendingCompensations.length > 0)) && <Compensation {...p} />}
    </div>
  );
}

/** One titled part of the actions panel. */
function Part({ title, children }: { title?: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={title ? id : undefined} className="space-y-2 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0">
      {title && (
        <h3 id={id} className="text-sm font-semibold text-slate-700">
          {title}
        </h3>
      )}
      {children}
    </section>
  );
}

/** The complaint's id and the version the page loaded travel with every form. */
function Ids({ complaintId, version }: { complaintId: number; version?: number }) {
  return (
    <>
      <input type="hidden" name="complaintId" value={complaintId} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
    </>
  );
}

function Transitions({ complaintId, version, actions }: { complaintId: number; version: number; actions: ComplaintAction[] }) {
  const t = useTranslations("complaints");
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<ComplaintAction | null>(null);
  const { run, pending, error } = useAction(transitionComplaintAction, { success: t("saved"), onSuccess: () => setReason("") });
  const move = (action: ComplaintAction) => {
    setStep(action);
    return run({ complaintId, version, action, reason, confirmation: action === "close" ? "CUSTOMER_CONFIRMED" : null });
  };
  return (
    <Part>
      <Field id="transition-reason" label={t("reason")} hint={t("reasonHint")}>
        <TextInput value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
      </Field>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        {actions.map((a) =>
          TERMINAL.includes(a) ? (
            <ConfirmDialog
              key={a}
              trigger={
                <Button variant="danger" disabled={pending}>
                  {t(`action.${a}`)}
                </Button>
              }
              title={t("terminal.title", { action: t(`action.${a}`) })}
              description={t("terminal.description")}
              confirmLabel={t(`action.${a}`)}
              pending={pending}
              onConfirm={() => void move(a)}
            />
          ) : (
            <Button
              key={a}
              variant={a === "resolve" ? "primary" : "secondary"}
              disabled={pending}
              pending={pending && step === a}
              title={a === "close" ? t("confirmNote") : isReasonRequired(a) ? t("reasonHint") : undefined}
              onClick={() => void move(a)}
            >
              {t(`action.${a}`)}
            </Button>
          ),
        )}
      </div>
    </Part>
  );
}

function ReturnVisit({ complaintId, version }: { complaintId: number; version: number }) {
  const t = useTranslations("complaints");
  const [notes, setNotes] = useState("");
  const { run, pending, error } = useAction(recordReturnVisitAction, { success: t("saved") });
  const record = (satisfied: boolean) => void run({ complaintId, version, satisfied, notes });
  return (
    <Part title={t("returnVisit.title")}>
      <Field id="return-visit-notes" label={t("returnVisit.notes")}>
        <TextInput value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={1000} />
      </Field>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" pending={pending} onClick={() => record(true)}>
          {t("returnVisit.satisfied")}
        </Button>
        <Button disabled={pending} onClick={() => record(false)}>
          {t("returnVisit.notSatisfied")}
        </Button>
      </div>
    </Part>
  );
}

/** A text recorded on the complaint (the answer given to the customer, a comment); `children` are extra fields. */
function TextForm({ id, title, label, submitLabel, action, complaintId, version, children }: { id: string; title: string; label: string; submitLabel: string; action: (form: FormData) => Promise<ActionOutcome<unknown>>; complaintId: number; version?: number; children?: React.ReactNode }) {
  const t = useTranslations("complaints");
  return (
    <Part title={title}>
      <ActionForm action={action} success={t("saved")} resetOnSuccess className="space-y-2">
        {({ pending, fieldError }) => (
          <>
            <Ids complaintId={complaintId} version={version} />
            {children}
            <Field id={id} label={label} error={fieldError("body")} required>
              <TextArea name="body" rows={2} maxLength={4000} />
            </Field>
            <Button type="submit" pending={pending}>
              {submitLabel}
            </Button>
          </>
        )}
      </ActionForm>
    </Part>
  );
}

function Feedback({ complaintId, version }: { complaintId: number; version: number }) {
  const t = useTranslations("complaints");
  return <TextForm id="feedback-body" title={t("feedback.title")} label={t("feedback.body")} submitLabel={t("feedback.submit")} action={recordFeedbackAction} complaintId={complaintId} version={version} />;
}

function Assign(p: Props) {
  const t = useTranslations("complaints");
  const ids = { complaintId: p.complaintId, version: p.version };
  const take = useAction(assignComplaintAction, { success: t("saved") });
  const auto = useAction(autoAssignComplaintAction, { success: t("saved") });
  if (!p.canAssign && !p.isAssignee) {
    return (
      <Part title={t("assign.title")}>
        {take.error && <Alert tone="error">{take.error}</Alert>}
        <Button pending={take.pending} onClick={() => void take.run({ ...ids, assigneeId: p.actorId })}>
          {t("assign.take")}
        </Button>
      </Part>
    );
  }
  return (
    <Part title={t("assign.title")}>
      <ActionForm action={assignComplaintAction} success={t("saved")} className="space-y-2">
        {({ pending, fieldError }) => (
          <>
            <Ids {...ids} />
            <Field id="assign-to" label={t("assign.to")} error={fieldError("assigneeId")}>
              <Select name="assigneeId" defaultValue={p.assignees[0]?.id} options={p.assignees.map((u) => ({ value: u.id, label: u.displayName }))} />
            </Field>
            <Field id="assign-note" label={t("assign.note")} error={fieldError("note")}>
              <TextInput name="note" maxLength={1000} />
            </Field>
            {auto.error && <Alert tone="error">{auto.error}</Alert>}
            <div className="flex flex-wrap gap-2">
              <Button type="submit" pending={pending} disabled={auto.pending}>
                {t("assign.submit")}
              </Button>
              {p.canAssign && (
                <Button pending={auto.pending} disabled={pending} onClick={() => void auto.run(ids)}>
                  {t("autoAssign")}
                </Button>
              )}
            </div>
          </>
        )}
      </ActionForm>
    </Part>
  );
}

function Comment({ complaintId }: { complaintId: number }) {
  const t = useTranslations("complaints");
  return (
    <TextForm id="comment-body" title={t("comment.title")} label={t("comment.body")} submitLabel={t("comment.submit")} action={addCommentAction} complaintId={complaintId}>
      <Field id="comment-kind" label={t("comment.kind")}>
        <Select name="kind" options={(["INTERNAL", "NOTE"] as const).map((k) => ({ value: k, label: t(`comment.${k}`) }))} />
      </Field>
    </TextForm>
  );
}

function Compensation(p: Props) {
  const t = useTranslations("complaints");
  const [deciding, setDeciding] = useState<string | null>(null);
  const decide = useAction(decideCompensationAction, { success: t("saved") });
  const decideOn = (c: { id: number; version: number }, approve: boolean) => {
    setDeciding(`${c.id}:${approve}`);
    void decide.run({ complaintId: p.complaintId, compensationId: c.id, version: c.version, approve });
  };
  return (
    <Part title={t("compensation.title")}>
      {p.canCompensate && (
        <ActionForm action={requestCompensationAction} success={t("saved")} resetOnSuccess className="space-y-2">
          {({ pending, fieldError }) => (
            <>
              <Ids complaintId={p.complaintId} />
              <div className="grid grid-cols-2 gap-2">
                <Field id="compensation-kind" label={t("compensation.kind")}>
                  <Select name="kind" options={(["CREDIT", "POINTS"] as const).map((k) => ({ value: k, label: t(`compensation.${k}`) }))} />
                </Field>
                <Field id="compensation-amount" label={t("compensation.amount")} error={fieldError("amount")} required>
                  <TextInput name="amount" type="number" min="0.01" step="0.01" inputMode="decimal" />
                </Field>
              </div>
              <Field id="compensation-reason" label={t("compensation.reason")} error={fieldError("reason")} required>
                <TextInput name="reason" maxLength={500} />
              </Field>
              <Button type="submit" pending={pending}>
                {t("compensation.submit")}
              </Button>
            </>
          )}
        </ActionForm>
      )}
      {p.canApprove && decide.error && <Alert tone="error">{decide.error}</Alert>}
      {p.canApprove &&
        p.pendingCompensations.map((c) => (
          <div key={c.id} className="flex flex-wrap gap-2">
            <Button variant="primary" disabled={decide.pending} pending={decide.pending && deciding === `${c.id}:true`} onClick={() => decideOn(c, true)}>
              {t("compensation.approve")} #{c.id}
            </Button>
            <Button disabled={decide.pending} pending={decide.pending && deciding === `${c.id}:false`} onClick={() => decideOn(c, false)}>
              {t("compensation.reject")} #{c.id}
            </Button>
          </div>
        ))}
    </Part>
  );
}
