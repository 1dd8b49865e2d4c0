import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { complaintScope } from "@/lib/complaints/scope";
import { searchArticles, type SearchResult } from "@/lib/knowledge/search-queries";
import { suggestionWords } from "@/lib/palette/words";

/**
 * The complaint side panel's suggestions: the knowledge base's search with the complaint's category
 * and its summary's words (source "panel", logged); when that finds fewer than `limit`, the
 * category's own articles (an empty query: not logged; asked at the same time) fill the list, after
 * the word matches.
 * The ranking is the knowledge base's (lib/knowledge/search-queries.ts); this only composes it.
 */
export async function suggestArticles(actor: Actor, input: { complaintCategoryId: number; summary: string; limit?: number }): Promise<SearchResult> {
  const limit = input.limit ?? 6;
  const q = suggestionWords(input.summary);
  // Both at once (the page waits for the slower, not the sum); the category's list is cheap (GIN on complaint_category_ids).
  const [first, more] = await Promise.all([
    searchArticles(actor, { q, complaintCategoryId: input.complaintCategoryId, limit, source: "panel" }),
    searchArticles(actor, { q: "", complaintCategoryId: input.complaintCategoryId, limit, source: "panel" }),
  ]);
  if (first.hits.length >= limit) return first;
  const seen = new Set(first.hits.map((h) => h.id));
  return { searchId: first.searchId, hits: [...first.hits, ...more.hits.filter((h) => !seen.has(h.id))].slice(0, limit) };
}

/**
 * The suggestions of one complaint (in the complaint scope: out of scope is not found). The side
 * panel asks once when the complaint is opened, not in the page's render: the page refreshes every
 * minute, and each render would log another search for the gap report.
 */
export async function suggestArticlesForComplaint(actor: Actor, input: { complaintId: number }): Promise<SearchResult> {
  assertCan(actor, "complaint:read");
  assertCan(actor, "knowledge:read");
  const c = await db.complaint.findFirst({ where: { id: input.complaintId, ...complaintScope(actor) }, select: { categoryId: true, summary: true } });
  if (!c) throw new NotFoundError("complaint");
  return suggestArticles(actor, { complaintCategoryId: c.categoryId, summary: c.summary });
}
