import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listPendingAdjustments } from "@/lib/loyalty/queries";
import { PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { AdjustmentDecision } from "@/components/loyalty/adjustment-decision";
import Link from "next/link";
import { page } from "@/lib/shared/page";

// Points adjustments above the requester's limit, waiting for a manager (issue 23).
export default page(async function LoyaltyApprovalsPage() {
  const actor = await requireActor();
  const [t, locale, rows] = await Promise.all([getTranslations("loyalty.approvals"), getLocale(), listPendingAdjustments(actor)]);
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <Section id="pending" title={t("pending", { count: rows.length })} flush>
        <DataTable
          label={t("title")}
          dense
          empty={t("empty")}
          columns={[
            { id: "createdAt", header: t("requestedAt"), format: "datetime" },
            { id: "customer", header: t("customer") },
            { id: "points", header: t("points"), format: "integer" },
            { id: "balance", header: t("balance"), format: "integer" },
            { id: "reason", header: t("reason") },
            { id: "requester", header: t("requester") },
            { id: "decide", header: <span className="sr-only">{t("decide")}</span> },
          ]}
          rows={rows.map((r) => ({
            id: r.id,
            createdAt: r.createdAt,
            customer: (
              <Link href={`/customers/${r.customerId}#points`} className="text-brand-700 underline">
                {r.customerName} <span className="tabular-nums text-slate-500">{r.customerNo}</span>
              </Link>
            ),
            points: r.points,
            balance: r.balance,
            reason: r.reason,
            requester: r.requesterName,
            decide:
              r.requestedBy === actor.id ? (
                <span className="text-xs text-slate-500">{t("own")}</span>
              ) : (
                <AdjustmentDecision adjustmentId={r.id} version={r.version} label={`${r.customerNo} ${r.points.toLocaleString(locale)}`} />
              ),
          }))}
        />
      </Section>
    </div>
  );
});
