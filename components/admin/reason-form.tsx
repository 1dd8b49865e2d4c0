"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { FormTable } from "@/components/ui/form-table";
import { TextInput } from "@/components/ui/inputs";
import { createReasonAction, updateReasonAction } from "@/app/(app)/admin/reasons/actions";

type Reason = { code: string; nameZh: string; nameEn: string; sortOrder: number; isActive: boolean };

/** The reason codes, each row saved on its own; codes are permanent, so only names, order and Active change. */
export function ReasonTable({ reasons }: { reasons: Reason[] }) {
  const t = useTranslations("reasonAdmin");
  return (
    <FormTable
      label={t("listTitle")}
      action={updateReasonAction}
      success={t("saved")}
      saveLabel={t("save")}
      columns={[
        { id: "code", header: t("code"), format: "code" },
        { id: "nameZh", header: t("nameZh"), control: { type: "text", maxLength: 60 } },
        { id: "nameEn", header: t("nameEn"), control: { type: "text", maxLength: 80 } },
        { id: "sortOrder", header: t("sortOrder"), control: { type: "number", min: 0, max: 9999 } },
        { id: "isActive", header: t("active"), align: "center", control: { type: "checkbox" } },
      ]}
      rows={reasons.map((r) => ({ id: r.code, label: t("editRow", { code: r.code }), keys: { code: r.code }, values: { ...r } }))}
    />
  );
}

/** A new reason code. */
export function NewReasonForm() {
  const t = useTranslations("reasonAdmin");
  return (
    <ActionForm action={createReasonAction} success={t("saved")} resetOnSuccess aria-label={t("newRow")}>
      {({ pending, fieldError }) => (
        <div className="grid grid-cols-1 items-start gap-3 md:grid-cols-[12rem_1fr_1fr_6rem_auto_auto]">
          <Field id="new-reason-code" label={t("code")} hint={t("codeHint")} error={fieldError("code")}>
            <TextInput name="code" placeholder="NEW_REASON" maxLength={40} className="font-mono uppercase" />
          </Field>
          <Field id="new-reason-nameZh" label={t("nameZh")} error={fieldError("nameZh")}>
            <TextInput name="nameZh" maxLength={60} />
          </Field>
          <Field id="new-reason-nameEn" label={t("nameEn")} error={fieldError("nameEn")}>
            <TextInput name="nameEn" maxLength={80} />
          </Field>
          <Field id="new-reason-sortOrder" label={t("sortOrder")} error={fieldError("sortOrder")}>
            <TextInput name="sortOrder" type="number" min={0} max={9999} defaultValue={100} className="text-right tabular-nums" />
          </Field>
          <Field id="new-reason-active" label={t("active")} inline className="md:mt-6">
            <Checkbox name="isActive" defaultChecked />
          </Field>
          <Button type="submit" variant="primary" pending={pending} className="md:mt-5">
            {t("add")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}
