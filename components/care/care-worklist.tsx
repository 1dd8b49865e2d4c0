"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { recordCareOutcomeAction } from "@/app/(app)/care/actions";
import { CARE_NOTE_MAX, outcomesFor, type CareOutcomeName } from "@/lib/care/schemas";
import type { CareTaskRow } from "@/lib/care/queries";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert, Badge, Card, EmptyState } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { Kbd } from "@/components/ui/kbd";
import { NumberedChoices } from "@/components/ui/numbered-choices";
import { isTyping } from "@/components/ui/use-shortcut";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/components/ui/cn";

/** A "YYYY-MM-DD" n days after `day`. */
function plusDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The agent's care list and the selected task's outcome: J/K (or ↓/↑) move through the list, 1–4
 * choose an outcome (a win-back: 1–3), Ctrl/⌘+Enter records it, as on the call list. Recording
 * refreshes the list; the next task is then selected.
 */
export function CareWorklist({
  rows,
  offers,
  today,
  next,
  first,
}: {
  rows: CareTaskRow[];
  offers: Array<{ id: number; nameZh: string; nameEn: string }>;
  today: string;
  next: string | null;
  first: string | null;
}) {
  const t = useTranslations("care.list");
  const te = useTranslations("enums");
  const locale = useLocale();
  const [index, setIndex] = useState(0);
  const selected = rows[Math.min(index, rows.length - 1)];
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const k = e.key.toLowerCase();
      if (k !== "j" && k !== "k" && e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      // Arrow keys on a radio belong to the radio group.
      if ((e.key === "ArrowDown" || e.key === "ArrowUp") && (e.target as HTMLElement | null)?.tagName === "INPUT") return;
      e.preventDefault();
      const down = k === "j" || e.key === "ArrowDown";
      setIndex((i) => {
        const n = Math.max(0, Math.min(rows.length - 1, Math.min(i, rows.length - 1) + (down ? 1 : -1)));
        listRef.current?.querySelectorAll<HTMLButtonElement>("button[data-task]")[n]?.focus();
        return n;
      });
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows.length]);

  if (!rows.length)
    return (
      <Card>
        <EmptyState action={first ? <ButtonLink href={first}>{t("firstPage")}</ButtonLink> : undefined}>{t("empty")}</EmptyState>
      </Card>
    );

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <Card className="p-2">
        <h2 id="care-list-title" className="px-2 py-1 text-sm font-semibold">
          {t("count", { n: rows.length })}
        </h2>
        <p className="px-2 pb-1 text-xs text-slate-500">
          <Kbd>J</Kbd> / <Kbd>K</Kbd> {t("moveKeys")}
        </p>
        <ol ref={listRef} aria-labelledby="care-list-title" className="space-y-1">
          {rows.map((r, i) => (
            <li key={r.id}>
              <button
                type="button"
                data-task={r.id}
                aria-current={r === selected ? "true" : undefined}
                onClick={() => setIndex(i)}
                className={cn(
                  "w-full rounded border px-2 py-1.5 text-left text-sm",
                  r === selected ? "border-brand-600 bg-brand-50" : "border-transparent hover:bg-slate-50",
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="font-medium">{r.name}</span>
                  <span className="tabular-nums text-slate-600">{r.msisdn}</span>
                </span>
                <span className="mt-0.5 flex items-center gap-2 text-xs text-slate-600">
                  <span>{te(`careTaskKind.${r.kind}`)}</span>
                  {r.overdue ? <Badge tone="bad">{t("overdue", { day: r.dueOn })}</Badge> : <span>{t("dueToday")}</span>}
                </span>
              </button>
            </li>
          ))}
        </ol>
        {(next || first) && (
          <div className="flex gap-2 px-2 pt-2">
            {first && <ButtonLink href={first} size="sm">{t("firstPage")}</ButtonLink>}
            {next && <ButtonLink href={next} size="sm">{t("nextPage")}</ButtonLink>}
          </div>
        )}
      </Card>
      {selected && <CareTaskPane key={`${selected.id}-${selected.version}`} task={selected} offers={offers} today={today} locale={locale} />}
    </div>
  );
}

