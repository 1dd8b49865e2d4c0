"use client";

import { useLocale, useTranslations } from "next-intl";
import { updateSurveyTemplateAction } from "@/app/(app)/surveys/actions";
import type { CsiDimensionDef } from "@/lib/surveys/rules";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

export interface TemplateFormData {
  id: number;
  version: number;
  code: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  questionZh: string;
  questionEn: string;
  allowComment: boolean;
  isActive: boolean;
  dimensions: CsiDimensionDef[];
}

const TEXTS = [
  ["nameZh", 80],
  ["nameEn", 80],
  ["questionZh", 300],
  ["questionEn", 300],
] as const;

/** An admin edits one template's names, question, CSI weights and switches (version-checked). */
export function TemplateForm({ template: x }: { template: TemplateFormData }) {
  const t = useTranslations("surveys");
  const zh = useLocale() === "zh-CN";
  const key = (name: string) => `tpl-${x.id}-${name}`;
  return (
    <ActionForm action={updateSurveyTemplateAction} success={t("saved")} aria-label={zh ? x.nameZh : x.nameEn} className="p-3.5">
      {({ pending, fieldError }) => (
        <div className="grid gap-x-3 gap-y-2 md:grid-cols-2">
          <input type="hidden" name="id" value={x.id} />
          <input type="hidden" name="version" value={x.version} />
          <input type="hidden" name="dimensionsJson" value={JSON.stringify(x.dimensions)} />
          <p className="text-sm font-semibold md:col-span-2">
            {x.code} · {x.kind}
          </p>
          {TEXTS.map(([name, max]) => (
            <Field key={name} id={key(name)} label={t(`templates.${name}`)} error={fieldError(name)} required>
              <TextInput name={name} defaultValue={x[name]} maxLength={max} />
            </Field>
          ))}
          {x.dimensions.map((d, i) => (
            <Field key={d.code} id={key(`weight-${d.code}`)} label={t("templates.weight", { name: zh ? d.labelZh : d.labelEn })} error={fieldError(`dimensions.${i}.weight`)}>
              <TextInput type="number" step={0.1} min={0} max={100} name={`weight_${d.code}`} defaultValue={d.weight} />
            </Field>
          ))}
          <div className="flex flex-wrap items-center gap-4 md:col-span-2">
            <Field id={key("allowComment")} label={t("templates.allowComment")} inline>
              <Checkbox name="allowComment" defaultChecked={x.allowComment} />
            </Field>
            <Field id={key("isActive")} label={t("templates.active")} inline>
              <Checkbox name="isActive" defaultChecked={x.isActive} />
            </Field>
            <Button type="submit" pending={pending} className="ml-auto" aria-label={t("templates.saveNamed", { name: x.code })}>
              {t("templates.save")}
            </Button>
          </div>
        </div>
      )}
    </ActionForm>
  );
}
