import { z } from "zod";

// Member grades (issue 23, docs/membership.md): the admin's ladder, the grading settings and the
// re-grading job's inputs (browser-safe: the admin forms share them).

/** Lowest first: a grade's rank is its index (the SQL uses the same order). */
export const MEMBER_GRADES = ["STANDARD", "SILVER", "GOLD", "DIAMOND"] as const;
export type MemberGradeKey = (typeof MEMBER_GRADES)[number];

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().positive().max(2_147_483_647);
/** "" or absent (a form's empty select) is no team. */
const optionalTeam = z.preprocess((v) => (v === "" || v === undefined || v === "none" ? null : v), id.nullable());

/** One grade row of the ladder, as the admin edits it. */
export const gradeDefInput = z.object({
  grade: z.enum(MEMBER_GRADES),
  expectedVersion: version,
  minSpend12m: z.coerce.number().finite().min(0).max(10_000_000),
  minTenureMonths: z.coerce.number().int().min(0).max(1200),
  pointsMultiplier: z.coerce.number().finite().min(1).max(10),
  birthdayPoints: z.coerce.number().int().min(0).max(1_000_000),
  hotlineTeamId: optionalTeam,
});
export type GradeDefInput = z.input<typeof gradeDefInput>;

/** The grading settings (app_setting "membership"). */
export const membershipSettingsInput = z.object({
  expectedVersion: version,
  graceMonths: z.coerce.number().int().min(0).max(24),
});
export type MembershipSettingsInput = z.input<typeof membershipSettingsInput>;

/** A re-grading month: 'YYYY-MM' (absent: the current month in Asia/Shanghai). */
export const gradingPeriod = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, "invalidFormat");
export const gradingRunInput = z.object({ period: gradingPeriod.optional() }).default({});
export type GradingRunInput = z.input<typeof gradingRunInput>;
export const gradingJobIdInput = z.number().int().positive().max(2_147_483_647);
