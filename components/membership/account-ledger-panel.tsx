import { getFormatter, getTranslations } from "next-intl/server";
import type { CustomerAccountLedger } from "@/lib/accounts/queries";
import { Section, EmptyState } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ReverseEntryDialog } from "@/components/membership/reverse-entry-dialog";

/**
 * The 360's account panel: each account's balance and latest ledger entries (kind, amount, balance
 * after, date); managers (account:reverse) reverse an entry with a reason, as a counter-entry.
 */
export async function AccountLedgerPanel({ accounts, canReverse }: { accounts: CustomerAccountLedger[]; canReverse: boolean }) {
  const [t, tEnum, format] = await Promise.all([getTranslations("membership.accounts"), getTranslations("enums"), getFormatter()]);
  const money = (v: string) => format.number(Number(v), { style: "currency", currency: "CNY" });
  return (
    <Section id="account-ledger" title={t("title")} flush>
      {accounts.length === 0 ? (
        <EmptyState>{t("none")}</EmptyState>
      ) : (
        accounts.map((a) => (
          <div key={a.accountId} className="border-b border-slate-100 last:border-b-0">
            <div className="flex items-baseline justify-between px-3.5 pt-2 text-sm">
              <span className="tabular-nums text-slate-600">{a.accountNo}</span>
              <span className="tabular-nums font-medium">{t("balance", { balance: money(a.balance) })}</span>
            </div>
            <DataTable
              label={t("entriesOf", { account: a.accountNo })}
              dense
              columns={[
                { id: "kind", header: t("kind") },
                { id: "amount", header: t("amount"), format: "money" },
                { id: "balanceAfter", header: t("balanceAfter"), format: "money" },
                { id: "at", header: t("at"), format: "date" },
                ...(canReverse ? [{ id: "reverse", header: <span className="sr-only">{t("actions")}</span>, align: "right" as const }] : []),
              ]}
              rows={a.entries.map((e) => {
                const label = `${tEnum(`accountEntryKind.${e.kind}`)} ${money(e.amount)}`;
                return {
                  id: e.id,
                  kind: (
                    <span title={e.reason || undefined}>
                      {tEnum(`accountEntryKind.${e.kind}`)}
                      {e.reversedById && <span className="ml-1 text-xs text-slate-500">{t("reversed")}</span>}
                    </span>
                  ),
                  amount: Number(e.amount),
                  balanceAfter: Number(e.balanceAfter),
                  at: e.createdAt,
                  reverse: canReverse && e.canReverse ? <ReverseEntryDialog entryId={e.id} label={label} /> : <span />,
                };
              })}
              empty={t("empty")}
            />
          </div>
        ))
      )}
    </Section>
  );
}
