import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/shared/errors";
import { articleVisibleSql } from "@/lib/knowledge/search-queries";
import { diffLines, diffText, sanitizeArticleHtml, type DiffOp } from "@/lib/knowledge/text";

// Knowledge-base reads (docs/knowledge.md). Readers see published articles their role may see;
// writers (knowledge:write) see every article, drafts and archived ones included. Out of sight is not found.

/** What the actor may open, as SQL over alias `a`. */
export function articleReadableSql(actor: Actor): Prisma.Sql {
  return can(actor, "knowledge:write") ? Prisma.sql`TRUE` : articleVisibleSql(actor);
}

export interface KbCategoryNode {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  version: number;
  /** Articles the actor may open in this category (not counting subcategories). */
  articleCount: number;
  depth: number;
}

/** The category tree in display order (depth-first, by sort order), with what the actor may open in each. */
export async function listKbCategories(actor: Actor): Promise<KbCategoryNode[]> {
  assertCan(actor, "knowledge:read");
  return sqlRows<KbCategoryNode>(Prisma.sql`
    WITH RECURSIVE counts AS (SELECT a.category_id, count(*)::int AS n FROM kb_article a WHERE ${articleReadableSql(actor)} GROUP BY a.category_id),
    tree AS (
      SELECT c.id, 0 AS depth, ARRAY[c.sort_order, c.id] AS path FROM kb_category c WHERE c.parent_id IS NULL
      UNION ALL
      SELECT c.id, t.depth + 1, t.path || ARRAY[c.sort_order, c.id] FROM kb_category c JOIN tree t ON c.parent_id = t.id WHERE t.depth < 8
    )
    SELECT c.id, c.parent_id AS "parentId", c.code, c.name_zh AS "nameZh", c.name_en AS "nameEn", c.sort_order AS "sortOrder", c.version,
           coalesce(n.n, 0) AS "articleCount", t.depth
      FROM tree t JOIN kb_category c ON c.id = t.id LEFT JOIN counts n ON n.category_id = c.id
     ORDER BY t.path`);
}

export interface ArticleListRow {
  id: number;
  titleZh: string;
  titleEn: string;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  categoryNameZh: string;
  categoryNameEn: string;
  tags: string[];
  updatedAt: Date;
  helpfulCount: number;
  unhelpfulCount: number;
  reviewDue: string | null;
}

/** A page of articles (newest first, keyset on id), in a category and its subcategories. */
export async function listArticles(
  actor: Actor,
  input: { categoryId?: number; status?: "DRAFT" | "PUBLISHED" | "ARCHIVED"; beforeId?: number; limit?: number },
): Promise<{ rows: ArticleListRow[]; nextBeforeId: number | null }> {
  assertCan(actor, "knowledge:read");
  const limit = Math.min(input.limit ?? 25, 100);
  const category = input.categoryId
    ? Prisma.sql`AND a.category_id IN (WITH RECURSIVE sub AS (SELECT id FROM kb_category WHERE id = ${input.categoryId}
                   UNION ALL SELECT c.id FROM kb_category c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)`
    : Prisma.empty;
  const status = input.status ? Prisma.sql`AND a.status = ${input.status}::"KbArticleStatus"` : Prisma.empty;
  const before = input.beforeId ? Prisma.sql`AND a.id < ${input.beforeId}` : Prisma.empty;
  const rows = await sqlRows<ArticleListRow>(Prisma.sql`
    SELECT a.id, a.title_zh AS "titleZh", a.title_en AS "titleEn", a.status::text AS status, c.name_zh AS "categoryNameZh", c.name_en AS "categoryNameEn",
           a.tags, a.updated_at AS "updatedAt", a.helpful_count AS "helpfulCount", a.unhelpful_count AS "unhelpfulCount",
           to_char(a.review_due, 'YYYY-MM-DD') AS "reviewDue"
      FROM kb_article a JOIN kb_category c ON c.id = a.category_id
     WHERE ${articleReadableSql(actor)} ${category} ${status} ${before}
     ORDER BY a.id DESC LIMIT ${limit + 1}`);
  const more = rows.length > limit;
  return { rows: rows.slice(0, limit), nextBeforeId: more ? rows[limit - 1].id : null };
}

export interface ArticleDetail {
  id: number;
  categoryId: number;
  categoryNameZh: string;
  categoryNameEn: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  tags: string[];
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  visibleTo: Array<"AGENT" | "SUPERVISOR" | "MANAGER" | "ADMIN">;
  ownerId: number;
  ownerName: string;
  reviewDue: string | null;
  revision: number;
  version: number;
  updatedAt: Date;
  helpfulCount: number;
  unhelpfulCount: number;
  complaintCategoryIds: number[];
  planIds: number[];
  relatedIds: number[];
  /** The actor's own vote, if any. */
  myVote: boolean | null;
  attachments: Array<{ id: number; fileName: string; mimeType: string; size: number; at: Date }>;
  related: Array<{ id: number; titleZh: string; titleEn: string }>;
  complaintCategories: Array<{ id: number; nameZh: string; nameEn: string }>;
  plans: Array<{ id: number; code: string; nameZh: string; nameEn: string }>;
}

