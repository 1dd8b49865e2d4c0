"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import {
  deactivateQaFormItemAction,
  saveNormAction,
  saveQaFormAction,
  saveQaFormItemAction,
  saveQualitySettingsAction,
  saveSamplingRuleAction,
} from "@/app/(app)/admin/quality/actions";
import { DISPUTE_WINDOW_MAX, DISPUTE_WINDOW_MIN, QA_SAMPLING_KINDS, QA_SECTIONS, SERVICE_NORM_KINDS } from "@/lib/quality/schemas";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog, DialogFooter } from "@/components/ui/dialog";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

// The admin's QA configuration forms (issue 24): norms, forms, items, sampling rules, settings.
// Each one a dialog over ActionForm (Ctrl+Enter saves); the lib checks versions and audits.

export interface NormValue {
  id: number;
  version: number;
  kind: string;
  code: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  isActive: boolean;
}

function useOpen() {
  const [open, setOpen] = useState(false);
  return { open, setOpen };
}

export function NormDialog({ norm, label }: { norm?: NormValue; label: string }) {
  const t = useTranslations("quality.admin");
  const te = useTranslations("enums.serviceNormKind");
  const id = useId();
  const { open, setOpen } = useOpen();
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button size="sm" variant={norm ? "ghost" : "secondary"}>{label}</Button>}
      title={norm ? t("editNorm") : t("newNorm")}
      size="lg"
      footer={<DialogFooter submitLabel={t("save")} form={id} />}
    >
      <ActionForm id={id} action={saveNormAction} success={t("saved")} onSuccess={() => setOpen(false)} className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {({ fieldError }) => (
          <>
            {norm && <input type="hidden" name="id" value={norm.id} />}
            {norm && <input type="hidden" name="version" value={norm.version} />}
            <Field id={`${id}-kind`} label={t("kind")} error={fieldError("kind")} required>
              <Select name="kind" defaultValue={norm?.kind ?? "LANGUAGE"} options={SERVICE_NORM_KINDS.map((k) => ({ value: k, label: te(k) }))} />
            </Field>
            <Field id={`${id}-code`} label={t("code")} hint={t("codeHint")} error={fieldError("code")} required>
              <TextInput name="code" defaultValue={norm?.code ?? ""} maxLength={40} />
            </Field>
            <Field id={`${id}-titleZh`} label={t("titleZh")} error={fieldError("titleZh")} required>
              <TextInput name="titleZh" defaultValue={norm?.titleZh ?? ""} maxLength={120} />
            </Field>
            <Field id={`${id}-titleEn`} label={t("titleEn")} error={fieldError("titleEn")} required>
              <TextInput name="titleEn" defaultValue={norm?.titleEn ?? ""} maxLength={160} />
            </Field>
            <Field id={`${id}-descriptionZh`} label={t("descriptionZh")} error={fieldError("descriptionZh")}>
              <TextArea name="descriptionZh" defaultValue={norm?.descriptionZh ?? ""} maxLength={2000} />
            </Field>
            <Field id={`${id}-descriptionEn`} label={t("descriptionEn")} error={fieldError("descriptionEn")}>
              <TextArea name="descriptionEn" defaultValue={norm?.descriptionEn ?? ""} maxLength={3000} />
            </Field>
            <Field id={`${id}-active`} label={t("active")} inline>
              <Checkbox name="isActive" defaultChecked={norm?.isActive ?? true} />
            </Field>
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}

export interface QaFormValue {
  id: number;
  version: number;
  nameZh: string;
  nameEn: string;
  target: string;
  passScore: number;
  isActive: boolean;
}

export function QaFormDialog({ form, label }: { form?: QaFormValue; label: string }) {
  const t = useTranslations("quality.admin");
  const te = useTranslations("enums.qaTarget");
  const id = useId();
  const { open, setOpen } = useOpen();
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button size="sm" variant="secondary">{label}</Button>}
      title={form ? t("editForm") : t("newForm")}
      footer={<DialogFooter submitLabel={t("save")} form={id} />}
    >
      <ActionForm id={id} action={saveQaFormAction} success={t("saved")} onSuccess={() => setOpen(false)} className="space-y-3">
        {({ fieldError }) => (
          <>
            {form && <input type="hidden" name="id" value={form.id} />}
            {form && <input type="hidden" name="version" value={form.version} />}
            <Field id={`${id}-nameZh`} label={t("nameZh")} error={fieldError("nameZh")} required>
              <TextInput name="nameZh" defaultValue={form?.nameZh ?? ""} maxLength={80} />
            </Field>
            <Field id={`${id}-nameEn`} label={t("nameEn")} error={fieldError("nameEn")} required>
              <TextInput name="nameEn" defaultValue={form?.nameEn ?? ""} maxLength={120} />
            </Field>
            <Field id={`${id}-target`} label={t("target")} hint={form ? t("targetFixed") : undefined} error={fieldError("target")} required>
              <Select name="target" defaultValue={form?.target ?? "CONTACT"} options={["CONTACT", "COMPLAINT"].map((k) => ({ value: k, label: te(k) }))} />
            </Field>
            <Field id={`${id}-pass`} label={t("passScore")} error={fieldError("passScore")} required>
              <TextInput name="passScore" type="number" inputMode="numeric" min={0} max={100} defaultValue={form?.passScore ?? 80} />
            </Field>
            <Field id={`${id}-active`} label={t("active")} inline>
              <Checkbox name="isActive" defaultChecked={form?.isActive ?? true} />
            </Field>
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}

export interface ItemValue {
  id: number;
  section: string;
  labelZh: string;
  labelEn: string;
  maxPoints: number;
  weight: number;
  isFatal: boolean;
  normId: number | null;
  sortOrder: number;
}

export function ItemDialog({ formId, formVersion, item, norms, label, locale }: { formId: number; formVersion: number; item?: ItemValue; norms: Array<{ id: number; code: string; titleZh: string; titleEn: string }>; label: string; locale: string }) {
  const t = useTranslations("quality.admin");
  const te = useTranslations("enums.qaSection");
  const id = useId();
  const { open, setOpen } = useOpen();
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="sm" variant={item ? "ghost" : "primary"} aria-label={item ? t("editItemOf", { item: locale === "en" ? item.labelEn : item.labelZh }) : undefined}>
          {label}
        </Button>
      }
      title={item ? t("editItem") : t("newItem")}
      description={item ? t("editItemHint") : undefined}
      size="lg"
      footer={<DialogFooter submitLabel={t("save")} form={id} />}
    >
      <ActionForm id={id} action={saveQaFormItemAction} success={(d) => (d.replaced ? t("itemReplaced") : t("saved"))} onSuccess={() => setOpen(false)} className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {({ fieldError }) => (
          <>
            <input type="hidden" name="formId" value={formId} />
            <input type="hidden" name="formVersion" value={formVersion} />
            {item && <input type="hidden" name="itemId" value={item.id} />}
            <Field id={`${id}-section`} label={t("section")} error={fieldError("section")} required>
              <Select name="section" defaultValue={item?.section ?? "ATTITUDE"} options={QA_SECTIONS.map((k) => ({ value: k, label: te(k) }))} />
            </Field>
            <Field id={`${id}-norm`} label={t("norm")} error={fieldError("normId")}>
              <Select name="normId" defaultValue={item?.normId ?? ""} placeholder={t("noNorm")} options={norms.map((n) => ({ value: n.id, label: `${n.code} · ${locale === "en" ? n.titleEn : n.titleZh}` }))} />
            </Field>
            <Field id={`${id}-labelZh`} label={t("labelZh")} error={fieldError("labelZh")} required>
              <TextInput name="labelZh" defaultValue={item?.labelZh ?? ""} maxLength={200} />
            </Field>
            <Field id={`${id}-labelEn`} label={t("labelEn")} error={fieldError("labelEn")} required>
              <TextInput name="labelEn" defaultValue={item?.labelEn ?? ""} maxLength={300} />
            </Field>
            <Field id={`${id}-max`} label={t("maxPoints")} error={fieldError("maxPoints")} required>
              <TextInput name="maxPoints" type="number" inputMode="numeric" min={1} max={100} defaultValue={item?.maxPoints ?? 5} />
            </Field>
            <Field id={`${id}-weight`} label={t("weight")} hint={t("weightHint")} error={fieldError("weight")} required>
              <TextInput name="weight" type="number" inputMode="numeric" min={0} max={100} defaultValue={item?.weight ?? 10} />
            </Field>
            <Field id={`${id}-order`} label={t("sortOrder")} error={fieldError("sortOrder")}>
              <TextInput name="sortOrder" type="number" inputMode="numeric" min={0} max={10000} defaultValue={item?.sortOrder ?? 0} />
            </Field>
            <Field id={`${id}-fatal`} label={t("fatal")} hint={t("fatalHint")} inline>
              <Checkbox name="isFatal" defaultChecked={item?.isFatal ?? false} />
            </Field>
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}

export function DeactivateItemButton({ formId, formVersion, itemId, name }: { formId: number; formVersion: number; itemId: number; name: string }) {
  const t = useTranslations("quality.admin");
  const [open, setOpen] = useState(false);
  const { run, pending } = useAction(deactivateQaFormItemAction, { success: t("itemDeactivated"), onSuccess: () => setOpen(false) });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="sm" variant="ghost" aria-label={t("deactivateOf", { item: name })}>
          {t("deactivate")}
        </Button>
      }
      title={t("deactivateTitle")}
      description={t("deactivateText", { item: name })}
      confirmLabel={t("deactivate")}
      pending={pending}
      onConfirm={() => run({ formId, formVersion, itemId })}
    />
  );
}

export interface RuleValue {
  id: number;
  version: number;
  kind: string;
  param: number;
  formId: number;
  isActive: boolean;
}

export function RuleDialog({ rule, forms, label, locale }: { rule?: RuleValue; forms: Array<{ id: number; nameZh: string; nameEn: string; target: string }>; label: string; locale: string }) {
  const t = useTranslations("quality.admin");
  const te = useTranslations("enums.qaSamplingKind");
  const id = useId();
  const { open, setOpen } = useOpen();
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button size="sm" variant={rule ? "ghost" : "secondary"}>{label}</Button>}
      title={rule ? t("editRule") : t("newRule")}
      description={t("ruleHint")}
      footer={<DialogFooter submitLabel={t("save")} form={id} />}
    >
      <ActionForm id={id} action={saveSamplingRuleAction} success={t("saved")} onSuccess={() => setOpen(false)} className="space-y-3">
        {({ fieldError }) => (
          <>
            {rule && <input type="hidden" name="id" value={rule.id} />}
            {rule && <input type="hidden" name="version" value={rule.version} />}
            <Field id={`${id}-kind`} label={t("ruleKind")} error={fieldError("kind")} required>
              <Select name="kind" defaultValue={rule?.kind ?? "RANDOM_PER_AGENT_WEEK"} options={QA_SAMPLING_KINDS.map((k) => ({ value: k, label: te(k) }))} />
            </Field>
            <Field id={`${id}-param`} label={t("param")} hint={t("paramHint")} error={fieldError("param")}>
              <TextInput name="param" type="number" inputMode="numeric" min={0} max={600} defaultValue={rule?.param ?? 3} />
            </Field>
            <Field id={`${id}-form`} label={t("form")} error={fieldError("formId")} required>
              <Select name="formId" defaultValue={rule?.formId ?? forms[0]?.id ?? ""} options={forms.map((f) => ({ value: f.id, label: locale === "en" ? f.nameEn : f.nameZh }))} />
            </Field>
            <Field id={`${id}-active`} label={t("active")} inline>
              <Checkbox name="isActive" defaultChecked={rule?.isActive ?? true} />
            </Field>
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}

export function QualitySettingsForm({ disputeWindowDays }: { disputeWindowDays: number }) {
  const t = useTranslations("quality.admin");
  return (
    <ActionForm action={saveQualitySettingsAction} success={t("saved")} className="flex flex-wrap items-end gap-2" aria-label={t("settings")}>
      {({ fieldError, pending }) => (
        <>
          <Field id="qa-window" label={t("disputeWindow")} hint={t("disputeWindowHint", { min: DISPUTE_WINDOW_MIN, max: DISPUTE_WINDOW_MAX })} error={fieldError("disputeWindowDays")} className="w-72" required>
            <TextInput name="disputeWindowDays" type="number" inputMode="numeric" min={DISPUTE_WINDOW_MIN} max={DISPUTE_WINDOW_MAX} defaultValue={disputeWindowDays} />
          </Field>
          <Button type="submit" pending={pending}>
            {t("save")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
