import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { buildSearchDocument } from "@/lib/knowledge/text";

// The one writer of kb_article.search_vector / search_fuzzy (decision 033): every create, update and
// restore calls it in its transaction (writeSearchColumns), and the generator over its batches
// through a plain pg client (writeSearchColumnsWith) — the same statements either way.

/** Runs one statement and returns its rows (a Prisma transaction or a pg client). */
export type SqlRunner = <T>(sql: Prisma.Sql) => Promise<T[]>;

/** Rewrites the search columns of these articles from their current title, tags and bodies. */
export async function writeSearchColumnsWith(run: SqlRunner, articleIds: number[]): Promise<number> {
  if (!articleIds.length) return 0;
  const rows = await run<{ id: number; titleZh: string; titleEn: string; tags: string[]; bodyZh: string; bodyEn: string }>(Prisma.sql`
    SELECT id, title_zh AS "titleZh", title_en AS "titleEn", tags, body_zh AS "bodyZh", body_en AS "bodyEn"
      FROM kb_article WHERE id = ANY (${articleIds}::int[])`);
  const docs = rows.map((r) => ({ id: r.id, ...buildSearchDocument(r) }));
  const [done] = await run<{ n: number }>(Prisma.sql`
    WITH u AS (
      UPDATE kb_article a
         SET search_vector = setweight(to_tsvector('simple', d.a), 'A') || setweight(to_tsvector('simple', d.b), 'B') || setweight(to_tsvector('simple', d.c), 'C'),
             search_title = setweight(to_tsvector('simple', d.a), 'A') || setweight(to_tsvector('simple', d.b), 'B'),
             search_fuzzy = d.f
        FROM unnest(${docs.map((d) => d.id)}::int[], ${docs.map((d) => d.a)}::text[], ${docs.map((d) => d.b)}::text[], ${docs.map((d) => d.c)}::text[], ${docs.map((d) => d.fuzzy)}::text[]) AS d(id, a, b, c, f)
       WHERE a.id = d.id
      RETURNING 1)
    SELECT count(*)::int AS n FROM u`);
  // The typo vocabulary only grows: a term no article uses any more corrects to nothing that matches.
  await run(Prisma.sql`
    INSERT INTO kb_search_term (term)
    SELECT DISTINCT t FROM unnest(string_to_array(${docs.map((d) => d.fuzzy).join(" ")}::text, ' ')) AS t WHERE t <> ''
    ON CONFLICT (term) DO NOTHING RETURNING 1`);
  return done?.n ?? 0;
}

/** writeSearchColumnsWith inside a Prisma transaction (the commands). */
export function writeSearchColumns(tx: Pick<Tx, "$queryRaw">, articleIds: number[]): Promise<number> {
  return writeSearchColumnsWith(<T>(sql: Prisma.Sql) => tx.$queryRaw<T[]>(sql), articleIds);
}
