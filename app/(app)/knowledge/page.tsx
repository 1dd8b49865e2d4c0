import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { page } from "@/lib/shared/page";
import { operatorDay } from "@/lib/automation/dates";
import { knowledgeListParams } from "@/lib/knowledge/schemas";
import { listArticles, listKbCategories, listMyReviewsDue } from "@/lib/knowledge/queries";
import { searchArticles } from "@/lib/knowledge/search-queries";
import { Alert, Badge, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { FilterChips } from "@/components/ui/filter-chips";
import { CategoryTree } from "@/components/knowledge/category-tree";
import { KnowledgeSearchBox } from "@/components/knowledge/search-box";

const STATUS_TONE = { DRAFT: "paused", PUBLISHED: "ok", ARCHIVED: "neutral" } as const;

/**
 * The knowledge base (issue 24): search (Chinese, pinyin, English, typos, synonyms) or browse the
 * category tree; writers see drafts and archived articles too, and their reviews due.
 */
export default page(async function KnowledgePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { q, category, before, status } = knowledgeListParams.parse(await searchParams);
  const writer = can(actor, "knowledge:write");
  const [t, te, locale, categories, result, reviews] = await Promise.all([
    getTranslations("knowledge"),
    getTranslations("enums"),
    getLocale(),
    listKbCategories(actor),
    q ? searchArticles(actor, { q, categoryId: category, limit: 30, source: "knowledge" }).then((r) => ({ kind: "search" as const, ...r })) : listArticles(actor, { categoryId: category, status: writer ? status : undefined, beforeId: before }).then((r) => ({ kind: "browse" as const, ...r })),
    writer ? listMyReviewsDue(actor, { today: operatorDay(new Date()), withinDays: 0 }).then((rows) => rows.filter((r) => r.overdue)) : Promise.resolve([]),
  ]);
  const en = locale === "en";
  const title = (zh: string, enTitle: string) => (en && enTitle ? enTitle : zh);
  const params = (p: Record<string, string | number | undefined>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== "") s.set(k, String(v));
    const qs = s.toString();
    return qs ? `/knowledge?${qs}` : "/knowledge";
  };
  const chosen = categories.find((c) => c.id === category);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("hint")}
        actions={
          writer ? (
            <div className="flex flex-wrap gap-2">
              <ButtonLink href="/knowledge/gaps">{t("list.gaps")}</ButtonLink>
              <ButtonLink href="/knowledge/new" variant="primary">
                {t("list.newArticle")}
              </ButtonLink>
            </div>
          ) : undefined
        }
      />
      {reviews.length > 0 && (
        <Alert tone="warning">
          {t("list.reviewsOverdue", { n: reviews.length })}{" "}
          <Link href="/knowledge/reviews" className="font-medium underline">
            {t("list.openReviews")}
          </Link>
        </Alert>
      )}
      <KnowledgeSearchBox defaultValue={q ?? ""} category={category} />
      <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <Section title={t("list.categories")}>
          <CategoryTree label={t("list.categories")} allLabel={t("list.allCategories")} categories={categories} selected={category} locale={locale} hrefOf={(id) => params({ q, category: id })} />
        </Section>
        {result.kind === "search" ? (
          <Section id="kb-results" title={t("list.results", { q: q ?? "" })} description={chosen ? t("list.inCategory", { name: en ? chosen.nameEn : chosen.nameZh }) : undefined}>
            {result.hits.length === 0 ? (
              <EmptyState>{t("list.noResults")}</EmptyState>
            ) : (
              <ol aria-label={t("list.results", { q: q ?? "" })} className="divide-y divide-slate-100">
                {result.hits.map((h) => (
                  <li key={h.id} className="py-2">
                    <Link href={`/knowledge/${h.id}${result.searchId ? `?s=${result.searchId}` : ""}`} className="font-medium text-brand-700 hover:underline">
                      {title(h.titleZh, h.titleEn)}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {en ? h.categoryNameEn : h.categoryNameZh}
                      {h.tags.length > 0 && ` · ${h.tags.join(" · ")}`}
                      {h.helpfulCount > 0 && ` · ${t("list.helpfulCount", { n: h.helpfulCount })}`}
                    </p>
                    <p className="mt-0.5 text-sm text-slate-700">{en && h.snippetEn ? h.snippetEn : h.snippetZh}</p>
                  </li>
                ))}
              </ol>
            )}
          </Section>
        ) : (
          <Section title={chosen ? (en ? chosen.nameEn : chosen.nameZh) : t("list.allArticles")} flush>
            {writer && (
              <FilterChips
                className="px-3 pt-3"
                label={t("list.statusFilter")}
                chips={[
                  { label: t("list.allStatuses"), href: params({ category }), selected: !status },
                  ...(["PUBLISHED", "DRAFT", "ARCHIVED"] as const).map((s) => ({ label: te(`kbArticleStatus.${s}`), href: params({ category, status: s }), selected: status === s })),
                ]}
              />
            )}
            <DataTable
              label={t("list.articles")}
              columns={[
                { id: "title", header: t("list.title") },
                { id: "category", header: t("list.category"), nowrap: true },
                ...(writer ? [{ id: "status", header: t("list.status"), nowrap: true }] : []),
                { id: "helpfulCount", header: t("list.helpful"), format: "integer" as const },
                { id: "updatedAt", header: t("list.updated"), format: "date" as const, nowrap: true },
              ]}
              rows={result.rows.map((r) => ({
                id: r.id,
                title: (
                  <Link href={`/knowledge/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {title(r.titleZh, r.titleEn)}
                  </Link>
                ),
                category: <span>{en ? r.categoryNameEn : r.categoryNameZh}</span>,
                status: <Badge tone={STATUS_TONE[r.status]}>{te(`kbArticleStatus.${r.status}`)}</Badge>,
                helpfulCount: r.helpfulCount,
                updatedAt: r.updatedAt,
              }))}
              empty={<EmptyState action={writer ? <ButtonLink href="/knowledge/new">{t("list.newArticle")}</ButtonLink> : undefined}>{t("list.noArticles")}</EmptyState>}
              pager={{ next: result.nextBeforeId ? params({ category, status, before: result.nextBeforeId }) : undefined, first: before ? params({ category, status }) : undefined }}
            />
          </Section>
        )}
      </div>
    </div>
  );
});