/** One article the actor may open (bodies sanitised again for rendering), or not found. */
export async function getArticle(actor: Actor, id: number): Promise<ArticleDetail> {
  assertCan(actor, "knowledge:read");
  const [a] = await sqlRows<Omit<ArticleDetail, "attachments" | "related" | "complaintCategories" | "plans" | "myVote">>(Prisma.sql`
    SELECT a.id, a.category_id AS "categoryId", c.name_zh AS "categoryNameZh", c.name_en AS "categoryNameEn", a.title_zh AS "titleZh", a.title_en AS "titleEn",
           a.body_zh AS "bodyZh", a.body_en AS "bodyEn", a.tags, a.status::text AS status, a.visible_to::text[] AS "visibleTo", a.owner_id AS "ownerId",
           u.display_name AS "ownerName", to_char(a.review_due, 'YYYY-MM-DD') AS "reviewDue", a.revision, a.version, a.updated_at AS "updatedAt",
           a.helpful_count AS "helpfulCount", a.unhelpful_count AS "unhelpfulCount", a.complaint_category_ids AS "complaintCategoryIds",
           a.plan_ids AS "planIds", a.related_ids AS "relatedIds"
      FROM kb_article a JOIN kb_category c ON c.id = a.category_id JOIN app_user u ON u.id = a.owner_id
     WHERE a.id = ${id} AND ${articleReadableSql(actor)}`);
  if (!a) throw new NotFoundError("kb_article");
  const [attachments, related, complaintCategories, plans, vote] = await Promise.all([
    db.kbAttachment.findMany({ where: { articleId: id }, select: { id: true, fileName: true, mimeType: true, size: true, at: true }, orderBy: { id: "asc" } }),
    a.relatedIds.length
      ? sqlRows<{ id: number; titleZh: string; titleEn: string }>(Prisma.sql`
          SELECT a.id, a.title_zh AS "titleZh", a.title_en AS "titleEn" FROM kb_article a
           WHERE a.id = ANY (${a.relatedIds}::int[]) AND ${articleReadableSql(actor)} ORDER BY array_position(${a.relatedIds}::int[], a.id)`)
      : [],
    a.complaintCategoryIds.length
      ? db.complaintCategory.findMany({
          where: { id: { in: a.complaintCategoryIds } },
          select: { id: true, nameZh: true, nameEn: true },
          orderBy: { sortOrder: "asc" },
        })
      : [],
    a.planIds.length
      ? db.plan.findMany({ where: { id: { in: a.planIds } }, select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } })
      : [],
    db.kbFeedback.findUnique({ where: { articleId_userId: { articleId: id, userId: actor.id } }, select: { helpful: true } }),
  ]);
  return {
    ...a,
    bodyZh: sanitizeArticleHtml(a.bodyZh),
    bodyEn: sanitizeArticleHtml(a.bodyEn),
    myVote: vote ? vote.helpful : null,
    attachments,
    related,
    complaintCategories,
    plans,
  };
}

export interface RevisionRow {
  revision: number;
  titleZh: string;
  authorName: string;
  note: string;
  at: Date;
}

/** Every revision of an article, newest first (writers). */
export async function listRevisions(actor: Actor, articleId: number): Promise<RevisionRow[]> {
  assertCan(actor, "knowledge:write");
  if (!(await db.kbArticle.count({ where: { id: articleId } }))) throw new NotFoundError("kb_article");
  return sqlRows<RevisionRow>(Prisma.sql`
    SELECT r.revision, r.title_zh AS "titleZh", u.display_name AS "authorName", r.note, r.at
      FROM kb_article_revision r JOIN app_user u ON u.id = r.author_id
     WHERE r.article_id = ${articleId} ORDER BY r.revision DESC LIMIT 200`);
}

export interface RevisionDiff {
  revision: number;
  against: number | null;
  title: DiffOp[];
  tags: DiffOp[];
  bodyZh: DiffOp[];
  bodyEn: DiffOp[];
}

/** What a revision changed against the one before it (line diff of titles, tags and both bodies). */
export async function getRevisionDiff(actor: Actor, articleId: number, revision: number): Promise<RevisionDiff> {
  assertCan(actor, "knowledge:write");
  const rows = await db.kbArticleRevision.findMany({
    where: { articleId, revision: { in: [revision, revision - 1] } },
    orderBy: { revision: "asc" },
  });
  const after = rows.find((r) => r.revision === revision);
  if (!after) throw new NotFoundError("kb_article_revision");
  const before = rows.find((r) => r.revision === revision - 1);
  const empty = { titleZh: "", titleEn: "", tags: [] as string[], bodyZh: "", bodyEn: "" };
  const b = before ?? empty;
  return {
    revision,
    against: before ? before.revision : null,
    title: diffText([b.titleZh, b.titleEn].filter(Boolean), [after.titleZh, after.titleEn].filter(Boolean)),
    tags: diffText(b.tags, after.tags),
    bodyZh: diffText(diffLines(b.bodyZh), diffLines(after.bodyZh)),
    bodyEn: diffText(diffLines(b.bodyEn), diffLines(after.bodyEn)),
  };
}

