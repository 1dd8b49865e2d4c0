"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { updateSessionPolicyAction } from "@/app/(app)/admin/users/actions";

const FIELDS = [
  { name: "idleMinutes", min: 5, max: 240 },
  { name: "absoluteHours", min: 1, max: 24 },
] as const;

export function SessionPolicyForm({ policy }: { policy: { idleMinutes: number; absoluteHours: number } }) {
  const t = useTranslations();
  return (
    <ActionForm action={updateSessionPolicyAction} success={t("trust.policySaved")} aria-label={t("trust.sessionPolicy")}>
      {({ pending, fieldError }) => (
        <div className="flex flex-wrap items-start gap-3">
          {FIELDS.map((f) => (
            <Field
              key={f.name}
              id={f.name}
              label={t(`trust.${f.name}`)}
              hint={t("trust.between", { min: f.min, max: f.max })}
              error={fieldError(f.name)}
              className="w-44"
            >
              <TextInput name={f.name} type="number" min={f.min} max={f.max} defaultValue={policy[f.name]} className="tabular-nums" />
            </Field>
          ))}
          <Button type="submit" variant="primary" pending={pending} className="mt-5">
            {t("common.save")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}
