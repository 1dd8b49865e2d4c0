"use server";

import { z } from "zod";
import { action } from "@/lib/shared/action";
import { searchArticles } from "@/lib/knowledge/search-queries";
import { rateArticle, recordSearchClick } from "@/lib/knowledge/feedback-commands";
import { articleFeedbackInput, searchClickInput, searchText } from "@/lib/knowledge/search-schemas";
import { suggestArticlesForComplaint } from "@/lib/palette/suggest-queries";

// The command palette's and the complaint side panel's calls into the knowledge base's contract
// (lib/knowledge, docs/scripts-and-palette.md). Customers come from the header search's own action.

const articleQuery = z.object({
  q: searchText,
  /** The complaint side panel: articles related to this complaint category rank first. */
  complaintCategoryId: z.coerce.number().int().positive().max(2_147_483_647).nullable().optional(),
  source: z.enum(["palette", "panel"]),
});

/** Articles as the agent types (a short page of hits; the search is logged for the gap report). */
export const searchArticlesAction = action(articleQuery, (actor, input) => searchArticles(actor, { ...input, limit: 8 }));

/** The complaint side panel's suggestions (its category and summary words), asked once when the complaint opens. */
export const suggestArticlesAction = action(z.object({ complaintId: z.coerce.number().int().positive().max(2_147_483_647) }), suggestArticlesForComplaint);

/** The article a search led to (opened from the palette or the panel). */
export const recordArticleClickAction = action(searchClickInput, recordSearchClick);

/** "Was this helpful?" — one vote per person and article (a second replaces the first). */
export const rateArticleAction = action(articleFeedbackInput, rateArticle);
