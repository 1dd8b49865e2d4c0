import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { searchArticles, type SearchResult } from "@/lib/knowledge/search-queries";
import { suggestionWords } from "@/lib/palette/words";

/**
 * The complaint side panel's suggestions: the knowledge base's search with the complaint's category
 * and its summary's words (source "panel", logged); when that finds fewer than `limit`, the
 * category's own articles (an empty query: not logged) fill the list, after the word matches.
 * The ranking is the knowledge base's (lib/knowledge/search-queries.ts); this only composes it.
 */
export async function suggestArticles(actor: Actor, input: { complaintCategoryId: number; summary: string; limit?: number }): Promise<SearchResult> {
  const limit = input.limit ?? 6;
  const q = suggestionWords(input.summary);
  const first = await searchArticles(actor, { q, complaintCategoryId: input.complaintCategoryId, limit, source: "panel" });
  if (first.hits.length >= limit) return first;
  const more = await searchArticles(actor, { q: "", complaintCategoryId: input.complaintCategoryId, limit, source: "panel" });
  const seen = new Set(first.hits.map((h) => h.id));
  return { searchId: first.searchId, hits: [...first.hits, ...more.hits.filter((h) => !seen.has(h.id))].slice(0, limit) };
}