export interface ReviewDueRow {
  id: number;
  titleZh: string;
  titleEn: string;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  reviewDue: string;
  version: number;
  overdue: boolean;
}

/** The actor's own articles whose review is due within `withinDays` (overdue first). */
export async function listMyReviewsDue(actor: Actor, input: { today: string; withinDays?: number }): Promise<ReviewDueRow[]> {
  assertCan(actor, "knowledge:write");
  return sqlRows<ReviewDueRow>(Prisma.sql`
    SELECT a.id, a.title_zh AS "titleZh", a.title_en AS "titleEn", a.status::text AS status, to_char(a.review_due, 'YYYY-MM-DD') AS "reviewDue", a.version,
           a.review_due < ${input.today}::date AS overdue
      FROM kb_article a
     WHERE a.owner_id = ${actor.id} AND a.status <> 'ARCHIVED' AND a.review_due <= ${input.today}::date + ${input.withinDays ?? 14}::int
     ORDER BY a.review_due, a.id LIMIT 200`);
}

export interface GapRow {
  normalized: string;
  searches: number;
  users: number;
  noResults: number;
  lastAt: Date;
}

/**
 * The gap report: searches of the last `days` that nobody clicked a result of, by normalised
 * query, most frequent first — what the knowledge base is missing or does not find.
 */
export async function getSearchGapReport(actor: Actor, input: { days: number; now?: Date }): Promise<GapRow[]> {
  assertCan(actor, "knowledge:write");
  const since = new Date((input.now ?? new Date()).getTime() - input.days * 86_400_000);
  return sqlRows<GapRow>(Prisma.sql`
    SELECT l.normalized, count(*)::int AS searches, count(DISTINCT l.user_id)::int AS users,
           count(*) FILTER (WHERE l.result_count = 0)::int AS "noResults", max(l.at) AS "lastAt"
      FROM kb_search_log l
     WHERE l.at >= ${since}
     GROUP BY l.normalized
    HAVING count(l.clicked_article_id) = 0
     ORDER BY count(*) DESC, max(l.at) DESC LIMIT 100`);
}

export interface SynonymGroupRow {
  id: number;
  terms: string[];
  version: number;
}

export async function listSynonymGroups(actor: Actor): Promise<SynonymGroupRow[]> {
  assertCan(actor, "knowledge:configure");
  return db.kbSynonym.findMany({ select: { id: true, terms: true, version: true }, orderBy: { id: "asc" }, take: 500 });
}

/** An attachment of an article the actor may open, with its bytes. */
export async function getArticleAttachment(actor: Actor, attachmentId: number): Promise<{ fileName: string; mimeType: string; data: Uint8Array }> {
  assertCan(actor, "knowledge:read");
  const [row] = await sqlRows<{ fileName: string; mimeType: string; data: Uint8Array }>(Prisma.sql`
    SELECT f.file_name AS "fileName", f.mime_type AS "mimeType", f.data
      FROM kb_attachment f JOIN kb_article a ON a.id = f.article_id
     WHERE f.id = ${attachmentId} AND ${articleReadableSql(actor)}`);
  if (!row) throw new NotFoundError("kb_attachment");
  return row;
}

export interface ArticleFormChoices {
  categories: KbCategoryNode[];
  owners: Array<{ id: number; name: string }>;
  complaintCategories: Array<{ id: number; nameZh: string; nameEn: string }>;
  plans: Array<{ id: number; code: string; nameZh: string; nameEn: string }>;
  articles: Array<{ id: number; titleZh: string; titleEn: string }>;
}

/** What the article form offers: categories, owners (people who may write), complaint categories, plans, articles to relate. */
export async function getArticleFormChoices(actor: Actor, keepArticleIds: number[] = []): Promise<ArticleFormChoices> {
  assertCan(actor, "knowledge:write");
  const [categories, owners, complaintCategories, plans, articles] = await Promise.all([
    listKbCategories(actor),
    db.user.findMany({
      where: { isActive: true, role: { in: ["SUPERVISOR", "ADMIN"] } },
      select: { id: true, displayName: true },
      orderBy: { displayName: "asc" },
      take: 500,
    }),
    db.complaintCategory.findMany({
      where: { isActive: true },
      select: { id: true, nameZh: true, nameEn: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      take: 500,
    }),
    db.plan.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" }, take: 500 }),
    // The newest published articles and those already related (the list stays short at 20,000 articles).
    sqlRows<{ id: number; titleZh: string; titleEn: string }>(Prisma.sql`
      SELECT id, title_zh AS "titleZh", title_en AS "titleEn" FROM (
        (SELECT id, title_zh, title_en FROM kb_article WHERE status = 'PUBLISHED' ORDER BY id DESC LIMIT 300)
        UNION SELECT id, title_zh, title_en FROM kb_article WHERE id = ANY (${keepArticleIds}::int[])) x ORDER BY id DESC`),
  ]);
  return { categories, owners: owners.map((o) => ({ id: o.id, name: o.displayName })), complaintCategories, plans, articles };
}
