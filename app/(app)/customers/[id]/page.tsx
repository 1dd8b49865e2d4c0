import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { getCustomer360 } from "@/lib/customers/queries";
import { NotFoundError } from "@/lib/shared/errors";
import { BillingCharts } from "@/components/customers/billing-charts";
import { CustomerComplaintsPanel } from "@/components/complaints/customer-complaints-panel";
import { SurveyResponsesPanel } from "@/components/surveys/survey-responses-panel";

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const t = await getTranslations();
  const locale = await getLocale();
  const customerId = /^\d{1,9}$/.test(id) ? Number(id) : -1;
  let c;
  try {
    c = await getCustomer360(actor, customerId);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const yes = (b: boolean) => (b ? t("customer.yes") : t("customer.no"));
  const field = (label: string, value: React.ReactNode) => (
    <div className="flex gap-2 py-0.5">
      <dt className="w-28 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0">{value || t("common.none")}</dd>
    </div>
  );
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">{c.name}</h1>
        <span className="text-sm text-slate-500">{c.customerNo}</span>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`enums.customerType.${c.type}`)}</span>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`enums.customerStatus.${c.status}`)}</span>
        {c.specialCare !== "NONE" && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">{t(`enums.specialCare.${c.specialCare}`)}</span>}
        <Link href="/customers" className="ml-auto text-sm text-brand-700 hover:underline">
          {t("customer.back")}
        </Link>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <section className="card" aria-labelledby="profile-h">
          <h2 id="profile-h" className="card-title">
            {t("customer.profile")}
          </h2>
          <dl className="p-3 text-sm">
            {field(t("customer.gender"), t(`enums.gender.${c.gender}`))}
            {field(t("customer.birthDate"), c.birthDate)}
            {field(t("customer.idNumber"), <span className="tabular-nums">{c.idNumberMasked}</span>)}
            {field(t("customer.region"), `${c.province} ${c.city}`)}
            {field(t("customer.phone"), <span className="tabular-nums">{c.contactPhoneMasked}</span>)}
            {field(t("customer.email"), c.emailMasked)}
            {field(t("customer.address"), c.addressMasked)}
            {field(t("customer.language"), t(`enums.language.${c.preferredLang === "en" ? "en" : "zh-CN"}`))}
            {field(t("customer.joinedAt"), c.joinedAt)}
            {field(
              t("customer.consent"),
              `${t("customer.consentSms")} ${yes(c.consent.sms)} · ${t("customer.consentCall")} ${yes(c.consent.call)} · ${t("customer.consentEmail")} ${yes(c.consent.email)} · ${t("customer.consentPush")} ${yes(c.consent.push)}`,
            )}
            {field(t("customer.doNotDisturb"), yes(c.consent.doNotDisturb))}
          </dl>
        </section>
        <section className="card lg:col-span-2" aria-labelledby="lines-h">
          <h2 id="lines-h" className="card-title">
            {t("customer.lines")}
          </h2>
          {c.lines.length === 0 ? (
            <p className="p-3 text-sm text-slate-500">{t("customer.noLines")}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>{t("customer.number")}</th>
                  <th>{t("customer.plan")}</th>
                  <th>{t("customer.network")}</th>
                  <th>{t("customer.status")}</th>
                  <th className="num">{t("customer.monthlyFee")}</th>
                  <th>{t("customer.startDate")}</th>
                  <th>{t("customer.contractEnd")}</th>
                </tr>
              </thead>
              <tbody>
                {c.lines.map((l) => (
                  <tr key={l.id}>
                    <td className="tabular-nums">{l.msisdnMasked}</td>
                    <td>{locale === "en" ? l.planNameEn : l.planNameZh}</td>
                    <td>{t(`enums.network.${l.network}`)}</td>
                    <td>{t(`enums.lineStatus.${l.status}`)}</td>
                    <td className="num">{l.monthlyFee}</td>
                    <td className="tabular-nums">{l.startDate}</td>
                    <td className="tabular-nums">{l.contractEndDate ?? t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 className="card-title border-t border-slate-100">{t("customer.accounts")}</h3>
          <table className="data">
            <thead>
              <tr>
                <th>{t("customer.accountNo")}</th>
                <th>{t("customer.paymentMethod")}</th>
                <th>{t("customer.creditClass")}</th>
                <th className="num">{t("customer.balance")}</th>
                <th className="num">{t("customer.arrears")}</th>
              </tr>
            </thead>
            <tbody>
              {c.accounts.map((a) => (
                <tr key={a.id}>
                  <td className="tabular-nums">{a.accountNo}</td>
                  <td>{t(`enums.paymentMethod.${a.paymentMethod}`)}</td>
                  <td>{a.creditClass}</td>
                  <td className="num">{a.balance}</td>
                  <td className={`num ${Number(a.arrears) > 0 ? "text-bad" : ""}`}>{a.arrears}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <CustomerComplaintsPanel actor={actor} customerId={c.id} />
      <SurveyResponsesPanel actor={actor} customerId={c.id} />
      <section className="card" aria-labelledby="bills-h">
        <h2 id="bills-h" className="card-title">
          {t("customer.bills")}
        </h2>
        {c.bills.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("customer.noBills")}</p>
        ) : (
          <div className="grid gap-2 p-2 lg:grid-cols-2">
            <BillingCharts bills={c.bills} />
            <table className="data">
              <thead>
                <tr>
                  <th>{t("customer.month")}</th>
                  <th className="num">{t("customer.voice")}</th>
                  <th className="num">{t("customer.data")}</th>
                  <th className="num">{t("customer.vas")}</th>
                  <th className="num">{t("customer.total")}</th>
                  <th className="num">{t("customer.dataMb")}</th>
                  <th>{t("customer.paid")}</th>
                </tr>
              </thead>
              <tbody>
                {[...c.bills].reverse().slice(0, 6).map((b) => (
                  <tr key={b.month}>
                    <td className="tabular-nums">{b.month}</td>
                    <td className="num">{b.voice.toFixed(2)}</td>
                    <td className="num">{b.data.toFixed(2)}</td>
                    <td className="num">{b.vas.toFixed(2)}</td>
                    <td className="num font-medium">{b.total.toFixed(2)}</td>
                    <td className="num">{b.dataMb.toLocaleString()}</td>
                    <td className={b.paidOnTime ? "text-ok" : "text-bad"}>{b.paidOnTime ? t("customer.paidOnTime") : t("customer.overdue")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
