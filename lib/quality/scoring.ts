// The QA scoring math (issue 24, docs/quality.md "Scoring"): pure, no I/O; table-driven unit tests
// in tests/unit/quality-scoring.test.ts.
//
// - Each active, non-fatal item contributes weight × points / maxPoints; the score is that sum over
//   the total weight of those items, on 0..100, rounded to 2 decimals (half up).
// - A fatal item is pass/fail: it carries no points; one failed fatal item makes the score 0.
// - Inactive items (deactivated after the sample's form was edited) are ignored, whatever was sent.
// - A form with no weighted item scores 100 (nothing to deduct) unless a fatal item failed.

export interface ScoringItem {
  id: number;
  maxPoints: number;
  weight: number;
  isFatal: boolean;
  isActive: boolean;
}
export interface ScoredItem {
  itemId: number;
  points: number;
  /** Fatal items only: false = failed. */
  passed: boolean;
}
export interface ScoreResult {
  score: number;
  fatal: boolean;
}

/** Rounds to 2 decimals, half up, without binary drift (12.345 → 12.35). */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** Points clamped to 0..maxPoints (whole points). */
export function clampPoints(points: number, maxPoints: number): number {
  if (!Number.isFinite(points)) return 0;
  return Math.min(Math.max(Math.trunc(points), 0), maxPoints);
}

export function computeScore(items: readonly ScoringItem[], scored: readonly ScoredItem[]): ScoreResult {
  const byId = new Map(scored.map((s) => [s.itemId, s]));
  let weightSum = 0;
  let weighted = 0;
  let fatal = false;
  for (const item of items) {
    if (!item.isActive) continue;
    const s = byId.get(item.id);
    if (item.isFatal) {
      if (s && !s.passed) fatal = true;
      continue;
    }
    if (item.weight <= 0 || item.maxPoints <= 0) continue;
    weightSum += item.weight;
    weighted += (item.weight * clampPoints(s?.points ?? 0, item.maxPoints)) / item.maxPoints;
  }
  if (fatal) return { score: 0, fatal: true };
  if (weightSum === 0) return { score: 100, fatal: false };
  return { score: round2((100 * weighted) / weightSum), fatal: false };
}

/** The item agreement of two scorings of the same sample: the share of items both gave the same points (and pass/fail). */
export function itemAgreement(a: readonly ScoredItem[], b: readonly ScoredItem[]): number | null {
  const other = new Map(b.map((s) => [s.itemId, s]));
  let both = 0;
  let same = 0;
  for (const s of a) {
    const o = other.get(s.itemId);
    if (!o) continue;
    both++;
    if (o.points === s.points && o.passed === s.passed) same++;
  }
  return both ? round2((100 * same) / both) : null;
}

/** The ISO week of an instant in the operator's time zone (Asia/Shanghai): "2026-W49". */
export function isoWeek(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The start (Monday 00:00 in Shanghai) of the ISO week containing `at`, as an instant. */
export function weekStart(at: Date): Date {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const day = local.getUTCDay() || 7;
  const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - (day - 1));
  return new Date(monday - 8 * 3_600_000);
}

/** Is the dispute window (N days after scoring) still open at `now`? */
export function disputeOpenUntil(scoredAt: Date, windowDays: number): Date {
  return new Date(scoredAt.getTime() + windowDays * 86_400_000);
}
