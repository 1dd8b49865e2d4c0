import { MEMBER_GRADES, type MemberGradeKey } from "@/lib/membership/schemas";

// Pure rules of member grades (no I/O): the ladder's validity, the grade a customer's spend and
// tenure reach, and one re-grading step with its grace period. The monthly job
// (lib/membership/grading.ts) applies the same rules set-based in SQL; the unit tests pin these and
// the integration test checks the SQL against them.

export interface LadderRow {
  grade: MemberGradeKey;
  minSpend12m: number;
  minTenureMonths: number;
  pointsMultiplier: number;
  birthdayPoints: number;
  hotlineTeamId: number | null;
}

export type GradeChangeReason = "UPGRADE" | "DOWNGRADE" | "GRACE_STARTED" | "GRACE_CLEARED" | "JOINED";

export function gradeRank(g: MemberGradeKey): number {
  return MEMBER_GRADES.indexOf(g);
}

/** The better of two grades (or value tiers: the same names). */
export function betterGrade(a: MemberGradeKey, b: MemberGradeKey): MemberGradeKey {
  return gradeRank(a) >= gradeRank(b) ? a : b;
}

/**
 * Field errors of a ladder (keys under errors.field.), empty when valid: STANDARD is reached by
 * everyone (0 spend, 0 months); a higher grade needs at least the spend and the tenure of every
 * lower one; the multiplier is 1–10 and does not fall as the grade rises.
 */
export function ladderErrors(rows: readonly LadderRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const by = new Map(rows.map((r) => [r.grade, r]));
  const std = by.get("STANDARD");
  if (std && std.minSpend12m !== 0) errors.minSpend12m = "standardReachedByAll";
  if (std && std.minTenureMonths !== 0) errors.minTenureMonths = "standardReachedByAll";
  for (const r of rows) if (!(r.pointsMultiplier >= 1 && r.pointsMultiplier <= 10)) errors.pointsMultiplier = "multiplierRange";
  for (let i = 1; i < MEMBER_GRADES.length; i++) {
    const lower = by.get(MEMBER_GRADES[i - 1]);
    const higher = by.get(MEMBER_GRADES[i]);
    if (!lower || !higher) continue;
    if (higher.minSpend12m < lower.minSpend12m) errors.minSpend12m ??= "gradeOrder";
    if (higher.minTenureMonths < lower.minTenureMonths) errors.minTenureMonths ??= "gradeOrder";
    if (higher.pointsMultiplier < lower.pointsMultiplier) errors.pointsMultiplier ??= "gradeOrder";
  }
  return errors;
}

/** The highest grade whose spend AND tenure thresholds are both met (STANDARD at least). */
export function computeGrade(ladder: readonly LadderRow[], spend12m: number, tenureMonths: number): MemberGradeKey {
  let best: MemberGradeKey = "STANDARD";
  for (const r of ladder) if (spend12m >= r.minSpend12m && tenureMonths >= r.minTenureMonths && gradeRank(r.grade) > gradeRank(best)) best = r.grade;
  return best;
}

/** Whole months from `joined` (YYYY-MM-DD) to the first day of `period` (YYYY-MM), as age() counts them. */
export function tenureMonths(joined: string, period: string): number {
  const [jy, jm, jd] = joined.split("-").map(Number);
  const [py, pm] = period.split("-").map(Number);
  const months = (py - jy) * 12 + (pm - jm) - (jd > 1 ? 1 : 0);
  return Math.max(0, months);
}

/** 'YYYY-MM' plus n months, as 'YYYY-MM-01'. */
export function addMonths(period: string, n: number): string {
  const [y, m] = period.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

export interface MembershipState {
  grade: MemberGradeKey;
  since: string;
  graceUntil: string | null;
}

/**
 * One re-grading of one customer for `period` ('YYYY-MM'): the new state and the change to record
 * (null: none). Upgrades apply at once; a lower computed grade starts a grace period of
 * `graceMonths` (none: it drops at once), and the grade drops only if it is still lower at the first
 * re-grading on or after grace_until; back at the grade during grace clears it. A churned customer
 * drops to STANDARD at once (benefits are for customers; no grace for leaving).
 */
export function regrade(
  current: MembershipState | null,
  computed: MemberGradeKey,
  period: string,
  graceMonths: number,
  churned = false,
): { state: MembershipState; reason: GradeChangeReason | null; from: MemberGradeKey | null; to: MemberGradeKey } {
  const month = `${period}-01`;
  const target: MemberGradeKey = churned ? "STANDARD" : computed;
  if (!current) return { state: { grade: target, since: month, graceUntil: null }, reason: "JOINED", from: null, to: target };
  const up = gradeRank(target) - gradeRank(current.grade);
  if (up > 0) return { state: { grade: target, since: month, graceUntil: null }, reason: "UPGRADE", from: current.grade, to: target };
  if (up === 0) {
    if (current.graceUntil) return { state: { ...current, graceUntil: null }, reason: "GRACE_CLEARED", from: current.grade, to: current.grade };
    return { state: current, reason: null, from: current.grade, to: current.grade };
  }
  if (churned || graceMonths === 0 || (current.graceUntil !== null && month >= current.graceUntil)) {
    return { state: { grade: target, since: month, graceUntil: null }, reason: "DOWNGRADE", from: current.grade, to: target };
  }
  if (current.graceUntil === null) {
    return { state: { ...current, graceUntil: addMonths(period, graceMonths) }, reason: "GRACE_STARTED", from: current.grade, to: target };
  }
  return { state: current, reason: null, from: current.grade, to: current.grade };
}
