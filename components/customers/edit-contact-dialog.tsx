"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { updateContactAction } from "@/app/(app)/customers/[id]/actions";

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
  const te = useTranslations("errors");
  const router = useRouter();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    start(async () => {
      const r = await updateContactAction({
        customerId: contact.customerId,
        version: contact.version,
        contactPhone: String(f.get("contactPhone") ?? ""),
        email: String(f.get("email") ?? ""),
        address: String(f.get("address") ?? ""),
        preferredLang: f.get("preferredLang"),
        consentSms: f.get("consentSms") === "on",
        consentCall: f.get("consentCall") === "on",
        consentEmail: f.get("consentEmail") === "on",
        consentPush: f.get("consentPush") === "on",
        doNotDisturb: f.get("doNotDisturb") === "on",
      });
      if (r.ok) {
        ref.current?.close();
        setSaved(true);
        router.refresh();
      } else {
        setError(te(r.error));
        setFields(r.fields ?? {});
      }
    });
  }
  const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";
  const text = (name: "contactPhone" | "email" | "address", label: string, current: string, type = "text") => (
    <div className="text-sm">
      <label htmlFor={`ec-${name}`} className="mb-1 block">
        {label}
      </label>
      <input
        id={`ec-${name}`}
        name={name}
        type={type}
        placeholder={current}
        aria-describedby={`ec-${name}-hint`}
        aria-invalid={fields[name] ? true : undefined}
        className={input}
        autoComplete="off"
      />
      <span id={`ec-${name}-hint`} className={`text-xs ${fields[name] ? "text-bad" : "text-slate-500"}`}>
        {fields[name] ? t("fieldInvalid") : t("keepIfEmpty", { current: current || t("none") })}
      </span>
    </div>
  );
  const box = (name: string, label: string, checked: boolean) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} />
      {label}
    </label>
  );
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          setFields({});
          setSaved(false);
          ref.current?.showModal();
        }}
        className="rounded border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100"
      >
        {t("editContact")}
      </button>
      <p role="status" className="sr-only">
        {saved ? t("contactSaved") : ""}
      </p>
      <dialog ref={ref} aria-labelledby="ec-h" className="m-auto w-[28rem] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/30">
        {/* keyed by version: after a save elsewhere and a reload, the form starts from the new values */}
        <form key={contact.version} onSubmit={submit} className="space-y-3 p-4">
          <h2 id="ec-h" className="font-semibold">
            {t("editContact")}
          </h2>
          {text("contactPhone", t("phone"), contact.contactPhoneMasked, "tel")}
          {text("email", t("email"), contact.emailMasked, "email")}
          {text("address", t("address"), contact.addressMasked)}
          <label className="block text-sm">
            <span className="mb-1 block">{t("preferredLang")}</span>
            <select name="preferredLang" defaultValue={contact.preferredLang === "en" ? "en" : "zh-CN"} className={input}>
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <fieldset className="grid grid-cols-2 gap-1 rounded border border-slate-200 p-2">
            <legend className="px-1 text-sm">{t("consent")}</legend>
            {box("consentSms", t("consentSms"), contact.consent.sms)}
            {box("consentCall", t("consentCall"), contact.consent.call)}
            {box("consentEmail", t("consentEmail"), contact.consent.email)}
            {box("consentPush", t("consentPush"), contact.consent.push)}
            {box("doNotDisturb", t("doNotDisturb"), contact.consent.doNotDisturb)}
          </fieldset>
          {error && (
            <p role="alert" className="text-sm text-bad">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => ref.current?.close()} className="rounded border border-slate-300 px-3 py-1 text-sm">
              {t("cancel")}
            </button>
            <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1 text-sm text-white disabled:opacity-60">
              {pending ? t("working") : t("save")}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
