import { describe, test, expect, vi } from "vitest";
import { RATE_LIMITS, takeToken } from "@/lib/shared/rate-limit";

// A per-process limit never touches the database (the PostgreSQL buckets are covered in
// tests/integration/rate-limits.test.ts and login-sessions.test.ts): any query here fails the test.
vi.mock("@/lib/db", () => ({ db: {} }));

describe("per-process rate limit (the public survey page's first check)", () => {
  test("per key, per 10-minute window", async () => {
    const policy = { ...RATE_LIMITS.surveyPerProcess, capacity: 3 };
    const t0 = new Date("2026-11-23T00:00:00Z");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await takeToken("surveyPerProcess", "unit-a", t0, policy));
    expect(results).toEqual([true, true, true, false]);
    expect(await takeToken("surveyPerProcess", "unit-b", t0, policy)).toBe(true);
    expect(await takeToken("surveyPerProcess", "unit-a", new Date(t0.getTime() + 10 * 60_000), policy)).toBe(true);
  });
});
