import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { page } from "@/lib/shared/page";
import { addDays, operatorDay } from "@/lib/automation/dates";
import { listMyReviewsDue } from "@/lib/knowledge/queries";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ReviewButton } from "@/components/knowledge/review-button";

/** "My reviews due" (knowledge:write): the articles I own whose review is overdue or due within two weeks. */
export default page(async function KnowledgeReviewsPage() {
  const actor = await requireActor();
  const today = operatorDay(new Date());
  const [t, te, locale, rows] = await Promise.all([getTranslations("knowledge.reviews"), getTranslations("enums"), getLocale(), listMyReviewsDue(actor, { today, withinDays: 14 })]);
  const next = addDays(today, 182);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("hint")} />
      <Section title={t("due", { n: rows.length })} flush>
        <DataTable
          label={t("title")}
          columns={[
            { id: "title", header: t("article") },
            { id: "status", header: t("status"), nowrap: true },
            { id: "reviewDue", header: t("reviewDue"), nowrap: true },
            { id: "action", header: <span className="sr-only">{t("markReviewed")}</span> },
          ]}
          rows={rows.map((r) => {
            const title = locale === "en" && r.titleEn ? r.titleEn : r.titleZh;
            return {
              id: r.id,
              title: (
                <Link href={`/knowledge/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {title}
                </Link>
              ),
              status: <span>{te(`kbArticleStatus.${r.status}`)}</span>,
              reviewDue: (
                <span className="flex items-center gap-1.5 tabular-nums">
                  {r.reviewDue}
                  {r.overdue && <Badge tone="bad">{t("overdue")}</Badge>}
                </span>
              ),
              action: <ReviewButton articleId={r.id} version={r.version} title={title} defaultNext={next} />,
            };
          })}
          empty={<EmptyState>{t("none")}</EmptyState>}
        />
      </Section>
    </div>
  );
});
