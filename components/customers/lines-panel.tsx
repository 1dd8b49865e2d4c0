import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Customer360 } from "@/lib/customers/queries";
import { Badge, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { RevealPiiButton } from "@/components/customers/reveal-pii-button";

/** Lines with plan, network, status and contract end; accounts with balance and arrears. */
export async function LinesPanel({ c, canReveal }: { c: Customer360; canReveal: boolean }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const lines = c.lines.map((l) => ({
    id: l.id,
    // The number and its reveal button may stack: the table then fits a narrow column instead of clipping it.
    // A line that is not active says so under its number (status colour for status only); an
    // own Status column of mostly "Active" pushed the English table past the center column's width.
    number: (
      <span className="tabular-nums">
        {l.msisdnMasked}
        {canReveal && <RevealPiiButton customerId={c.id} field="msisdn" lineId={l.id} fieldLabel={`${t("customer.number")} ${l.msisdnMasked}`} />}
        {l.status !== "ACTIVE" && (
          <Badge tone="warn" className="ml-1">
            {t(`enums.lineStatus.${l.status}`)}
          </Badge>
        )}
      </span>
    ),
    plan: (
      <span>
        {locale === "en" ? l.planNameEn : l.planNameZh} <Badge className="px-1 font-normal">{t(`enums.network.${l.network}`)}</Badge>
      </span>
    ),
    monthlyFee: Number(l.monthlyFee),
    contractEnd: l.contractEndDate,
  }));
  const accounts = c.accounts.map((a) => ({
    id: a.id,
    accountNo: a.accountNo,
    paymentMethod: a.paymentMethod,
    creditClass: a.creditClass,
    balance: Number(a.balance),
    // Arrears are the one figure here that needs action: shown in the "bad" colour when owed.
    arrears: Number(a.arrears) > 0 ? <span className="text-bad">{format.number(Number(a.arrears), { style: "currency", currency: "CNY", minimumFractionDigits: 2 })}</span> : Number(a.arrears),
  }));
  return (
    <>
      <Section id="lines" title={t("customer.lines")} flush>
        <DataTable
          label={t("customer.lines")}
          maxHeight="18rem"
          empty={t("customer.noLines")}
          columns={[
            { id: "number", header: t("customer.number") },
            { id: "plan", header: t("customer.plan") },
            { id: "monthlyFee", header: t("customer.monthlyFee"), format: "money", nowrap: true },
            { id: "contractEnd", header: t("customer.contractEnd"), format: "date" },
          ]}
          rows={lines}
        />
      </Section>
      <Section id="accounts" title={t("customer.accounts")} flush>
        <DataTable
          label={t("customer.accounts")}
          columns={[
            { id: "accountNo", header: t("customer.accountNo"), nowrap: true, className: "tabular-nums" },
            { id: "paymentMethod", header: t("customer.paymentMethod"), format: { enum: "paymentMethod" } },
            { id: "creditClass", header: t("customer.creditClass") },
            { id: "balance", header: t("customer.balance"), format: "money", nowrap: true },
            { id: "arrears", header: t("customer.arrears"), format: "money", align: "right", nowrap: true },
          ]}
          rows={accounts}
        />
      </Section>
    </>
  );
}
