// Quiet hours (Asia/Shanghai, wrapping midnight) and the outbox's retry back-off (issue 22).
import { describe, test, expect } from "vitest";
import { afterFailure, retryDelaySeconds } from "@/lib/messaging/schedule";
import { quietHoursEnd } from "@/lib/marketing/quiet-hours";

// Shanghai is UTC+8: 21:00 Shanghai = 13:00 UTC, 08:00 Shanghai = 00:00 UTC.
describe("quiet hours", () => {
  test.each([
    // [now (UTC), start, end, expected end (UTC) or null]
    ["2026-12-07T12:59:00Z", "21:00", "08:00", null], // 20:59 Shanghai: not yet
    ["2026-12-07T13:00:00Z", "21:00", "08:00", "2026-12-08T00:00:00.000Z"], // 21:00: starts (inclusive)
    ["2026-12-07T15:30:45Z", "21:00", "08:00", "2026-12-08T00:00:00.000Z"], // 23:30: before midnight
    ["2026-12-07T17:00:00Z", "21:00", "08:00", "2026-12-08T00:00:00.000Z"], // 01:00 the next day
    ["2026-12-07T23:59:30Z", "21:00", "08:00", "2026-12-08T00:00:00.000Z"], // 07:59:30
    ["2026-12-08T00:00:00Z", "21:00", "08:00", null], // 08:00: over (exclusive)
    ["2026-12-08T04:00:00Z", "12:00", "14:00", "2026-12-08T06:00:00.000Z"], // a midday window
    ["2026-12-08T06:00:00Z", "12:00", "14:00", null],
    ["2026-12-08T03:59:00Z", "12:00", "14:00", null],
    ["2026-12-08T04:00:00Z", "09:00", "09:00", null], // start = end: none
    ["2026-12-07T16:00:00Z", "00:00", "06:00", "2026-12-07T22:00:00.000Z"], // 00:00 Shanghai
  ])("%s in %s–%s → %s", (now, start, end, expected) => {
    const r = quietHoursEnd(new Date(now), { start, end });
    expect(r?.toISOString() ?? null).toBe(expected);
  });

  test("the end is always after now and within a day", () => {
    for (let m = 0; m < 24 * 60; m += 7) {
      const now = new Date(Date.UTC(2026, 11, 7, 0, m, 13));
      const end = quietHoursEnd(now, { start: "21:00", end: "08:00" });
      if (end) {
        expect(end.getTime()).toBeGreaterThan(now.getTime());
        expect(end.getTime() - now.getTime()).toBeLessThanOrEqual(11 * 3_600_000);
        expect(end.getUTCHours()).toBe(0); // 08:00 Shanghai
        expect(end.getUTCMinutes()).toBe(0);
      }
    }
  });
});

describe("back-off", () => {
  test.each([
    [1, 60, 60],
    [2, 60, 120],
    [3, 60, 240],
    [5, 60, 960],
    [1, 5, 5],
    [30, 3600, 86_400], // capped at a day
  ])("attempt %i with base %i s waits %i s", (attempts, base, seconds) => {
    expect(retryDelaySeconds(attempts, base)).toBe(seconds);
  });

  test("FAILED once the attempts reach the maximum", () => {
    const now = new Date("2026-12-07T00:00:00Z");
    const policy = { maxAttempts: 3, retryBaseSeconds: 60 };
    expect(afterFailure(0, policy, now)).toEqual({ status: "QUEUED", attempts: 1, nextAttemptAt: new Date("2026-12-07T00:01:00Z") });
    expect(afterFailure(1, policy, now)).toEqual({ status: "QUEUED", attempts: 2, nextAttemptAt: new Date("2026-12-07T00:02:00Z") });
    expect(afterFailure(2, policy, now)).toEqual({ status: "FAILED", attempts: 3 });
    expect(afterFailure(0, { maxAttempts: 1, retryBaseSeconds: 60 }, now)).toEqual({ status: "FAILED", attempts: 1 });
  });
});
