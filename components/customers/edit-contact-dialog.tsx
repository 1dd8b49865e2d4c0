"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { updateContactAction } from "@/app/(app)/customers/[id]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

export interface EditableContact {
  customerId: number;
  version: number;
  contactPhoneMasked: string;
  emailMasked: string;
  addressMasked: string;
  preferredLang: string;
  consent: { sms: boolean; call: boolean; email: boolean; push: boolean; doNotDisturb: boolean };
}

/**
 * Contact details and consent, saved with the version the editor loaded: if someone else saved
 * first the server refuses (conflict) and this form keeps what was typed. The clear contact values
 * never reach the browser: an empty field keeps the current value.
 */
export function EditContactDialog({ contact }: { contact: EditableContact }) {
  const t = useTranslations("c360");
  const tEnum = useTranslations("enums");
  const [open, setOpen] = useState(false);
  const texts = [
    ["contactPhone", t("phone"), contact.contactPhoneMasked, "tel", 20],
    ["email", t("email"), contact.emailMasked, "email", 120],
    ["address", t("address"), contact.addressMasked, "text", 200],
  ] as const;
  const consents = [
    ["consentSms", t("consentSms"), contact.consent.sms],
    ["consentCall", t("consentCall"), contact.consent.call],
    ["consentEmail", t("consentEmail"), contact.consent.email],
    ["consentPush", t("consentPush"), contact.consent.push],
    ["doNotDisturb", t("doNotDisturb"), contact.consent.doNotDisturb],
  ] as const;
  return (
    <Dialog open={open} onOpenChange={setOpen} title={t("editContact")} trigger={<Button>{t("editContact")}</Button>}>
      {/* keyed by version: after a save elsewhere and a reload, the form starts from the new values */}
      <ActionForm key={contact.version} action={updateContactAction} success={t("contactSaved")} onSuccess={() => setOpen(false)} className="space-y-3">
        {({ pending, fieldError }) => (
          <>
            <input type="hidden" name="customerId" value={contact.customerId} />
            <input type="hidden" name="version" value={contact.version} />
            {texts.map(([name, label, current, type, max]) => (
              <Field key={name} id={`ec-${name}`} label={label} hint={t("keepIfEmpty", { current: current || t("none") })} error={fieldError(name)}>
                <TextInput name={name} type={type} placeholder={current} maxLength={max} counter={false} autoComplete="off" />
              </Field>
            ))}
            <Field id="ec-preferredLang" label={t("preferredLang")}>
              <Select
                name="preferredLang"
                defaultValue={contact.preferredLang === "en" ? "en" : "zh-CN"}
                options={[
                  { value: "zh-CN", label: tEnum("language.zh-CN") },
                  { value: "en", label: tEnum("language.en") },
                ]}
              />
            </Field>
            <fieldset className="grid grid-cols-2 gap-1 rounded border border-slate-200 p-2">
              <legend className="px-1 text-sm">{t("consent")}</legend>
              {consents.map(([name, label, checked]) => (
                <Field key={name} id={`ec-${name}`} label={label} inline>
                  <Checkbox name={name} defaultChecked={checked} />
                </Field>
              ))}
            </fieldset>
            <DialogFooter submitLabel={t("save")} pending={pending} />
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}
