"use client";

import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { assignWinBackAction, createRetentionCallTasksAction, enrolRetentionCustomersAction } from "@/app/(app)/retention/actions";
import { CALL_NOTE_MAX, LEFT_OUT_REASONS, type RetentionActionResult } from "@/lib/campaigns/call-schemas";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { WINBACK_LEFT_OUT, WINBACK_NOTE_MAX, type AssignWinBackResult } from "@/lib/retention/winback-schemas";
import { useAction } from "@/components/ui/use-action";

/** The id of the (empty) form the list's checkboxes belong to (`form=` attribute on each). */
export const RETENTION_SELECTION_FORM = "retention-selection";

function selectionBoxes(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][form="${RETENTION_SELECTION_FORM}"]`)];
}

/**
 * The retention list's one-step actions on the ticked customers: enrol them into a running
 * campaign (managers) or give them a call task for a team (supervisors: their own; managers: any).
 * Says afterwards how many were taken and how many were left out, and why.
 */
export function RetentionActions({
  campaigns,
  teams,
  defaultTeamId,
  owners = null,
  today,
}: {
  /** Running campaigns, or null when the actor may not enrol. */
  campaigns: Array<{ id: number; name: string }> | null;
  /** Teams the actor may give tasks to, or null when they may not. */
  teams: Array<{ id: number; name: string }> | null;
  defaultTeamId: number | null;
  /** Agents the actor may give a win-back to (issue 23), or null when they may not. */
  owners?: Array<{ id: number; name: string }> | null;
  /** Today (YYYY-MM-DD, Asia/Shanghai): the earliest due day. */
  today?: string;
}) {
  const tw = useTranslations("winback");
  const [winBackOpen, setWinBackOpen] = useState(false);
  const t = useTranslations("calls.retention");
  const tErr = useTranslations("calls.errors");
  const [selected, setSelected] = useState<number[]>([]);
  const [enrolOpen, setEnrolOpen] = useState(false);
  const [taskOpen, setTaskOpen] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const read = useCallback(() => setSelected(selectionBoxes().filter((b) => b.checked).map((b) => Number(b.value))), []);
  // The page remounts this per list page (key), so the selection never holds rows out of sight.
  useEffect(() => {
    const onChange = (e: Event) => {
      const el = e.target as HTMLInputElement | null;
      if (el?.getAttribute?.("form") === RETENTION_SELECTION_FORM) read();
    };
    document.addEventListener("change", onChange);
    return () => document.removeEventListener("change", onChange);
  }, [read]);
  const setAll = (on: boolean) => {
    for (const b of selectionBoxes()) b.checked = on;
    read();
  };

  const summary = (r: RetentionActionResult, doneKey: "enrolled" | "tasked") => {
    const parts = LEFT_OUT_REASONS.filter((k) => r.leftOut[k]).map((k) => t(`reason.${k}`, { count: r.leftOut[k]! }));
    const done = t(doneKey, { count: r.done });
    return parts.length ? t("summary", { done, leftOut: t("leftOut", { list: parts.join(t("listSeparator")) }) }) : done;
  };
  const enrol = useAction(enrolRetentionCustomersAction, {
    success: (r) => summary(r, "enrolled"),
    onSuccess: (r) => {
      setResult(summary(r, "enrolled"));
      setEnrolOpen(false);
      setAll(false);
    },
  });
  const task = useAction(createRetentionCallTasksAction, {
    success: (r) => summary(r, "tasked"),
    onSuccess: (r) => {
      setResult(summary(r, "tasked"));
      setTaskOpen(false);
      setAll(false);
    },
  });
  const winBackSummary = (r: AssignWinBackResult) => {
    const parts = WINBACK_LEFT_OUT.filter((k) => r.leftOut[k]).map((k) => tw(`leftOutReason.${k}`, { count: r.leftOut[k]! }));
    const done = tw("assigned", { count: r.assigned });
    return parts.length ? `${done} ${tw("leftOut", { list: parts.join(t("listSeparator")) })}` : done;
  };
  const winBack = useAction(assignWinBackAction, {
    success: winBackSummary,
    onSuccess: (r) => {
      setResult(winBackSummary(r));
      setWinBackOpen(false);
      setAll(false);
    },
  });
  const domainError = (code: string | undefined, fallback: string | undefined) => (code && tErr.has(code) ? tErr(code) : fallback);
  const count = selected.length;

  return (
    <div className="space-y-2">
      <form id={RETENTION_SELECTION_FORM} onSubmit={(e) => e.preventDefault()} aria-label={t("actions")} className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="ghost" onClick={() => setAll(true)}>
          {t("selectAll")}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setAll(false)} disabled={!count}>
          {t("clear")}
        </Button>
        <span role="status" className="text-sm text-slate-600 tabular-nums">
          {t("selected", { count })}
        </span>
        {campaigns && (
          <Dialog
            open={enrolOpen}
            onOpenChange={(o) => {
              setEnrolOpen(o);
              if (!o) enrol.reset();
            }}
            trigger={
              <Button size="sm" disabled={!count}>
                {t("enrol")}
              </Button>
            }
            title={t("enrolTitle", { count })}
            description={t("enrolHint")}
            footer={<DialogFooter form="retention-enrol" submitLabel={t("enrolSubmit")} pending={enrol.pending} />}
          >
            <form
              id="retention-enrol"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void enrol.run({ campaignId: new FormData(e.currentTarget).get("campaignId"), customerIds: selected });
              }}
            >
              {enrol.error && !enrol.fields.campaignId && <Alert tone="error" className="mb-2">{enrol.error}</Alert>}
              {campaigns.length ? (
                <Field id="retention-campaign" label={t("campaign")} error={domainError(enrol.fields.campaignId, enrol.fieldError("campaignId"))} required>
                  <Select name="campaignId" placeholder={t("campaign")} options={campaigns.map((c) => ({ value: c.id, label: c.name }))} />
                </Field>
              ) : (
                <p className="text-sm text-slate-600">{t("noCampaigns")}</p>
              )}
            </form>
          </Dialog>
        )}
        {teams && (
          <Dialog
            open={taskOpen}
            onOpenChange={(o) => {
              setTaskOpen(o);
              if (!o) task.reset();
            }}
            trigger={
              <Button size="sm" disabled={!count}>
                {t("task")}
              </Button>
            }
            title={t("taskTitle", { count })}
            description={t("taskHint")}
            footer={<DialogFooter form="retention-task" submitLabel={t("taskSubmit")} pending={task.pending} />}
          >
            <form
              id="retention-task"
              noValidate
              className="space-y-3"
              onSubmit={(e) => {
                e.preventDefault();
                const data = new FormData(e.currentTarget);
                void task.run({ teamId: data.get("teamId"), note: data.get("note"), customerIds: selected });
              }}
            >
              {task.error && !task.fields.teamId && !task.fields.note && <Alert tone="error">{task.error}</Alert>}
              <Field id="retention-team" label={t("team")} error={domainError(task.fields.teamId, task.fieldError("teamId"))} required>
                <Select name="teamId" defaultValue={defaultTeamId ?? undefined} options={teams.map((o) => ({ value: o.id, label: o.name }))} />
              </Field>
              <Field id="retention-note" label={t("note")} hint={t("noteHint")} error={task.fieldError("note")} required>
                <TextArea name="note" rows={3} maxLength={CALL_NOTE_MAX} />
              </Field>
            </form>
          </Dialog>
        )}
        {owners && (
          <Dialog
            open={winBackOpen}
            onOpenChange={(o) => {
              setWinBackOpen(o);
              if (!o) winBack.reset();
            }}
            trigger={
              <Button size="sm" disabled={!count}>
                {tw("assign")}
              </Button>
            }
            title={tw("assignTitle", { count })}
            description={tw("assignHint")}
            footer={<DialogFooter form="retention-winback" submitLabel={tw("assignSubmit")} pending={winBack.pending} />}
          >
            <form
              id="retention-winback"
              noValidate
              className="space-y-3"
              onSubmit={(e) => {
                e.preventDefault();
                const data = new FormData(e.currentTarget);
                void winBack.run({ ownerId: data.get("ownerId"), dueOn: data.get("dueOn"), note: data.get("note"), customerIds: selected });
              }}
            >
              {winBack.error && !winBack.fields.ownerId && !winBack.fields.dueOn && !winBack.fields.note && <Alert tone="error">{winBack.error}</Alert>}
              <Field id="winback-owner" label={tw("owner")} error={winBack.fieldError("ownerId")} required>
                <Select name="ownerId" placeholder={tw("ownerPlaceholder")} options={owners.map((o) => ({ value: o.id, label: o.name }))} />
              </Field>
              <Field id="winback-due" label={tw("dueOn")} error={winBack.fieldError("dueOn")} required>
                <TextInput name="dueOn" type="date" min={today} defaultValue={today} />
              </Field>
              <Field id="winback-note" label={tw("note")} hint={tw("noteHint")} error={winBack.fieldError("note")}>
                <TextArea name="note" rows={3} maxLength={WINBACK_NOTE_MAX} />
              </Field>
            </form>
          </Dialog>
        )}
      </form>
      {result && (
        <Alert tone="info" className="text-sm">
          <span className="sr-only">{t("result")}: </span>
          {result}
        </Alert>
      )}
    </div>
  );
}
