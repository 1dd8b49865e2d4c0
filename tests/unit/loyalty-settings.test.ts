// The loyalty settings' pure rules: when a credit expires, and each role's adjustment limit.
import { describe, test, expect } from "vitest";
import { adjustLimitFor, DEFAULT_LOYALTY_SETTINGS, parseLoyaltySettings, pointsExpiryFor } from "@/lib/loyalty/settings";

describe("pointsExpiryFor", () => {
  test.each([
    ["2026-11", 2, "2028-12-31"],
    ["2026-01-01", 2, "2028-12-31"],
    ["2026-12", 0, "2026-12-31"],
    ["2027-03", 3, "2030-12-31"],
  ])("%s with %i years → %s", (date, expiryYears, expected) => {
    expect(pointsExpiryFor(date, { expiryYears })).toBe(expected);
  });

  test("a moment is read in Asia/Shanghai: 31 Dec 17:00 UTC is already the next year", () => {
    expect(pointsExpiryFor(new Date("2026-12-31T15:59:00Z"), { expiryYears: 2 })).toBe("2028-12-31");
    expect(pointsExpiryFor(new Date("2026-12-31T16:00:00Z"), { expiryYears: 2 })).toBe("2029-12-31");
  });
});

describe("adjustment limits", () => {
  test.each([
    ["SUPERVISOR", 500],
    ["MANAGER", Number.POSITIVE_INFINITY],
    ["AGENT", 0],
    ["ADMIN", 0],
  ])("%s → %s by default", (role, limit) => {
    expect(adjustLimitFor(role, DEFAULT_LOYALTY_SETTINGS)).toBe(limit);
  });

  test("a damaged stored value falls back to the defaults", () => {
    expect(parseLoyaltySettings(null)).toEqual(DEFAULT_LOYALTY_SETTINGS);
    expect(parseLoyaltySettings({ expiryYears: "x", adjustLimits: { SUPERVISOR: -3, MANAGER: null }, version: 4 })).toEqual({
      expiryYears: 2,
      adjustLimits: { SUPERVISOR: 0, MANAGER: null },
      version: 4,
    });
  });
});
