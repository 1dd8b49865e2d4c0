import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { searchArticlesInput, type SearchArticlesInput } from "@/lib/knowledge/search-schemas";
import { buildQueryPlan, htmlToText, isNumberLike, snippetOf } from "@/lib/knowledge/text";
import { scrub } from "@/lib/shared/logger";

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

/** The synonym groups that touch this query (one of their terms is in it): the table is small and edited by admins. */
async function synonymGroupsFor(q: string): Promise<string[][]> {
  const rows = await sqlRows<{ terms: string[] }>(
    Prisma.sql`SELECT terms FROM kb_synonym s WHERE EXISTS (SELECT 1 FROM unnest(s.terms) t WHERE t <> '' AND strpos(${q}::text, t) > 0) LIMIT 20`,
    { prepared: true },
  );
  return rows.map((r) => r.terms);
}

/** The nearest vocabulary terms of each word (trigram similarity ≥ 0.4, at most three). */
async function correctionsFor(words: string[]): Promise<Map<string, string[]>> {
  const rows = await sqlRows<{ word: string; terms: string[] }>(
    Prisma.sql`SELECT w AS word, ARRAY(SELECT t.term FROM kb_search_term t WHERE t.term % w AND similarity(t.term, w) >= ${WORD_SIMILARITY}
                                        ORDER BY similarity(t.term, w) DESC, t.term LIMIT 3) AS terms
                 FROM unnest(${words}::text[]) AS w`,
    { prepared: true },
  );
  return new Map(rows.map((r) => [r.word, r.terms]));
}

/** The tsquery of a plan: every group must match, any alternative of a group does (all its words). */
function tsquerySql(groups: string[][]): Prisma.Sql {
  return Prisma.join(
    groups.map(
      (alts) =>
        Prisma.sql`(${Prisma.join(
          alts.map((alt) => Prisma.sql`plainto_tsquery('simple', ${alt}::text)`),
          " || ",
        )})`,
    ),
    " && ",
  );
}

/** Only this category and its descendants. */
function categorySql(categoryId: number | null | undefined): Prisma.Sql {
  if (!categoryId) return Prisma.empty;
  return Prisma.sql`AND a.category_id IN (WITH RECURSIVE sub AS (SELECT id FROM kb_category WHERE id = ${categoryId}
                      UNION ALL SELECT c.id FROM kb_category c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)`;
}

/** The trigram similarity a typo's correction needs ("kuandia" ~ kuandai 0.45, "brodband" ~ broadband 0.58). */
const WORD_SIMILARITY = 0.4;

interface HitRow extends Omit<ArticleHit, "snippetZh" | "snippetEn"> {
  bodyZh: string;
  bodyEn: string;
}

/**
 * Knowledge search (decision 033): Chinese bigrams, English words and the titles' and tags' toneless
 * pinyin in a weighted tsvector (title A, tags B, body C); synonyms expanded and typos corrected to
 * the nearest vocabulary terms at query time; ranked by cover density + a title bonus + the
 * smoothed helpful share + the complaint category's relation. Only published articles the
 * actor's role may see. The search is logged for the gap report unless it looks like a number (PII).
 */
