import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listDisputes } from "@/lib/quality/queries";
import { ButtonLink } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { page } from "@/lib/shared/page";

/** The managers' QA disputes (issue 24): open ones oldest first (open one to decide, final), then the latest decided. */
export default page(async function QaDisputesPage() {
  const actor = await requireActor();
  const [t, te, locale, open, decided] = await Promise.all([getTranslations("quality"), getTranslations("enums"), getLocale(), listDisputes(actor, { status: "OPEN" }), listDisputes(actor, { status: "DECIDED" })]);
  const columns = [
    { id: "createdAt", header: t("dispute.opened"), format: "datetime" as const },
    { id: "agent", header: t("agent"), nowrap: true },
    { id: "team", header: t("team"), nowrap: true },
    { id: "evaluator", header: t("evaluator"), nowrap: true },
    { id: "score", header: t("score.result"), format: "number" as const },
    { id: "reason", header: t("dispute.reason") },
    { id: "state", header: t("state") },
  ];
  const rows = (list: typeof open) =>
    list.map((d) => ({
      id: d.id,
      createdAt: d.createdAt,
      agent: (
        <Link className="text-brand-700 underline" href={`/quality/evaluations/${d.evaluationId}`} aria-label={t("disputes.openOf", { name: d.agentName, id: d.id })}>
          {d.agentName}
        </Link>
      ),
      team: (locale === "en" ? d.teamNameEn : d.teamName) ?? "—",
      evaluator: d.evaluatorName,
      score: d.score,
      reason: <span className="line-clamp-2 break-words">{d.reason}</span>,
      state: <Badge tone={d.status === "OPEN" ? "warn" : "neutral"}>{te(`qaDisputeStatus.${d.status}`)}</Badge>,
    }));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("disputes.title")}
        description={t("disputes.hint")}
        actions={
          <ButtonLink href="/quality/report" variant="secondary">
            {t("report.title")}
          </ButtonLink>
        }
      />
      <Section title={t("disputes.open")} flush>
        {open.length === 0 ? <EmptyState>{t("disputes.empty")}</EmptyState> : <DataTable label={t("disputes.open")} columns={columns} rows={rows(open)} />}
      </Section>
      <Section title={t("disputes.decided")} flush>
        <DataTable label={t("disputes.decided")} columns={columns} rows={rows(decided)} empty={t("disputes.noneDecided")} />
      </Section>
    </div>
  );
});
