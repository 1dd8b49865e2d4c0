"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { ConfirmDialog, Dialog, DialogFooter } from "@/components/ui/dialog";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";
import { ALL_CATEGORIES, SLA_BOUNDS, SLA_MINUTE_FIELDS, VALUE_TIER_KEYS, defaultSlaCell, type SlaCellValues } from "@/lib/sla/matrix-rules";
import { removeSlaCellAction, saveSlaCellAction } from "@/app/(app)/admin/sla/actions";

// The SLA matrix's cell editor (a dialog: new cell or a new version of one) and its removal.

const GRADES = ["GENERAL", "COMPLEX", "MAJOR"] as const;
type Grade = (typeof GRADES)[number];

export interface SlaCellData extends SlaCellValues {
  id: number;
  categoryCode: string;
  grade: Grade;
  valueTier: string;
  isAppeal: boolean;
  calendarId: number;
  /** The cell's name as the table shows it ("Billing · General · Gold"). */
  label: string;
}

export interface Option {
  value: string | number;
  label: string;
}

/** "Now" as a datetime-local value in Beijing time (the operator's zone), to the minute. */
function beijingNow(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16);
}

export function SlaCellDialog({ cell, categories, calendars, defaultCategory }: { cell?: SlaCellData; categories: Option[]; calendars: Option[]; defaultCategory?: string }) {
  const t = useTranslations("slaAdmin");
  const [open, setOpen] = useState(false);
  const [grade, setGrade] = useState<Grade>(cell?.grade ?? "GENERAL");
  const { run, pending, error, fields, fieldError, reset } = useAction(saveSlaCellAction, { success: t("saved"), onSuccess: () => setOpen(false) });
  const values: SlaCellValues & { calendarId?: number } = cell ?? defaultSlaCell(grade);
  const formId = cell ? `sla-${cell.id}` : "sla-new";
  const hasFieldErrors = Object.keys(fields).length > 0;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
      size="lg"
      trigger={
        cell ? (
          <Button size="sm" variant="ghost" aria-label={`${t("edit")} ${cell.label}`}>
            {t("edit")}
          </Button>
        ) : (
          <Button variant="primary">{t("add")}</Button>
        )
      }
      title={cell ? t("editTitle", { cell: cell.label }) : t("addTitle")}
      description={t("dialogHint")}
      footer={<DialogFooter submitLabel={t("save")} form={formId} pending={pending} />}
    >
      <form
        id={formId}
        noValidate
        aria-label={cell ? t("editTitle", { cell: cell.label }) : t("addTitle")}
        onSubmit={(e) => {
          e.preventDefault();
          void run(new FormData(e.currentTarget));
        }}
        className="space-y-3"
      >
        {error && <Alert tone="error">{hasFieldErrors ? t("fixFields") : error}</Alert>}
        {cell ? (
          <>
            <input type="hidden" name="baseId" value={cell.id} />
            <input type="hidden" name="categoryCode" value={cell.categoryCode} />
            <input type="hidden" name="grade" value={cell.grade} />
            <input type="hidden" name="valueTier" value={cell.valueTier} />
            {cell.isAppeal && <input type="hidden" name="isAppeal" value="on" />}
          </>
        ) : (
          <div className="grid gap-3 sm:grid-cols-4">
            <Field id={`${formId}-category`} label={t("category")} error={fieldError("categoryCode")} className="sm:col-span-2">
              <Select name="categoryCode" defaultValue={defaultCategory ?? ALL_CATEGORIES} options={categories} />
            </Field>
            <Field id={`${formId}-grade`} label={t("grade")} error={fieldError("grade")}>
              <Select name="grade" value={grade} onChange={(e) => setGrade(e.target.value as Grade)} options={GRADES.map((g) => ({ value: g, label: t(`gradeName.${g}`) }))} />
            </Field>
            <Field id={`${formId}-tier`} label={t("tier")} error={fieldError("valueTier")}>
              <Select name="valueTier" defaultValue="STANDARD" options={VALUE_TIER_KEYS.map((v) => ({ value: v, label: t(`tierName.${v}`) }))} />
            </Field>
            <Field id={`${formId}-appeal`} label={t("appealLong")} inline className="sm:col-span-4">
              <Checkbox name="isAppeal" />
            </Field>
          </div>
        )}
        {/* Remounted with the grade so a new cell starts from that grade's defaults. */}
        <div key={cell ? "cell" : grade} className="grid gap-3 sm:grid-cols-4">
          {SLA_MINUTE_FIELDS.map((f) => (
            <Field key={f} id={`${formId}-${f}`} label={t(`field.${f}`)} hint={t("minutesHint", { max: SLA_BOUNDS[f] })} error={fieldError(f)}>
              <TextInput name={f} type="number" inputMode="numeric" min={1} max={SLA_BOUNDS[f]} defaultValue={values[f]} className="text-right tabular-nums" />
            </Field>
          ))}
          <Field id={`${formId}-calendar`} label={t("calendar")} error={fieldError("calendarId")} className="sm:col-span-2">
            <Select name="calendarId" defaultValue={values.calendarId ?? calendars[0]?.value} options={calendars} />
          </Field>
          <Field id={`${formId}-warn`} label={t("field.warnRatio")} hint={t("warnHint")} error={fieldError("warnRatio")}>
            <TextInput name="warnRatio" type="number" step={0.05} min={0.1} max={0.95} defaultValue={values.warnRatio} className="text-right tabular-nums" />
          </Field>
          <Field id={`${formId}-from`} label={t("field.effectiveFrom")} hint={t("effectiveHint")} error={fieldError("effectiveFrom")}>
            <TextInput name="effectiveFrom" type="datetime-local" min={beijingNow()} />
          </Field>
        </div>
      </form>
    </Dialog>
  );
}

export function RemoveSlaCell({ cell }: { cell: { id: number; label: string } }) {
  const t = useTranslations("slaAdmin");
  const { run, pending, error } = useAction(removeSlaCellAction, { success: t("removed") });
  return (
    <>
      <ConfirmDialog
        trigger={
          <Button size="sm" variant="ghost" aria-label={`${t("remove")} ${cell.label}`}>
            {t("remove")}
          </Button>
        }
        title={t("removeTitle", { cell: cell.label })}
        description={t("removeHint")}
        confirmLabel={t("remove")}
        pending={pending}
        onConfirm={() => void run({ baseId: cell.id })}
      />
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      )}
    </>
  );
}
