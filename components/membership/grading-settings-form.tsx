"use client";

import { useTranslations } from "next-intl";
import { saveMembershipSettingsAction } from "@/app/(app)/admin/membership/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

/** The grace period (months) a lower computed grade waits before the grade drops. */
export function GradingSettingsForm({ graceMonths, version }: { graceMonths: number; version: number }) {
  const t = useTranslations("membership.admin");
  return (
    <ActionForm
      key={version}
      action={saveMembershipSettingsAction}
      success={t("settingsSaved")}
      aria-label={t("graceMonths")}
      className="flex flex-wrap items-end gap-3 text-sm"
    >
      {({ pending, fieldError }) => (
        <>
          <input type="hidden" name="expectedVersion" value={version} />
          <Field id="grace-months" label={t("graceMonths")} hint={t("graceHint")} error={fieldError("graceMonths")} required className="w-64">
            <TextInput name="graceMonths" type="number" step="1" min={0} max={24} defaultValue={graceMonths} className="text-right tabular-nums" />
          </Field>
          <Button type="submit" pending={pending}>
            {t("saveSettings")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
