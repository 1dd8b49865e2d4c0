"use client";

import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { recordCallOutcomeAction } from "@/app/(app)/calls/actions";
import { CALL_NOTE_MAX, CALL_OUTCOMES, type CallOutcomeName } from "@/lib/campaigns/call-schemas";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { Kbd } from "@/components/ui/kbd";
import { NumberedChoices } from "@/components/ui/numbered-choices";
import { useAction } from "@/components/ui/use-action";

/** Now + 1 hour as a `datetime-local` value in the operator's time zone (UTC+8): the call-back field's default. */
function defaultCallBack(): string {
  const d = new Date(Date.now() + 3_600_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

/**
 * The outcome of the call on the held task: six outcomes (keys 1–6), a note, a call-back time for
 * CALL_BACK, and Ctrl/⌘+Enter to record it from anywhere on the page (the agent's hands stay on
 * the keyboard). The task's version travels with it.
 */
export function CallOutcomeForm({ taskId, version }: { taskId: number; version: number }) {
  const t = useTranslations("calls");
  const te = useTranslations("enums.callOutcome");
  const format = useFormatter();
  const [outcome, setOutcome] = useState<CallOutcomeName | null>(null);
  const [missing, setMissing] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const record = useAction(recordCallOutcomeAction, {
    success: (r) =>
      r.status === "QUEUED" && r.dueAt
        ? t("outcome.requeued", { time: format.dateTime(new Date(r.dueAt), { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" }) })
        : t("outcome.recorded"),
  });

  const submit = () => {
    const form = formRef.current;
    if (!form || record.pending) return;
    if (!outcome) {
      setMissing(true);
      form.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
      return;
    }
    const data = new FormData(form);
    void record.run({ taskId, version, outcome, note: data.get("note") ?? "", callBackAt: outcome === "CALL_BACK" ? (data.get("callBackAt") ?? "") : undefined });
  };
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });

  // 1–6 choose an outcome (not while typing; a focused radio is not typing); Ctrl/⌘+Enter records,
  // also from the note.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
        e.preventDefault();
        submitRef.current();
        return;
      }
      const el = e.target as HTMLElement | null;
      const typing = !!el && (el.tagName === "TEXTAREA" || el.tagName === "SELECT" || (el.tagName === "INPUT" && (el as HTMLInputElement).type !== "radio") || el.isContentEditable);
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= CALL_OUTCOMES.length) {
        e.preventDefault();
        const chosen = CALL_OUTCOMES[n - 1];
        setOutcome(chosen);
        setMissing(false);
        formRef.current?.querySelector<HTMLInputElement>(`input[value="${chosen}"]`)?.focus();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const callBackCode = record.fields.callBackAt;
  const callBackError = callBackCode ? (t.has(`errors.${callBackCode}`) ? t(`errors.${callBackCode}`) : record.fieldError("callBackAt")) : undefined;
  const outcomeError = missing ? t("outcome.chooseFirst") : record.fieldError("outcome");

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t("outcome.legend")}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="space-y-3"
    >
      {record.error && !record.fields.callBackAt && !record.fields.note && (
        <Alert tone="error">{record.error}</Alert>
      )}
      <NumberedChoices
        id="outcome"
        name="outcome"
        legend={t("outcome.legend")}
        options={CALL_OUTCOMES.map((o) => ({ value: o, label: te(o) }))}
        value={outcome}
        onChange={(o) => {
          setOutcome(o);
          setMissing(false);
        }}
        keysHint={t("outcome.keys")}
        error={outcomeError}
        className="sm:grid-cols-3"
      />
      {outcome === "CALL_BACK" && (
        <Field id="call-back-at" label={t("outcome.callBackAt")} hint={t("outcome.callBackHint")} error={callBackError} required>
          <TextInput type="datetime-local" name="callBackAt" defaultValue={defaultCallBack()} className="max-w-60" />
        </Field>
      )}
      <Field id="call-note" label={t("outcome.note")} hint={t("outcome.noteHint")} error={record.fieldError("note")}>
        <TextArea name="note" rows={3} maxLength={CALL_NOTE_MAX} />
      </Field>
      <Button type="submit" variant="primary" pending={record.pending} aria-keyshortcuts="Control+Enter">
        {t("outcome.submit")}
        <span aria-hidden className="ml-1">
          <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd>
        </span>
      </Button>
    </form>
  );
}
