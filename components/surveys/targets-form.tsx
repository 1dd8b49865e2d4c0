"use client";

import { useTranslations } from "next-intl";
import { updateMetricTargetsAction } from "@/app/(app)/surveys/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

type Targets = { issueSatisfactionMin: number; complaintSatisfactionMin: number; averageHandlingHoursMax: number; version: number };

/** The dashboards' reference lines: satisfaction floors in percent, the handling-time ceiling in hours. */
export function TargetsForm({ targets }: { targets: Targets }) {
  const t = useTranslations("surveys");
  const fields = [
    { name: "issueSatisfactionMin", label: t("targets.issue"), value: targets.issueSatisfactionMin * 100, step: 0.1, max: 100 },
    { name: "complaintSatisfactionMin", label: t("targets.complaint"), value: targets.complaintSatisfactionMin * 100, step: 0.1, max: 100 },
    { name: "averageHandlingHoursMax", label: t("targets.aht"), value: targets.averageHandlingHoursMax, step: 0.5, max: 1000 },
  ];
  return (
    <ActionForm action={updateMetricTargetsAction} success={t("saved")}>
      {({ pending, fieldError }) => (
        <div className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="version" value={targets.version} />
          {fields.map((f) => (
            <Field key={f.name} id={`target-${f.name}`} label={f.label} error={fieldError(f.name)} required className="w-48">
              <TextInput type="number" name={f.name} step={f.step} min={0} max={f.max} defaultValue={f.value} />
            </Field>
          ))}
          <Button type="submit" variant="primary" pending={pending}>
            {t("targets.save")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}
