// The loyalty programme's settings (app_setting key "loyalty") and the pure rules built on them.
// Browser-safe: no I/O; the admin form and the jobs share it.

export type AdjustRole = "AGENT" | "SUPERVISOR" | "MANAGER" | "ADMIN";

export interface LoyaltySettings {
  /** Points earned in year Y expire at the end of year Y + expiryYears (2: "the end of the year after next"). */
  expiryYears: number;
  /** The points an adjustment may move without approval, per role; null = unlimited; a role without an entry: 0. */
  adjustLimits: Partial<Record<AdjustRole, number | null>>;
  /** Optimistic concurrency of the admin form. */
  version: number;
}

export const DEFAULT_LOYALTY_SETTINGS: LoyaltySettings = {
  expiryYears: 2,
  adjustLimits: { SUPERVISOR: 500, MANAGER: null },
  version: 1,
};

/** The stored value read leniently: a missing or damaged field takes its default. */
export function parseLoyaltySettings(value: unknown): LoyaltySettings {
  const v = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const years = Number(v.expiryYears);
  const limits: LoyaltySettings["adjustLimits"] = {};
  const raw = (v.adjustLimits && typeof v.adjustLimits === "object" ? v.adjustLimits : DEFAULT_LOYALTY_SETTINGS.adjustLimits) as Record<string, unknown>;
  for (const role of ["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"] as const) {
    if (!(role in raw)) continue;
    const x = raw[role];
    limits[role] = x === null ? null : Number.isSafeInteger(Number(x)) && Number(x) >= 0 ? Number(x) : 0;
  }
  return {
    expiryYears: Number.isInteger(years) && years >= 0 && years <= 10 ? years : DEFAULT_LOYALTY_SETTINGS.expiryYears,
    adjustLimits: limits,
    version: Number.isSafeInteger(Number(v.version)) && Number(v.version) > 0 ? Number(v.version) : 1,
  };
}

/** The year of `date` in the operator's time zone (Asia/Shanghai, UTC+8, no DST). */
function shanghaiYear(date: Date): number {
  return new Date(date.getTime() + 8 * 3600_000).getUTCFullYear();
}

/**
 * The day a credit earned on `date` expires (end of that day): 31 December of the earning year +
 * expiryYears. A "YYYY-MM" or "YYYY-MM-DD" string is read as that calendar date (a bill month).
 */
export function pointsExpiryFor(date: Date | string, settings: Pick<LoyaltySettings, "expiryYears">): string {
  const year = typeof date === "string" ? Number(date.slice(0, 4)) : shanghaiYear(date);
  return `${year + settings.expiryYears}-12-31`;
}

/** The points `role` may adjust without approval (Infinity when unlimited). */
export function adjustLimitFor(role: string, settings: Pick<LoyaltySettings, "adjustLimits">): number {
  const l = settings.adjustLimits[role as AdjustRole];
  if (l === null) return Number.POSITIVE_INFINITY;
  return l ?? 0;
}
