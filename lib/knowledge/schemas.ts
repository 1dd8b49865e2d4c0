// Knowledge-base inputs (zod, browser-safe): articles, revisions, reviews, attachments, categories,
// synonym groups. Forms send objects (useAction), so these are the typed inputs lib parses too.
import { z } from "zod";

export const KB_STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
export const KB_ROLES = ["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"] as const;
/** Attachments live in Postgres (bytea); uploads go through a route handler with the 2 MB body limit. */
export const MAX_KB_ATTACHMENT_BYTES = 1024 * 1024;
export const MAX_BODY_CHARS = 60_000;

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().positive().max(2_147_483_647);
const text = (max: number) => z.string().trim().max(max);
const ids = (max: number) => z.array(id).max(max).default([]);
/** A day as YYYY-MM-DD (a real date), or none. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "invalidDate" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: "invalidDate" });
const optionalDay = z.preprocess((v) => (v === "" || v === undefined ? null : v), day.nullable());

/** Tags: a list, or a comma-separated text from a form; trimmed, folded to one spelling, at most 20. */
export const tagList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,，、;；\n]/) : v),
  z
    .array(z.string().trim().max(30))
    .transform((a) => Array.from(new Set(a.filter(Boolean))))
    .pipe(z.array(z.string()).max(20)),
);

export const articleFields = z.object({
  categoryId: id,
  titleZh: text(200).min(1),
  titleEn: text(200).default(""),
  bodyZh: z.string().max(MAX_BODY_CHARS).default(""),
  bodyEn: z.string().max(MAX_BODY_CHARS).default(""),
  tags: tagList.default([]),
  status: z.enum(KB_STATUSES).default("DRAFT"),
  /** Empty: every role may read it. */
  visibleTo: z.array(z.enum(KB_ROLES)).max(4).default([]),
  ownerId: id,
  reviewDue: optionalDay.default(null),
  complaintCategoryIds: ids(20),
  planIds: ids(20),
  relatedIds: ids(20),
  /** What changed, kept with the revision. */
  note: text(200).default(""),
});
export const createArticleInput = articleFields;
export type CreateArticleInput = z.input<typeof createArticleInput>;
export const updateArticleInput = articleFields.extend({ id, version });
export type UpdateArticleInput = z.input<typeof updateArticleInput>;

export const restoreRevisionInput = z.object({ articleId: id, revision: id, version });
export type RestoreRevisionInput = z.input<typeof restoreRevisionInput>;

/** The owner confirms the article is still right and sets the next review day. */
export const markReviewedInput = z.object({ articleId: id, version, nextReview: day });
export type MarkReviewedInput = z.input<typeof markReviewedInput>;

export const attachmentRef = z.object({ id });
export type AttachmentRef = z.input<typeof attachmentRef>;

export const categoryCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Z][A-Z0-9_]*$/, { message: "codeFormat" });
export const createCategoryInput = z.object({
  parentId: z.preprocess((v) => (v === "" || v === 0 ? null : v), id.nullable()).default(null),
  code: categoryCode,
  nameZh: text(60).min(1),
  nameEn: text(80).min(1),
  sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
});
export type CreateCategoryInput = z.input<typeof createCategoryInput>;
export const updateCategoryInput = createCategoryInput.omit({ code: true }).extend({ id, version });
export type UpdateCategoryInput = z.input<typeof updateCategoryInput>;

/** A synonym group: 2–12 terms ("宽带, 光纤, broadband"), given as a list or one comma-separated text. */
export const synonymTerms = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,，、;；\n]/) : v),
  z
    .array(z.string().trim().max(40))
    .transform((a) => Array.from(new Set(a.map((t) => t.normalize("NFKC").toLowerCase().replace(/\s+/g, " ")).filter(Boolean))))
    .pipe(z.array(z.string()).min(2).max(12)),
);
export const saveSynonymInput = z.object({ id: id.nullable().optional(), version: version.optional(), terms: synonymTerms });
export type SaveSynonymInput = z.input<typeof saveSynonymInput>;
export const synonymRef = z.object({ id });
export type SynonymRef = z.input<typeof synonymRef>;

/** The knowledge list's URL: a search, a category, a keyset page (browse only). */
export const knowledgeListParams = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  category: id.optional().catch(undefined),
  before: id.optional().catch(undefined),
  status: z.enum(KB_STATUSES).optional().catch(undefined),
});

export const gapReportParams = z.object({ days: z.coerce.number().int().min(1).max(180).catch(30) });