export async function searchArticles(actor: Actor, raw: SearchArticlesInput): Promise<SearchResult> {
  assertCan(actor, "knowledge:read");
  const input = searchArticlesInput.parse(raw);
  const q = normalizeQuery(input.q);
  const synonyms = q ? await synonymGroupsFor(q) : [];
  let plan = q ? buildQueryPlan(q, synonyms) : { groups: [], fuzzy: [], highlights: [] };
  // Typos: each latin word of four or more letters may also be its nearest vocabulary terms.
  if (plan.fuzzy.length) plan = buildQueryPlan(q, synonyms, await correctionsFor(plan.fuzzy));
  const hasText = plan.groups.length > 0;
  if (!hasText && !input.complaintCategoryId) return { searchId: null, hits: [] };
  const related = input.complaintCategoryId ? Prisma.sql`(${input.complaintCategoryId}::int = ANY (a.complaint_category_ids))` : Prisma.sql`FALSE`;
  const helpful = Prisma.sql`((a.helpful_count + 1)::float8 / (a.helpful_count + a.unhelpful_count + 2) - 0.5)`;
  let inner: Prisma.Sql;
  if (!hasText) {
    inner = Prisma.sql`SELECT a.id, 1 AS stage, ${helpful} AS score FROM kb_article a
                        WHERE ${articleVisibleSql(actor)} ${categorySql(input.categoryId)} AND ${related}`;
  } else {
    const tsq = tsquerySql(plan.groups);
    const patterns = plan.highlights.map((h) => `%${escapeLike(h)}%`);
    const titleBonus = patterns.length
      ? Prisma.sql`CASE WHEN lower(a.title_zh || ' ' || a.title_en) LIKE ANY (${patterns}::text[]) THEN 0.3 ELSE 0 END`
      : Prisma.sql`0`;
    // Two stages: titles and tags first (a small vector per row: cheap to rank even when a broad
    // word matches thousands of titles); the whole text only when titles give fewer than `limit`.
    const bonus = Prisma.sql`${titleBonus} + ${helpful} * 0.4 + CASE WHEN ${related} THEN 0.5 ELSE 0 END`;
    const where = Prisma.sql`${articleVisibleSql(actor)} ${categorySql(input.categoryId)}`;
    inner = Prisma.sql`
      WITH t AS (SELECT a.id, 1 AS stage, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', a.search_title, (${tsq}), 32) + ${bonus} AS score
                   FROM kb_article a WHERE a.search_title @@ (${tsq}) AND ${where}
                  ORDER BY score DESC, a.id DESC LIMIT ${input.limit}),
           b AS (SELECT a.id, 2 AS stage, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', a.search_vector, (${tsq}), 32) + ${bonus} AS score
                   FROM kb_article a WHERE (SELECT count(*) FROM t) < ${input.limit} AND a.search_vector @@ (${tsq}) AND ${where}
                    AND a.id NOT IN (SELECT id FROM t)
                  ORDER BY score DESC, a.id DESC LIMIT ${input.limit})
      SELECT id, stage, score FROM t UNION ALL SELECT id, stage, score FROM b`;
  }
  const hitsSql = Prisma.sql`
    SELECT a.id, a.title_zh AS "titleZh", a.title_en AS "titleEn", left(a.body_zh, 6000) AS "bodyZh", left(a.body_en, 6000) AS "bodyEn",
           a.category_id AS "categoryId", c.name_zh AS "categoryNameZh", c.name_en AS "categoryNameEn",
           a.tags, a.helpful_count AS "helpfulCount", a.unhelpful_count AS "unhelpfulCount"
      FROM (SELECT * FROM (${inner}) x ORDER BY stage, score DESC, id DESC LIMIT ${input.limit}) top
      JOIN kb_article a ON a.id = top.id JOIN kb_category c ON c.id = a.category_id
     ORDER BY top.stage, top.score DESC, top.id DESC`;
  const rows = await sqlRows<HitRow>(hitsSql, { prepared: true });
  const hits: ArticleHit[] = rows.map(({ bodyZh, bodyEn, ...r }) => ({
    ...r,
    snippetZh: snippetOf(htmlToText(bodyZh), plan.highlights),
    snippetEn: snippetOf(htmlToText(bodyEn), plan.highlights),
  }));
  let searchId: string | null = null;
  // A number or anything else shaped like PII (an ID number, an e-mail) is never kept: the gap report shows queries to writers.
  if (q && !isNumberLike(q) && scrub(input.q) === input.q) {
    const [log] = await sqlRows<{ id: string }>(
      Prisma.sql`INSERT INTO kb_search_log (user_id, query, normalized, source, result_count)
                 VALUES (${actor.id}, ${input.q.slice(0, 200)}, ${q.slice(0, 200)}, ${input.source}, ${hits.length}) RETURNING id::text AS id`,
      { prepared: true },
    );
    searchId = log.id;
  }
  return { searchId, hits };
}
