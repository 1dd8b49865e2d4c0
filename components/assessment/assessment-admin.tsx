"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { runAssessmentNowAction, saveAssessmentWeightsAction } from "@/app/(app)/admin/assessment/actions";
import { ASSESSMENT_COMPONENTS, type AssessmentWeights } from "@/lib/assessment/schemas";
import { Button } from "@/components/ui/button";
import { Alert, Section } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/** The six weights (live sum, must be 100) and the low-QA threshold; saved with the settings' version. */
export function WeightsForm({ weights, lowQaThreshold, version }: { weights: AssessmentWeights; lowQaThreshold: number; version: number }) {
  const t = useTranslations("assessment.admin");
  const tc = useTranslations("assessment.col");
  const [values, setValues] = useState<Record<string, string>>({ ...Object.fromEntries(ASSESSMENT_COMPONENTS.map((k) => [k, String(weights[k])])), lowQaThreshold: String(lowQaThreshold) });
  const save = useAction(saveAssessmentWeightsAction, { success: t("saved") });
  const sum = ASSESSMENT_COMPONENTS.reduce((s, k) => s + (Number.parseInt(values[k] ?? "", 10) || 0), 0);
  return (
    <Section title={t("weights")} description={t("weightsHint")}>
      <form
        aria-label={t("weights")}
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run({ ...values, version });
        }}
      >
        {save.error && !Object.keys(save.fields).length && <Alert tone="error">{save.error}</Alert>}
        <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
          {ASSESSMENT_COMPONENTS.map((k) => (
            <Field key={k} id={`weight-${k}`} label={tc(k)} error={save.fieldError(k)} required>
              <TextInput type="number" inputMode="numeric" min={0} max={100} step={1} value={values[k]} onChange={(e) => setValues({ ...values, [k]: e.target.value })} />
            </Field>
          ))}
        </div>
        <p className={sum === 100 ? "text-sm text-slate-600" : "text-sm font-medium text-bad"} aria-live="polite">
          {t("sum", { sum })}
        </p>
        <Field id="low-qa-threshold" label={t("lowQaThreshold")} hint={t("lowQaThresholdHint")} error={save.fieldError("lowQaThreshold")} className="max-w-xs" required>
          <TextInput type="number" inputMode="numeric" min={0} max={100} step={1} value={values.lowQaThreshold} onChange={(e) => setValues({ ...values, lowQaThreshold: e.target.value })} />
        </Field>
        <Button type="submit" variant="primary" pending={save.pending}>
          {t("save")}
        </Button>
      </form>
    </Section>
  );
}

/** "Run now" for a month: computes it at once (the nightly job does the current month, the 1st the month before). */
export function RunNowForm({ months }: { months: string[] }) {
  const t = useTranslations("assessment.admin");
  const [month, setMonth] = useState(months[1] ?? months[0] ?? "");
  const run = useAction(runAssessmentNowAction, { success: (r) => t("ran", { rows: r.rows, ms: r.ms }) });
  return (
    <form
      aria-label={t("runNow")}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run.run({ month });
      }}
    >
      {run.error && !Object.keys(run.fields).length && <Alert tone="error">{run.error}</Alert>}
      <Field id="run-month" label={t("month")} error={run.fieldError("month")}>
        <Select value={month} onChange={(e) => setMonth(e.target.value)} options={months.map((m) => ({ value: m, label: m }))} />
      </Field>
      <Button type="submit" pending={run.pending}>
        {t("runNow")}
      </Button>
    </form>
  );
}
