import Link from "next/link";
import { z } from "zod";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { page } from "@/lib/shared/page";
import { operatorDay } from "@/lib/automation/dates";
import { getArticle } from "@/lib/knowledge/queries";
import { recordSearchClick } from "@/lib/knowledge/feedback-commands";
import { Badge, Card, PageHeader, Section } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { Tabs, TabPanel } from "@/components/ui/tabs";
import { ArticleBody } from "@/components/knowledge/article-body";
import { HelpfulButtons } from "@/components/knowledge/helpful-buttons";
import { AttachmentList } from "@/components/knowledge/attachment-list";

const routeParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const query = z.object({ s: z.string().regex(/^\d{1,18}$/).optional().catch(undefined) });
const STATUS_TONE = { DRAFT: "paused", PUBLISHED: "ok", ARCHIVED: "neutral" } as const;

/** One article: both languages, attachments, "was this helpful", related articles, complaint categories and plans. */
export default page(async function KnowledgeArticlePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { id } = routeParams.parse(await params);
  const { s } = query.parse(await searchParams);
  const a = await getArticle(actor, id);
  // Arrived from a search: that search led somewhere (the gap report lists those that did not).
  if (s) await recordSearchClick(actor, { searchId: s, articleId: id });
  const [t, te, tr, locale, format] = await Promise.all([getTranslations("knowledge"), getTranslations("enums"), getTranslations("roles"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const writer = can(actor, "knowledge:write");
  const overdue = a.reviewDue !== null && a.reviewDue < operatorDay(new Date());
  const languages = [
    { value: "zh", label: t("article.zh"), html: a.bodyZh, title: a.titleZh, lang: "zh-CN" },
    { value: "en", label: t("article.en"), html: a.bodyEn, title: a.titleEn, lang: "en" },
  ];
  if (en) languages.reverse();
  return (
    <div className="space-y-4">
      <PageHeader
        title={en && a.titleEn ? a.titleEn : a.titleZh}
        description={
          <span>
            <Link href={`/knowledge?category=${a.categoryId}`} className="hover:underline">
              {en ? a.categoryNameEn : a.categoryNameZh}
            </Link>
            {" · "}
            {t("article.updatedBy", { owner: a.ownerName, date: format.dateTime(a.updatedAt, { dateStyle: "medium" }), revision: a.revision })}
          </span>
        }
        actions={
          writer ? (
            <div className="flex flex-wrap gap-2">
              <ButtonLink href={`/knowledge/${a.id}/revisions`}>{t("article.revisions")}</ButtonLink>
              <ButtonLink href={`/knowledge/${a.id}/edit`} variant="primary">
                {t("article.edit")}
              </ButtonLink>
            </div>
          ) : undefined
        }
      >
        <div className="flex flex-wrap items-center gap-1.5">
          {writer && <Badge tone={STATUS_TONE[a.status]}>{te(`kbArticleStatus.${a.status}`)}</Badge>}
          {a.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
          {writer && a.visibleTo.length > 0 && <Badge tone="brand">{t("article.visibleToRoles", { roles: a.visibleTo.map((r) => tr(r)).join(", ") })}</Badge>}
          {writer && a.reviewDue && (
            <Badge tone={overdue ? "bad" : "neutral"}>{overdue ? t("article.reviewOverdue", { date: a.reviewDue }) : t("article.reviewDue", { date: a.reviewDue })}</Badge>
          )}
        </div>
      </PageHeader>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="p-4">
          <Tabs label={t("article.language")} items={languages.map((l) => ({ value: l.value, label: l.label }))} defaultValue={languages[0].value}>
            {languages.map((l) => (
              <TabPanel key={l.value} value={l.value} className="space-y-3 pt-3">
                {l.value !== languages[0].value && l.title && (
                  <h2 lang={l.lang} className="text-base font-semibold">
                    {l.title}
                  </h2>
                )}
                {l.html ? <ArticleBody html={l.html} lang={l.lang} /> : <p className="text-sm text-slate-500">{t("article.noBody")}</p>}
              </TabPanel>
            ))}
          </Tabs>
          <div className="mt-6 border-t border-slate-100 pt-3">
            <HelpfulButtons articleId={a.id} myVote={a.myVote} helpfulCount={a.helpfulCount} unhelpfulCount={a.unhelpfulCount} />
          </div>
        </Card>
        <div className="space-y-4">
          <Section title={t("article.attachments")}>
            <AttachmentList articleId={a.id} attachments={a.attachments.map((f) => ({ ...f, at: f.at.toISOString() }))} canWrite={writer} />
          </Section>
          <Section title={t("article.related")}>
            {a.related.length === 0 ? (
              <p className="text-sm text-slate-500">{t("article.noRelated")}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {a.related.map((r) => (
                  <li key={r.id}>
                    <Link href={`/knowledge/${r.id}`} className="text-brand-700 hover:underline">
                      {en && r.titleEn ? r.titleEn : r.titleZh}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {(a.complaintCategories.length > 0 || a.plans.length > 0) && (
            <Section title={t("article.appliesTo")}>
              <dl className="space-y-2 text-sm">
                {a.complaintCategories.length > 0 && (
                  <div>
                    <dt className="text-xs text-slate-500">{t("article.complaintCategories")}</dt>
                    <dd>{a.complaintCategories.map((c) => (en ? c.nameEn : c.nameZh)).join(", ")}</dd>
                  </div>
                )}
                {a.plans.length > 0 && (
                  <div>
                    <dt className="text-xs text-slate-500">{t("article.plans")}</dt>
                    <dd>{a.plans.map((p) => `${en ? p.nameEn : p.nameZh} (${p.code})`).join(", ")}</dd>
                  </div>
                )}
              </dl>
            </Section>
          )}
        </div>
      </div>
    </div>
  );
});
