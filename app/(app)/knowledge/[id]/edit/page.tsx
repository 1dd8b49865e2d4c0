import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { page } from "@/lib/shared/page";
import { getArticle, getArticleFormChoices } from "@/lib/knowledge/queries";
import { PageHeader } from "@/components/ui/card";
import { ArticleForm } from "@/components/knowledge/article-form";

const routeParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** Edits an article (knowledge:write): every save is a new revision. */
export default page(async function EditKnowledgeArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  assertCan(actor, "knowledge:write");
  const { id } = routeParams.parse(await params);
  const a = await getArticle(actor, id);
  const [t, tr, choices] = await Promise.all([getTranslations("knowledge.form"), getTranslations("roles"), getArticleFormChoices(actor, a.relatedIds)]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("editTitle")} description={t("editHint", { revision: a.revision })} />
      <ArticleForm
        choices={choices}
        article={{ id: a.id, version: a.version }}
        roleLabels={{ AGENT: tr("AGENT"), SUPERVISOR: tr("SUPERVISOR"), MANAGER: tr("MANAGER"), ADMIN: tr("ADMIN") }}
        initial={{
          categoryId: String(a.categoryId),
          titleZh: a.titleZh,
          titleEn: a.titleEn,
          bodyZh: a.bodyZh,
          bodyEn: a.bodyEn,
          tags: a.tags.join(", "),
          status: a.status,
          visibleTo: a.visibleTo,
          ownerId: String(a.ownerId),
          reviewDue: a.reviewDue ?? "",
          complaintCategoryIds: a.complaintCategoryIds.map(String),
          planIds: a.planIds.map(String),
          relatedIds: a.relatedIds.map(String),
        }}
      />
    </div>
  );
});