function CareTaskPane({ task, offers, today, locale }: { task: CareTaskRow; offers: Array<{ id: number; nameZh: string; nameEn: string }>; today: string; locale: string }) {
  const t = useTranslations("care.list");
  const te = useTranslations("enums");
  const outcomes = outcomesFor(task.kind);
  const [outcome, setOutcome] = useState<CareOutcomeName | null>(null);
  const [missing, setMissing] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const record = useAction(recordCareOutcomeAction, { success: (r) => (r.status === "OPEN" ? t("callBackSet", { day: r.dueOn }) : t("recorded")) });

  const submit = () => {
    const form = formRef.current;
    if (!form || record.pending) return;
    if (!outcome) {
      setMissing(true);
      form.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
      return;
    }
    const data = new FormData(form);
    void record.run({
      taskId: task.id,
      version: task.version,
      outcome,
      note: String(data.get("note") ?? ""),
      callBackOn: outcome === "CALL_BACK" ? String(data.get("callBackOn") ?? "") : null,
      offerRuleId: outcome === "RETAINED" ? Number(data.get("offerRuleId")) || null : null,
    });
  };
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
        e.preventDefault();
        submitRef.current();
        return;
      }
      const el = e.target as HTMLElement | null;
      const typing = isTyping(el) && !(el?.tagName === "INPUT" && (el as HTMLInputElement).type === "radio");
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= outcomes.length) {
        e.preventDefault();
        const chosen = outcomes[n - 1];
        setOutcome(chosen);
        setMissing(false);
        formRef.current?.querySelector<HTMLInputElement>(`input[value="${chosen}"]`)?.focus();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [outcomes]);

  const outcomeError = missing ? t("chooseFirst") : record.fieldError("outcome");
  const callBackCode = record.fields.callBackOn;
  return (
    <Card className="space-y-3 p-4">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-lg font-semibold">{task.name}</h2>
        <span className="text-sm tabular-nums text-slate-600">{task.customerNo}</span>
        <span className="text-sm tabular-nums">
          <span className="sr-only">{t("number")}: </span>
          {task.msisdn}
        </span>
        <Link href={`/customers/${task.customerId}`} className="text-sm text-brand-700 hover:underline">
          {t("open360")}
        </Link>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("kind")}</dt>
        <dd>{te(`careTaskKind.${task.kind}`)}</dd>
        <dt className="text-slate-600">{t("due")}</dt>
        <dd className="tabular-nums">{task.dueOn === today ? t("dueToday") : t("overdue", { day: task.dueOn })}</dd>
        {task.attempts > 0 && (
          <>
            <dt className="text-slate-600">{t("attempts")}</dt>
            <dd>{task.attempts}</dd>
          </>
        )}
        <dt className="text-slate-600">{t("note")}</dt>
        <dd className="break-words whitespace-pre-line">{task.note || "—"}</dd>
      </dl>
      <form
        ref={formRef}
        noValidate
        aria-label={t("outcomeLegend")}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="space-y-3"
      >
        {record.error && !Object.keys(record.fields).length && <Alert tone="error">{record.error}</Alert>}
        <NumberedChoices
          id="care-outcome"
          name="outcome"
          legend={t("outcomeLegend")}
          options={outcomes.map((o) => ({ value: o, label: te(`careOutcome.${o}`) }))}
          value={outcome}
          onChange={(o) => {
            setOutcome(o);
            setMissing(false);
          }}
          keysHint={t("outcomeKeys", { n: outcomes.length })}
          error={outcomeError}
        />
        {outcome === "CALL_BACK" && (
          <Field id="care-call-back" label={t("callBackOn")} hint={t("callBackHint")} error={callBackCode ? record.fieldError("callBackOn") : undefined} required>
            <TextInput type="date" name="callBackOn" defaultValue={plusDays(today, 1)} min={plusDays(today, 1)} max={plusDays(today, 60)} className="max-w-48" />
          </Field>
        )}
        {outcome === "RETAINED" && (
          <Field id="care-offer" label={t("offer")} error={record.fieldError("offerRuleId")} required>
            <Select name="offerRuleId" placeholder={t("chooseOffer")} options={offers.map((o) => ({ value: o.id, label: locale === "en" ? o.nameEn : o.nameZh }))} />
          </Field>
        )}
        <Field id="care-note" label={t("outcomeNote")} error={record.fieldError("note")}>
          <TextArea name="note" rows={3} maxLength={CARE_NOTE_MAX} />
        </Field>
        <Button type="submit" variant="primary" pending={record.pending} aria-keyshortcuts="Control+Enter">
          {t("save")}
          <span aria-hidden className="ml-1">
            <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd>
          </span>
        </Button>
      </form>
    </Card>
  );
}
