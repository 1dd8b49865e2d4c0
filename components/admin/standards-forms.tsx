"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { saveCategoryAction } from "@/app/(app)/admin/service-standards/actions";

// The service-standards forms that are not table rows: a complaint category with its reply scripts.

export interface CategoryFormData {
  id: number;
  version: number;
  code: string;
  isChild: boolean;
  nameZh: string;
  nameEn: string;
  skillTags: string[];
  scriptZh: string;
  scriptEn: string;
  isActive: boolean;
}

export function CategoryForm({ category: c }: { category: CategoryFormData }) {
  const t = useTranslations("serviceStandards");
  const id = `cat-${c.id}`;
  return (
    <ActionForm action={saveCategoryAction} success={t("saved")} aria-label={c.code} className="p-3">
      {({ pending, fieldError }) => (
        <div className="grid gap-x-3 gap-y-2 lg:grid-cols-[10rem_1fr_1fr_1fr_auto]">
          <input type="hidden" name="id" value={c.id} />
          <input type="hidden" name="version" value={c.version} />
          <code className="pt-5 text-xs text-slate-500 lg:row-span-2">
            {c.isChild ? "└ " : ""}
            {c.code}
          </code>
          <Field id={`${id}-nameZh`} label={t("nameZh")} error={fieldError("nameZh")}>
            <TextInput name="nameZh" defaultValue={c.nameZh} maxLength={60} />
          </Field>
          <Field id={`${id}-nameEn`} label={t("nameEn")} error={fieldError("nameEn")}>
            <TextInput name="nameEn" defaultValue={c.nameEn} maxLength={80} />
          </Field>
          <Field id={`${id}-skills`} label={t("skills")} error={fieldError("skillTags")}>
            <TextInput name="skillTags" defaultValue={c.skillTags.join(", ")} maxLength={300} />
          </Field>
          <Field id={`${id}-active`} label={t("active")} inline className="self-end pb-1">
            <Checkbox name="isActive" defaultChecked={c.isActive} />
          </Field>
          <Field id={`${id}-scriptZh`} label={t("scriptZh")} error={fieldError("scriptZh")} className="lg:col-span-1">
            <TextArea name="scriptZh" rows={2} defaultValue={c.scriptZh} maxLength={2000} />
          </Field>
          <Field id={`${id}-scriptEn`} label={t("scriptEn")} error={fieldError("scriptEn")} className="lg:col-span-2">
            <TextArea name="scriptEn" rows={2} defaultValue={c.scriptEn} maxLength={2000} />
          </Field>
          <div className="self-end pb-5">
            <Button type="submit" size="sm" pending={pending} aria-label={`${t("save")} ${c.code}`}>
              {t("save")}
            </Button>
          </div>
        </div>
      )}
    </ActionForm>
  );
}
