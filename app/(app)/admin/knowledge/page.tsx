import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { page } from "@/lib/shared/page";
import { listKbCategories, listSynonymGroups } from "@/lib/knowledge/queries";
import { PageHeader, Section } from "@/components/ui/card";
import { CategoryAdmin } from "@/components/knowledge/category-admin";
import { SynonymAdmin } from "@/components/knowledge/synonym-admin";

/** The knowledge base's shape (knowledge:configure): the category tree and the search synonyms. */
export default page(async function KnowledgeAdminPage() {
  const actor = await requireActor();
  assertCan(actor, "knowledge:configure");
  const [t, categories, synonyms] = await Promise.all([getTranslations("knowledge.admin"), listKbCategories(actor), listSynonymGroups(actor)]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("hint")} />
      <Section title={t("categories")} description={t("categoriesHint")}>
        <CategoryAdmin categories={categories} />
      </Section>
      <Section title={t("synonyms")} description={t("synonymsHint")}>
        <SynonymAdmin groups={synonyms} />
      </Section>
    </div>
  );
});
