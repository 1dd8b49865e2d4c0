"use client";

import { useTranslations } from "next-intl";
import { saveOfferRuleAction } from "@/app/(app)/admin/value/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

type Rule = { id: number; code: string; nameZh: string; nameEn: string; condition: string; threshold: number; priority: number; isActive: boolean; version: number };

/** One editable next-best-offer rule (names, threshold, priority, active). */
export function OfferRuleForm({ rule }: { rule: Rule }) {
  const t = useTranslations("value.offers");
  const id = (name: string) => `offer-${rule.id}-${name}`;
  return (
    <ActionForm action={saveOfferRuleAction} success={t("saved")} aria-label={rule.code} className="border-b border-slate-100 p-3 text-sm last:border-b-0">
      {({ pending, fieldError }) => (
        <div className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="id" value={rule.id} />
          <input type="hidden" name="expectedVersion" value={rule.version} />
          <div className="w-48 pt-5">
            <div className="font-medium">{rule.code}</div>
            <div className="text-xs text-slate-500">{t(`condition.${rule.condition}`)}</div>
          </div>
          <Field id={id("nameZh")} label={t("nameZh")} error={fieldError("nameZh")} required className="w-44">
            <TextInput name="nameZh" defaultValue={rule.nameZh} maxLength={60} />
          </Field>
          <Field id={id("nameEn")} label={t("nameEn")} error={fieldError("nameEn")} required className="w-56">
            <TextInput name="nameEn" defaultValue={rule.nameEn} maxLength={80} />
          </Field>
          <Field id={id("threshold")} label={t(`threshold.${rule.condition}`)} error={fieldError("threshold")} className="w-44">
            <TextInput name="threshold" type="number" step="0.1" min={0} defaultValue={rule.threshold} className="text-right tabular-nums" />
          </Field>
          <Field id={id("priority")} label={t("priority")} error={fieldError("priority")} className="w-24">
            <TextInput name="priority" type="number" min={0} defaultValue={rule.priority} className="text-right tabular-nums" />
          </Field>
          <Field id={id("isActive")} label={t("active")} inline className="pt-6">
            <Checkbox name="isActive" defaultChecked={rule.isActive} />
          </Field>
          <div className="pt-5">
            <Button type="submit" pending={pending}>
              {t("save", { code: rule.code })}
            </Button>
          </div>
        </div>
      )}
    </ActionForm>
  );
}
