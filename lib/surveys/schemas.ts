// Survey inputs (zod, browser-safe): the public answer form, campaign sends, template edits.
import { z } from "zod";

export const SURVEY_KINDS = ["CSAT", "NPS", "CSI"] as const;
export type SurveyKindName = (typeof SURVEY_KINDS)[number];

export const answerInput = z.object({
  token: z.string().min(16).max(100),
  score: z.coerce.number().int().min(0).max(10).nullable().optional(),
  dimensions: z.record(z.string().max(40), z.coerce.number().int().min(1).max(5)).default({}),
  // nullish: lib parses the action's already-parsed input again, where an empty comment is null.
  comment: z.string().trim().max(1000).nullish().transform((s) => (s ? s : null)),
});
export type AnswerInput = z.input<typeof answerInput>;

/** A checkbox: "on" when ticked in a form post, or a boolean; absent is unticked. */
const checkbox = z.preprocess((v) => v === true || v === "on", z.boolean());
/** An optional number field: a form posts "" when it is left empty. */
const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

export const campaignInput = z.object({
  templateId: z.coerce.number().int().positive(),
  city: z.string().trim().max(40).nullish().transform((s) => (s ? s : null)),
  limit: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).optional()),
});

const dimension = z.object({
  code: z.string().trim().regex(/^[A-Z][A-Z0-9_]{1,39}$/),
  labelZh: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().min(1).max(60),
  weight: z.coerce.number().min(0).max(100),
});

export const templateUpdate = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
  nameZh: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80),
  questionZh: z.string().trim().min(1).max(300),
  questionEn: z.string().trim().min(1).max(300),
  allowComment: checkbox,
  isActive: checkbox,
  dimensions: z.array(dimension).max(10).default([]),
});
export type TemplateUpdate = z.input<typeof templateUpdate>;

/** The template form as a browser posts it: the dimensions travel as JSON in `dimensionsJson`,
 *  each one's weight in its own field `weight_<code>`. Unparsable JSON is a validation error. */
export const templateUpdateForm = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object" || !("dimensionsJson" in raw)) return raw;
  const { dimensionsJson, ...form } = raw as Record<string, unknown>;
  let dimensions: unknown;
  try {
    dimensions = JSON.parse(String(dimensionsJson));
  } catch {
    dimensions = null;
  }
  if (Array.isArray(dimensions)) dimensions = dimensions.map((d: unknown) => (d && typeof d === "object" && "code" in d ? { ...d, weight: form[`weight_${String(d.code)}`] ?? ("weight" in d ? d.weight : undefined) } : d));
  return { ...form, dimensions };
}, templateUpdate);

// Detractor follow-up work list (/follow-ups).
export const followUpClaimInput = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  version: z.coerce.number().int().positive().max(2_147_483_647),
});
export const followUpCompleteInput = followUpClaimInput.extend({
  outcome: z.string().trim().min(5).max(2000),
});
export const followUpFilters = z.object({
  status: z.enum(["OPEN", "DONE"]).catch("OPEN"),
  team: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type FollowUpFilters = z.infer<typeof followUpFilters>;
