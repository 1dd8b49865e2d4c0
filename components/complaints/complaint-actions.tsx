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
import { ACTION_SHORTCUTS, RESOLUTION_NOTE_MAX, isReasonRequired, nextSensibleAction, type ComplaintAction, type ComplaintStatus } from "@/lib/complaints/workflow";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Combobox } from "@/components/ui/combobox";
import { ConfirmDialog, Dialog, DialogFooter } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { useShortcut } from "@/components/ui/use-shortcut";
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
  /** The root causes a resolution names (the category's, or its nearest ancestor's); may be empty. */
  rootCauses: { id: number; label: string }[];
}

/** Steps after which the complaint cannot be reopened: asked for confirmation first. */
const TERMINAL: readonly ComplaintAction[] = ["reject", "cancel"];

/** Everything a handler can do on the complaint page; each part reports its own outcome. */
export function ComplaintActions(p: Props) {
  const transitions = p.actions.filter((a) => a !== "close" || p.status === "RESOLVED");
  // F and M put the cursor in the feedback and the comment: the work continues from the keyboard.
  useShortcut(["f", "F"], () => document.getElementById("feedback-body")?.focus());
  useShortcut(["m", "M"], () => document.getElementById("comment-body")?.focus());
  return (
    <div className="space-y-4">
      <ShortcutHelp />
      {transitions.length > 0 && <Transitions complaintId={p.complaintId} version={p.version} status={p.status as ComplaintStatus} actions={transitions} rootCauses={p.rootCauses} />}
      {p.status === "RESOLVED" && <ReturnVisit complaintId={p.complaintId} version={p.version} />}
      <Feedback complaintId={p.complaintId} version={p.version} />
      {(p.canAssign || p.isAssignee || p.isUnassigned) && <Assign {...p} />}
      <Comment complaintId={p.complaintId} />
      {(p.canCompensate || (p.canApprove && p.pendingCompensations.length > 0)) && <Compensation {...p} />}
    </div>
  );
}

/** The page's keyboard shortcuts, listed on "?" (or its button). */
function ShortcutHelp() {
  const t = useTranslations("complaints.shortcuts");
  const [open, setOpen] = useState(false);
  useShortcut(["?"], () => setOpen(true));
  const rows: Array<[string, string]> = [
    ["S", t("start")],
    ["R", t("resolve")],
    ["U", t("resume")],
    ["F", t("feedback")],
    ["M", t("comment")],
    ["K", t("articles")],
    ["Ctrl+Enter", t("submit")],
    ["/", t("search")],
    ["?", t("help")],
  ];
  return (
    <div className="flex justify-end">
      <Dialog
        open={open}
        onOpenChange={setOpen}
        size="sm"
        title={t("title")}
        trigger={
          <Button variant="ghost" size="sm" aria-keyshortcuts="?">
            {t("title")} <Kbd className="ml-1">?</Kbd>
          </Button>
        }
      >
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
          {rows.map(([key, what]) => (
            <div key={key} className="contents">
              <dt>
                <Kbd>{key}</Kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </Dialog>
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

function Transitions({ complaintId, version, status, actions, rootCauses }: { complaintId: number; version: number; status: ComplaintStatus; actions: ComplaintAction[]; rootCauses: { id: number; label: string }[] }) {
  const t = useTranslations("complaints");
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<ComplaintAction | null>(null);
  const [resolving, setResolving] = useState(false);
  const { run, pending, error } = useAction(transitionComplaintAction, { success: t("saved"), onSuccess: () => setReason("") });
  // The next sensible step is the one primary button (a new complaint is started, not resolved).
  const primary = nextSensibleAction(status);
  const move = (action: ComplaintAction) => {
    if (action === "resolve") {
      setResolving(true);
      return;
    }
    setStep(action);
    return run({ complaintId, version, action, reason, confirmation: action === "close" ? "CUSTOMER_CONFIRMED" : null });
  };
  // One hook per shortcut key (a fixed number of hooks); a key whose step is not possible now is off.
  const keyFor = (a: ComplaintAction) => (actions.includes(a) && ACTION_SHORTCUTS[a] ? [ACTION_SHORTCUTS[a].toLowerCase(), ACTION_SHORTCUTS[a]] : []);
  useShortcut(keyFor("start"), () => void (!pending && move("start")));
  useShortcut(keyFor("resolve"), () => void (!pending && move("resolve")));
  useShortcut(keyFor("resume"), () => void (!pending && move("resume")));
  return (
    <Part>
      <Field id="transition-reason" label={t("reason")} hint={t("reasonHint")}>
        <TextInput value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
      </Field>
      {error && !resolving && <Alert tone="error">{error}</Alert>}
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
              variant={a === primary ? "primary" : "secondary"}
              disabled={pending}
              pending={pending && step === a}
              aria-keyshortcuts={ACTION_SHORTCUTS[a]?.toLowerCase()}
              title={a === "close" ? t("confirmNote") : isReasonRequired(a) ? t("reasonHint") : undefined}
              onClick={() => void move(a)}
            >
              {t(`action.${a}`)}
              {ACTION_SHORTCUTS[a] && <Kbd className="ml-1">{ACTION_SHORTCUTS[a]}</Kbd>}
            </Button>
          ),
        )}
      </div>
      {actions.includes("resolve") && <ResolveDialog complaintId={complaintId} version={version} rootCauses={rootCauses} open={resolving} onOpenChange={setResolving} />}
    </Part>
  );
}

/** Resolving says what was done (required) and, where the category keeps a list, why it happened. */
function ResolveDialog({ complaintId, version, rootCauses, open, onOpenChange }: { complaintId: number; version: number; rootCauses: { id: number; label: string }[]; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("complaints");
  const [note, setNote] = useState("");
  const [rootCauseId, setRootCauseId] = useState("");
  const { run, pending, error, fieldError, reset } = useAction(transitionComplaintAction, {
    success: t("resolved"),
    onSuccess: () => {
      setNote("");
      setRootCauseId("");
      onOpenChange(false);
    },
  });
  const submit = () => void run({ complaintId, version, action: "resolve", reason: note, rootCauseId: rootCauseId === "" ? null : Number(rootCauseId) });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) reset();
        onOpenChange(o);
      }}
      title={t("resolve.title")}
      description={t("resolve.description")}
      footer={
        <DialogFooter
          submitLabel={
            <>
              {t("action.resolve")} <Kbd className="ml-1">Ctrl+Enter</Kbd>
            </>
          }
          pending={pending}
          onSubmit={submit}
        />
      }
    >
      <div
        className="space-y-3"
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !pending) {
            e.preventDefault();
            submit();
          }
        }}
      >
        {error && !fieldError("reason") && !fieldError("rootCauseId") && <Alert tone="error">{error}</Alert>}
        <Field id="resolve-note" label={t("resolve.note")} hint={t("resolve.noteHint")} error={fieldError("reason")} required>
          <TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={RESOLUTION_NOTE_MAX} autoFocus />
        </Field>
        {rootCauses.length > 0 && (
          <Field id="resolve-root-cause" label={t("resolve.rootCause")} hint={t("resolve.rootCauseHint")} error={fieldError("rootCauseId")} required>
            <Combobox value={rootCauseId} onChange={setRootCauseId} options={rootCauses.map((r) => ({ value: String(r.id), label: r.label }))} placeholder={t("resolve.chooseRootCause")} />
          </Field>
        )}
      </div>
    </Dialog>
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
