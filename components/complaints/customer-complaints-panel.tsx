import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { CustomerComplaintRow } from "@/lib/complaints/queries";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ComplaintLink } from "@/components/complaints/complaint-link";
import { SlaState } from "@/components/complaints/sla-state";

const ANSWERED = new Set(["RESOLVED", "CLOSED", "REJECTED", "CANCELLED"]);

/** The 360 view's complaints panel: open ones first with their SLA state, then history. */
export async function CustomerComplaintsPanel({ actor, customerId, rows }: { actor: Actor; customerId: number; rows: CustomerComplaintRow[] }) {
  if (!can(actor, "complaint:read")) return null;
  const [t, locale] = await Promise.all([getTranslations("complaints"), getLocale()]);
  // "Open" is what still waits for an answer: a resolved complaint (answer given, awaiting the
  // customer's confirmation) is not counted, though it stays listed with its cycle clock.
  const openCount = rows.filter((r) => !ANSWERED.has(r.status)).length;
  return (
    <Section
      id="complaints"
      title={t("panel.title")}
      flush
      actions={
        <>
          {openCount > 0 && <Badge tone="warn">{t("panel.open", { n: openCount })}</Badge>}
          {can(actor, "complaint:create") && (
            <ButtonLink href={`/complaints/new?customerId=${customerId}`} variant="primary" size="sm">
              {t("new")}
            </ButtonLink>
          )}
        </>
      }
    >
      <DataTable
        label={t("panel.title")}
        empty={t("panel.empty")}
        columns={[
          { id: "no", header: t("col.no") },
          { id: "category", header: t("col.category") },
          { id: "status", header: t("col.status"), nowrap: true },
          { id: "sla", header: t("col.sla"), nowrap: true },
          { id: "opened", header: t("col.opened"), format: "datetime" },
        ]}
        rows={rows.map((r) => ({
          id: r.id,
          no: (
            <>
              <ComplaintLink id={r.id} no={r.complaintNo} />
              <div className="max-w-56 truncate text-xs text-slate-500" title={r.summary}>
                {r.summary}
              </div>
            </>
          ),
          category: locale === "en" ? r.category.nameEn : r.category.nameZh,
          status: t(`status.${r.status}`),
          sla: <SlaState state={r.slaState} />,
          opened: r.createdAt,
        }))}
      />
    </Section>
  );
}
