import { getTranslations } from "next-intl/server";
import type { Customer360 } from "@/lib/customers/queries";
import type { PiiField } from "@/lib/customers/schemas";
import { Badge, Section } from "@/components/ui/card";
import { RevealPiiButton } from "@/components/customers/reveal-pii-button";

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
  const consents = [
    [t("customer.consentSms"), c.consent.sms],
    [t("customer.consentCall"), c.consent.call],
    [t("customer.consentEmail"), c.consent.email],
    [t("customer.consentPush"), c.consent.push],
  ] as const;
  return (
    <Section id="profile" title={t("customer.profile")}>
      <dl className="text-sm">
        {field(t("customer.gender"), t(`enums.gender.${c.gender}`))}
        {/* Roles without reveal permission get the year only (with the region and the last 4 it would rebuild the ID). */}
        {c.birthDate !== null ? field(t("customer.birthDate"), c.birthDate) : field(t("customer.birthYear"), c.birthYear)}
        {field(t("customer.idNumber"), c.idNumberMasked && <span className="tabular-nums">{c.idNumberMasked}</span>, "idNumber")}
        {field(t("customer.region"), `${c.province} ${c.city}`)}
        {field(t("customer.phone"), c.contactPhoneMasked && <span className="tabular-nums">{c.contactPhoneMasked}</span>, "contactPhone")}
        {field(t("customer.email"), c.emailMasked, "email")}
        {field(t("customer.address"), c.addressMasked, "address")}
        {field(t("customer.language"), t(`enums.language.${c.preferredLang === "en" ? "en" : "zh-CN"}`))}
        {field(t("customer.joinedAt"), c.joinedAt)}
      </dl>
      <h3 className="mt-2 border-t border-slate-100 pt-2 text-xs font-semibold text-slate-600">{t("customer.consent")}</h3>
      <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("customer.consent")}>
        {consents.map(([label, on]) => (
          <li key={label}>
            <Badge tone={on ? "ok" : "neutral"} className={on ? undefined : "text-slate-600 line-through"}>
              {label}
              <span className="sr-only">: {on ? t("customer.yes") : t("customer.no")}</span>
            </Badge>
          </li>
        ))}
      </ul>
    </Section>
  );
}
