import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { searchArticlesInput, type SearchArticlesInput } from "@/lib/knowledge/search-schemas";

// Knowledge search: the one function the palette, the knowledge page and the complaint side panel
// call (docs/knowledge.md). The exported signatures are the contract; the ranking inside is the
// knowledge base's to improve (segmented Chinese, pinyin and English typos, synonyms, feedback).

export interface ArticleHit {
  id: number;
  titleZh: string;
  titleEn: string;
  /** Plain text around the first match (no HTML), ≤ 160 characters, in the article's languages. */
  snippetZh: string;
  snippetEn: string;
  categoryId: number;
  categoryNameZh: string;
  categoryNameEn: string;
  tags: string[];
  helpfulCount: number;
  unhelpfulCount: number;
}

export interface SearchResult {
  /** The search log row (for the click), or null when nothing was logged (an empty query). */
  searchId: string | null;
  hits: ArticleHit[];
}

/** Published articles the actor's role may see (`visible_to` empty = every role), as SQL over alias `a`. */
export function articleVisibleSql(actor: Actor): Prisma.Sql {
  return Prisma.sql`a.status = 'PUBLISHED' AND (cardinality(a.visible_to) = 0 OR ${actor.role}::"Role" = ANY (a.visible_to))`;
}

/** Search text without markup, folded for matching. */
export function normalizeQuery(q: string): string {
  return q.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchArticles(actor: Actor, raw: SearchArticlesInput): Promise<SearchResult> {
  assertCan(actor, "knowledge:read");
  const input = searchArticlesInput.parse(raw);
  const q = normalizeQuery(input.q);
  const terms = q.split(" ").filter(Boolean).slice(0, 8);
  const match = terms.length
    ? Prisma.join(
        terms.map((t) => {
          const like = `%${escapeLike(t)}%`;
          return Prisma.sql`(lower(a.title_zh) LIKE ${like} OR lower(a.title_en) LIKE ${like} OR lower(array_to_string(a.tags, ' ')) LIKE ${like} OR lower(a.body_zh) LIKE ${like} OR lower(a.body_en) LIKE ${like})`;
        }),
        " AND ",
      )
    : Prisma.sql`TRUE`;
  const category = input.categoryId ? Prisma.sql`AND a.category_id = ${input.categoryId}` : Prisma.empty;
  const related = input.complaintCategoryId ? Prisma.sql`(${input.complaintCategoryId}::int = ANY (a.complaint_category_ids))` : Prisma.sql`FALSE`;
  if (!terms.length && !input.complaintCategoryId) return { searchId: null, hits: [] };
  const firstLike = `%${escapeLike(terms[0] ?? "")}%`;
  // Related to the complaint's category first, then a title match, then what others found helpful.
  const orderParts: Prisma.Sql[] = [];
  if (input.complaintCategoryId) orderParts.push(Prisma.sql`${related} DESC`);
  if (terms.length) orderParts.push(Prisma.sql`(lower(a.title_zh) LIKE ${firstLike} OR lower(a.title_en) LIKE ${firstLike}) DESC`);
  const order = orderParts.length ? Prisma.sql`${Prisma.join(orderParts, ", ")},` : Prisma.empty;
  const rows = await sqlRows<ArticleHit>(Prisma.sql`
    SELECT a.id, a.title_zh AS "titleZh", a.title_en AS "titleEn",
           left(regexp_replace(a.body_zh, '<[^>]*>', ' ', 'g'), 160) AS "snippetZh",
           left(regexp_replace(a.body_en, '<[^>]*>', ' ', 'g'), 160) AS "snippetEn",
           a.category_id AS "categoryId", c.name_zh AS "categoryNameZh", c.name_en AS "categoryNameEn",
           a.tags, a.helpful_count AS "helpfulCount", a.unhelpful_count AS "unhelpfulCount"
      FROM kb_article a JOIN kb_category c ON c.id = a.category_id
     WHERE ${articleVisibleSql(actor)} ${category}
       AND (${terms.length ? match : Prisma.sql`FALSE`} OR (${terms.length === 0} AND ${related}))
     ORDER BY ${order}a.helpful_count - a.unhelpful_count DESC, a.id DESC
     LIMIT ${input.limit}`);
  let searchId: string | null = null;
  if (q && !/^\+?\d[\d\s-]{5,}$/.test(q)) {
    const log = await db.kbSearchLog.create({
      data: { userId: actor.id, query: input.q.slice(0, 200), normalized: q.slice(0, 200), source: input.source, resultCount: rows.length },
      select: { id: true },
    });
    searchId = log.id.toString();
  }
  return { searchId, hits: rows };
}
