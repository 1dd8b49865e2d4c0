import { z } from "zod";

// Quality inspection (质检, issue 24, docs/quality.md). Browser-safe: the scoring form, the
// dispute and decision dialogs, the admin's norm / form / rule / settings forms and lib share these.

export const QA_SECTIONS = ["ATTITUDE", "KNOWLEDGE", "COMMUNICATION", "RESOLUTION", "COMPLIANCE"] as const;
export type QaSectionName = (typeof QA_SECTIONS)[number];
export const QA_TARGETS = ["CONTACT", "COMPLAINT"] as const;
export const QA_SAMPLING_KINDS = ["RANDOM_PER_AGENT_WEEK", "DETRACTOR_COMPLAINT", "ESCALATION", "LONG_CALL"] as const;
export type QaSamplingKindName = (typeof QA_SAMPLING_KINDS)[number];
export const SERVICE_NORM_KINDS = ["LANGUAGE", "CONDUCT"] as const;

export const QA_COMMENT_MAX = 1000;
export const QA_REASON_MAX = 1000;
/** The dispute window's bounds (days after scoring). */
export const DISPUTE_WINDOW_MIN = 1;
export const DISPUTE_WINDOW_MAX = 60;
export const DEFAULT_QUALITY_SETTINGS = { disputeWindowDays: 7 } as const;

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().min(1).max(2_147_483_647);
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
/** A checkbox: "on" / true / "true" → true, anything else false (accepts its own output). */
const flag = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
/** A score 0..100 with at most two decimals, from a number or form text. */
const score100 = z.coerce
  .number()
  .min(0)
  .max(100)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: "qaTwoDecimals" });

// ---- supervisors: sampling and scoring
/** "Draw now" draws for the supervisor's own team (the only scope there is). */
export const drawSamplesInput = z.object({ scope: z.literal("team").default("team") });
export type DrawSamplesInput = z.input<typeof drawSamplesInput>;

export const markCalibrationInput = z.object({ sampleId: id, version });
export type MarkCalibrationInput = z.input<typeof markCalibrationInput>;

export const scoreItemInput = z.object({
  itemId: id,
  points: z.coerce.number().int().min(0).max(1000),
  /** A fatal item: false = failed. */
  passed: z.boolean().default(true),
  comment: text(QA_COMMENT_MAX).default(""),
});
export const scoreSampleInput = z.object({
  sampleId: id,
  version,
  items: z.array(scoreItemInput).min(1).max(200),
  comment: text(QA_COMMENT_MAX).default(""),
});
export type ScoreSampleInput = z.input<typeof scoreSampleInput>;

// ---- agents: seen and dispute; managers: decide
export const markSeenInput = z.object({ evaluationId: id });
export type MarkSeenInput = z.input<typeof markSeenInput>;

export const disputeEvaluationInput = z.object({ evaluationId: id, version, reason: required(QA_REASON_MAX) });
export type DisputeEvaluationInput = z.input<typeof disputeEvaluationInput>;

export const decideDisputeInput = z
  .object({
    disputeId: id,
    version,
    decision: z.enum(["UPHELD", "REJECTED"]),
    newScore: z.preprocess((v) => (v === "" || v === undefined ? null : v), score100.nullable()),
    note: required(QA_REASON_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "UPHELD" && v.newScore === null) ctx.addIssue({ code: "custom", path: ["newScore"], message: "required" });
  });
/** `newScore` only when upheld (a form sends "" otherwise). */
export type DecideDisputeInput = Omit<z.input<typeof decideDisputeInput>, "newScore"> & { newScore?: number | string | null };

// ---- admins: norms, forms, items, sampling rules, settings
export const NORM_CODE = /^[A-Z][A-Z0-9_-]{1,39}$/;
export const saveNormInput = z.object({
  /** Absent: a new norm. */
  id: id.optional(),
  version: version.optional(),
  kind: z.enum(SERVICE_NORM_KINDS),
  code: z.string().trim().toUpperCase().regex(NORM_CODE),
  titleZh: required(120),
  titleEn: required(160),
  descriptionZh: text(2000).default(""),
  descriptionEn: text(3000).default(""),
  isActive: flag,
});
export type SaveNormInput = z.input<typeof saveNormInput>;

export const saveFormInput = z.object({
  id: id.optional(),
  version: version.optional(),
  nameZh: required(80),
  nameEn: required(120),
  target: z.enum(QA_TARGETS),
  passScore: z.coerce.number().int().min(0).max(100),
  isActive: flag,
});
export type SaveFormInput = z.input<typeof saveFormInput>;

export const saveFormItemInput = z.object({
  formId: id,
  /** The form's version: every item change bumps it (two admins editing the same form conflict). */
  formVersion: version,
  /** Absent: a new item. An item already scored with is replaced (deactivated + a new one), never rewritten. */
  itemId: id.optional(),
  section: z.enum(QA_SECTIONS),
  labelZh: required(200),
  labelEn: required(300),
  maxPoints: z.coerce.number().int().min(1).max(100),
  weight: z.coerce.number().int().min(0).max(100),
  isFatal: flag,
  normId: z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable()),
  sortOrder: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SaveFormItemInput = z.input<typeof saveFormItemInput>;

export const deactivateFormItemInput = z.object({ formId: id, formVersion: version, itemId: id });
export type DeactivateFormItemInput = z.input<typeof deactivateFormItemInput>;

export const saveSamplingRuleInput = z
  .object({
    id: id.optional(),
    version: version.optional(),
    kind: z.enum(QA_SAMPLING_KINDS),
    /** RANDOM_PER_AGENT_WEEK: samples per agent and week (1–20); LONG_CALL: minutes (1–600); else unused. */
    param: z.coerce.number().int().min(0).max(600).default(0),
    formId: id,
    isActive: flag,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "RANDOM_PER_AGENT_WEEK" && (v.param < 1 || v.param > 20)) ctx.addIssue({ code: "custom", path: ["param"], message: "qaPerAgentRange" });
    if (v.kind === "LONG_CALL" && v.param < 1) ctx.addIssue({ code: "custom", path: ["param"], message: "qaMinutesRange" });
  });
export type SaveSamplingRuleInput = z.input<typeof saveSamplingRuleInput>;

export const qualitySettings = z.object({ disputeWindowDays: z.coerce.number().int().min(DISPUTE_WINDOW_MIN).max(DISPUTE_WINDOW_MAX) });
export type QualitySettings = z.output<typeof qualitySettings>;
export const saveQualitySettingsInput = qualitySettings;
export type SaveQualitySettingsInput = z.input<typeof saveQualitySettingsInput>;
