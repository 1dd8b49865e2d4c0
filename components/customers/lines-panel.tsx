import { getLocale, getTranslations } from "next-intl/server";
import type { Customer360 } from "@/lib/customers/queries";
import { Panel } from "@/components/customers/customer-360-layout";
import { RevealPiiButton } from "@/components/customers/reveal-pii-button";

/** Lines with plan, network, status and contract end; accounts with balance and arrears. */
export async function LinesPanel({ c, canReveal }: { c: Customer360; canReveal: boolean }) {
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <Panel id="lines-h" title={t("customer.lines")}>
        {c.lines.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("customer.noLines")}</p>
        ) : (
          <div className="max-h-72 overflow-y-auto">
            <table className="data">
              <thead>
                <tr>
                  <th>{t("customer.number")}</th>
                  <th>{t("customer.plan")}</th>
                  <th>{t("customer.status")}</th>
                  <th className="num">{t("customer.monthlyFee")}</th>
                  <th>{t("customer.contractEnd")}</th>
                </tr>
              </thead>
              <tbody>
                {c.lines.map((l) => (
                  <tr key={l.id}>
                    <td className="whitespace-nowrap tabular-nums">
                      {l.msisdnMasked}
                      {canReveal && <RevealPiiButton customerId={c.id} field="msisdn" lineId={l.id} fieldLabel={`${t("customer.number")} ${l.msisdnMasked}`} />}
                    </td>
                    <td>
                      {locale === "en" ? l.planNameEn : l.planNameZh}
                      <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">{t(`enums.network.${l.network}`)}</span>
                    </td>
                    <td className={l.status === "ACTIVE" ? "" : "text-warn"}>{t(`enums.lineStatus.${l.status}`)}</td>
                    <td className="num">{l.monthlyFee}</td>
                    <td className="tabular-nums">{l.contractEndDate ?? t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <Panel id="accounts-h" title={t("customer.accounts")}>
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
      </Panel>
    </>
  );
}
