import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listCategoryTree, type CategoryNode } from "@/lib/complaints/categories";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader, Section } from "@/components/ui/card";
import { CategoryEditor, CategoryTree, NewCategoryForm } from "@/components/admin/category-editor";
import { page } from "@/lib/shared/page";

const query = z.object({ id: z.coerce.number().int().positive().optional().catch(undefined) });

/** The nearest ancestor with root causes of its own: a category without any uses that list. */
function inheritedCauses(tree: CategoryNode[], c: CategoryNode) {
  for (let p = tree.find((x) => x.id === c.parentId); p; p = tree.find((x) => x.id === p!.parentId)) {
    const own = p.rootCauses.filter((r) => r.isActive);
    if (own.length) return { from: { nameZh: p.nameZh, nameEn: p.nameEn }, causes: own };
  }
  return null;
}

export default page(async function CategoriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations("categoryAdmin");
  const { id } = query.parse(await searchParams);
  const tree = await listCategoryTree(actor);
  const selected = tree.find((c) => c.id === id) ?? null;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <ButtonLink href="/admin/service-standards" variant="link">
            {t("back")}
          </ButtonLink>
        }
      />
      <div className="grid items-start gap-4 lg:grid-cols-[22rem_1fr]">
        <div className="space-y-4">
          <Section title={t("tree")} flush>
            <CategoryTree tree={tree} selectedId={selected?.id ?? null} />
          </Section>
          <Section title={t("newTop")}>
            <NewCategoryForm parentId={null} title={t("newTopButton")} />
          </Section>
        </div>
        {selected ? (
          <CategoryEditor key={`${selected.id}-${selected.version}`} category={selected} tree={tree} inherited={inheritedCauses(tree, selected)} />
        ) : (
          <EmptyState>{t("pick")}</EmptyState>
        )}
      </div>
    </div>
  );
});
