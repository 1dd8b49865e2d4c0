// The SLA matrix's rules (pure, browser-safe): what a cell must satisfy, its inputs (zod) and the
// defaults the seeds give. lib/sla/matrix.ts applies them; the editor shares the schemas.
import { z } from "zod";
import { COMPLAINT_GRADES, type ComplaintGrade } from "@/lib/complaints/schemas";

export const VALUE_TIER_KEYS = ["DIAMOND", "GOLD", "SILVER", "STANDARD"] as const;
/** The key of "every category" in the matrix: the root every category inherits from. */
export const ALL_CATEGORIES = "*";

/** Upper bounds in minutes: a first response within a day, feedback within a week, resolution and
 *  the whole cycle within 30 days. Anything longer is a typing mistake, not a service standard. */
export const SLA_BOUNDS = { firstResponseMin: 1_440, feedbackMin: 10_080, resolutionMin: 43_200, cycleMin: 43_200 } as const;
export const WARN_RATIO_MIN = 0.1;
export const WARN_RATIO_MAX = 0.95;

export const SLA_MINUTE_FIELDS = ["firstResponseMin", "feedbackMin", "resolutionMin", "cycleMin"] as const;
export type SlaMinuteField = (typeof SLA_MINUTE_FIELDS)[number];

export interface SlaCellValues {
  firstResponseMin: number;
  feedbackMin: number;
  resolutionMin: number;
  cycleMin: number;
  warnRatio: number;
}

/**
 * What is wrong with a cell, as field → error key (under errors.field.): each minute value a
 * positive whole number within its bound; first response ≤ owner feedback ≤ resolution ≤ cycle
 * (both fields of a broken pair are marked, each saying which neighbour it contradicts); the
 * warning share below the target (and not so low that everything warns). Empty when it is fine.
 */
export function checkSlaCell(v: SlaCellValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of SLA_MINUTE_FIELDS) {
    const n = v[f];
    if (!Number.isFinite(n) || !Number.isInteger(n)) errors[f] = "wholeMinutes";
    else if (n < 1) errors[f] = "slaPositive";
    else if (n > SLA_BOUNDS[f]) errors[f] = `slaMax.${f}`;
  }
  const order: Array<[SlaMinuteField, SlaMinuteField]> = [
    ["firstResponseMin", "feedbackMin"],
    ["feedbackMin", "resolutionMin"],
    ["resolutionMin", "cycleMin"],
  ];
  const outOfRange = new Set(Object.keys(errors));
  for (const [a, b] of order) {
    if (outOfRange.has(a) || outOfRange.has(b)) continue;
    if (v[a] > v[b]) {
      errors[a] ??= `slaOver.${b}`;
      errors[b] ??= `slaUnder.${a}`;
    }
  }
  if (!Number.isFinite(v.warnRatio) || v.warnRatio < WARN_RATIO_MIN || v.warnRatio > WARN_RATIO_MAX) errors.warnRatio = "slaWarnRatio";
  return errors;
}

/** The seeds' numbers (seed 000 §4.2–4.3) for a new cell of a grade: general 15 min response and
 *  24 h resolution; complex to the supervisor or technical team within 24 h; major an emergency
 *  (immediate alert: a 5-minute response, warning at half); owner feedback 24 h; cycle 48 h. */
export function defaultSlaCell(grade: ComplaintGrade): SlaCellValues {
  switch (grade) {
    case "GENERAL":
      return { firstResponseMin: 15, feedbackMin: 1_440, resolutionMin: 1_440, cycleMin: 2_880, warnRatio: 0.8 };
    case "COMPLEX":
      return { firstResponseMin: 30, feedbackMin: 1_440, resolutionMin: 1_440, cycleMin: 2_880, warnRatio: 0.8 };
    case "MAJOR":
      return { firstResponseMin: 5, feedbackMin: 240, resolutionMin: 480, cycleMin: 1_440, warnRatio: 0.5 };
  }
}

/** "cat|grade|tier|appeal": the cell's key in the revision history. */
export function slaCellKey(c: { categoryCode: string; grade: string; valueTier: string; isAppeal: boolean }): string {
  return `${c.categoryCode}|${c.grade}|${c.valueTier}|${c.isAppeal ? "appeal" : "normal"}`;
}

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const minutes = z.coerce.number();
const optionalId = z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().positive().max(2_147_483_647).nullable());
/** A datetime-local value ("2026-12-08T09:00", Beijing time) or an ISO instant; empty = now. */
const effectiveFrom = z.preprocess((v) => {
  if (v === "" || v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return new Date(`${v}:00+08:00`);
  return typeof v === "string" ? new Date(v) : v;
}, z.date().nullable());

export const slaCellKeyInput = z.object({
  categoryCode: z.string().trim().min(1).max(40),
  grade: z.enum(COMPLAINT_GRADES),
  valueTier: z.enum(VALUE_TIER_KEYS),
  isAppeal: checkbox,
});

/** Saving a cell: new (baseId empty) or a new version of the one the editor saw (baseId). */
export const slaCellSave = slaCellKeyInput.extend({
  baseId: optionalId,
  firstResponseMin: minutes,
  feedbackMin: minutes,
  resolutionMin: minutes,
  cycleMin: minutes,
  warnRatio: z.coerce.number(),
  calendarId: z.coerce.number().int().positive().max(2_147_483_647),
  effectiveFrom,
});
export type SlaCellSaveInput = z.input<typeof slaCellSave>;

export const slaCellRemove = z.object({ baseId: z.coerce.number().int().positive().max(2_147_483_647), effectiveFrom });

export const slaPreviewInput = z.object({
  categoryId: z.coerce.number().int().positive().max(2_147_483_647),
  grade: z.enum(COMPLAINT_GRADES),
  valueTier: z.enum(VALUE_TIER_KEYS),
  isAppeal: checkbox,
});
