// Knowledge search inputs (zod, browser-safe): the palette, the knowledge page and the complaint side panel.
import { z } from "zod";

export const SEARCH_SOURCES = ["palette", "knowledge", "panel"] as const;
export type SearchSource = (typeof SEARCH_SOURCES)[number];

const id = z.coerce.number().int().positive().max(2_147_483_647);

/** Search text: control characters (a NUL the database refuses, bidi overrides) become spaces. */
export const searchText = z
  .string()
  .max(200)
  .transform((s) => s.replace(/[\u0000-\u001f\u007f\u202a-\u202e]/g, " ").trim());

export const searchArticlesInput = z.object({
  q: searchText,
  /** Only this knowledge category (and its descendants). */
  categoryId: id.nullable().optional(),
  /** Articles related to this complaint category rank first (the side panel). */
  complaintCategoryId: id.nullable().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  source: z.enum(SEARCH_SOURCES).default("knowledge"),
});
export type SearchArticlesInput = z.input<typeof searchArticlesInput>;

/** The click that followed a search (the gap report lists searches without one). */
export const searchClickInput = z.object({ searchId: z.string().regex(/^\d{1,18}$/), articleId: id });
export type SearchClickInput = z.infer<typeof searchClickInput>;

/** "Was this helpful": one vote per person and article; a second vote replaces the first. */
export const articleFeedbackInput = z.object({ articleId: id, helpful: z.boolean() });
export type ArticleFeedbackInput = z.infer<typeof articleFeedbackInput>;
