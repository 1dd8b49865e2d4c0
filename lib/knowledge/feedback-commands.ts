import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { articleVisibleSql } from "@/lib/knowledge/search-queries";
import { articleFeedbackInput, searchClickInput, type ArticleFeedbackInput, type SearchClickInput } from "@/lib/knowledge/search-schemas";

/** Records which article a search led to (only the searcher's own search). */
export async function recordSearchClick(actor: Actor, raw: SearchClickInput): Promise<{ ok: true }> {
  assertCan(actor, "knowledge:read");
  const input = searchClickInput.parse(raw);
  await db.kbSearchLog.updateMany({ where: { id: BigInt(input.searchId), userId: actor.id }, data: { clickedArticleId: input.articleId } });
  return { ok: true };
}

/** "Was this helpful": one vote per person and article; the counts on the article follow in the same transaction. */
export async function rateArticle(actor: Actor, raw: ArticleFeedbackInput): Promise<{ helpfulCount: number; unhelpfulCount: number }> {
  assertCan(actor, "knowledge:read");
  const input = articleFeedbackInput.parse(raw);
  return db.$transaction(async (tx) => {
    const visible = await sqlRows<{ id: number }>(
      Prisma.sql`SELECT a.id FROM kb_article a WHERE a.id = ${input.articleId} AND ${articleVisibleSql(actor)} FOR UPDATE`,
      { tx },
    );
    if (!visible.length) throw new NotFoundError("article");
    await tx.kbFeedback.upsert({
      where: { articleId_userId: { articleId: input.articleId, userId: actor.id } },
      create: { articleId: input.articleId, userId: actor.id, helpful: input.helpful },
      update: { helpful: input.helpful, at: new Date() },
    });
    const [counts] = await sqlRows<{ helpfulCount: number; unhelpfulCount: number }>(
      Prisma.sql`UPDATE kb_article a SET helpful_count = f.h, unhelpful_count = f.u
                   FROM (SELECT count(*) FILTER (WHERE helpful)::int AS h, count(*) FILTER (WHERE NOT helpful)::int AS u FROM kb_feedback WHERE article_id = ${input.articleId}) f
                  WHERE a.id = ${input.articleId}
              RETURNING a.helpful_count AS "helpfulCount", a.unhelpful_count AS "unhelpfulCount"`,
      { tx },
    );
    return counts;
  });
}
