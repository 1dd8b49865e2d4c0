import { getTranslations } from "next-intl/server";
import type { Customer360 } from "@/lib/customers/queries";
import { Panel } from "@/components/customers/customer-360-layout";
import { RevealPiiButton } from "@/components/customers/reveal-pii-button";
import type { PiiField } from "@/lib/customers/schemas";

/** Identity, contact (masked, with reveal for allowed roles) and consent / do-not-disturb flags. */
export async function ProfilePanel({ c, canReveal }: { c: Customer360; canReveal: boolean }) {
  const t = await getTranslations();
  const field = (label: string, value: React.ReactNode, pii?: PiiField) => (
    <div className="flex gap-2 py-0.5">
      <dt className="w-24 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words">
        {value || t("common.none")}
        {pii && value && canReveal ? <RevealPiiButton customerId={c.id} field={pii} fieldLabel={label} /> : null}
      </dd>
    </div>
  );
  const flag = (label: string, on: boolean) => (
    <li className={`rounded px-1.5 py-0.5 text-xs ${on ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-500 line-through"}`}>
      {label}
      <span className="sr-only">: {on ? t("customer.yes") : t("customer.no")}</span>
    </li>
  );
  return (
    <Panel id="profile-h" title={t("customer.profile")}>
      <dl className="p-3 text-sm">
        {field(t("customer.gender"), t(`enums.gender.${c.gender}`))}
        {field(t("customer.birthDate"), c.birthDate)}
        {field(t("customer.idNumber"), c.idNumberMasked && <span className="tabular-nums">{c.idNumberMasked}</span>, "idNumber")}
        {field(t("customer.region"), `${c.province} ${c.city}`)}
        {field(t("customer.phone"), c.contactPhoneMasked && <span className="tabular-nums">{c.contactPhoneMasked}</span>, "contactPhone")}
        {field(t("customer.email"), c.emailMasked, "email")}
        {field(t("customer.address"), c.addressMasked, "address")}
        {field(t("customer.language"), t(`enums.language.${c.preferredLang === "en" ? "en" : "zh-CN"}`))}
        {field(t("customer.joinedAt"), c.joinedAt)}
      </dl>
      <div className="border-t border-slate-100 px-3 py-2 text-sm">
        <h3 className="mb-1 text-xs font-semibold text-slate-600">{t("customer.consent")}</h3>
        <ul className="flex flex-wrap gap-1" aria-label={t("customer.consent")}>
          {flag(t("customer.consentSms"), c.consent.sms)}
          {flag(t("customer.consentCall"), c.consent.call)}
          {flag(t("customer.consentEmail"), c.consent.email)}
          {flag(t("customer.consentPush"), c.consent.push)}
        </ul>
      </div>
    </Panel>
  );
}
