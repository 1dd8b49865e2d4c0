import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { page } from "@/lib/shared/page";
import { getArticleFormChoices } from "@/lib/knowledge/queries";
import { PageHeader } from "@/components/ui/card";
import { ArticleForm } from "@/components/knowledge/article-form";

/** A new article (knowledge:write): the writer owns it unless they choose someone else. */
export default page(async function NewKnowledgeArticlePage() {
  const actor = await requireActor();
  const [t, tr, choices] = await Promise.all([getTranslations("knowledge.form"), getTranslations("roles"), getArticleFormChoices(actor)]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("newTitle")} description={t("newHint")} />
      <ArticleForm
        choices={choices}
        roleLabels={{ AGENT: tr("AGENT"), SUPERVISOR: tr("SUPERVISOR"), MANAGER: tr("MANAGER"), ADMIN: tr("ADMIN") }}
        initial={{ categoryId: "", titleZh: "", titleEn: "", bodyZh: "", bodyEn: "", tags: "", status: "DRAFT", visibleTo: [], ownerId: String(actor.id), reviewDue: "", complaintCategoryIds: [], planIds: [], relatedIds: [] }}
      />
    </div>
  );
});
