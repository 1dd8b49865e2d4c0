import { describe, test, expect } from "vitest";
import { generateSecret, generateSync } from "otplib";
import { matchTotpStep } from "@/lib/auth/totp";

describe("matchTotpStep", () => {
  const secret = generateSecret();
  const now = new Date("2026-11-27T10:00:10Z");
  const step = Math.floor(now.getTime() / 30_000);
  const codeAt = (s: number) => generateSync({ secret, epoch: s * 30 });

  test.each([
    [-1, step - 1],
    [0, step],
    [1, step + 1],
  ])("a code of step %i relative to now belongs to that step", (delta, expected) => {
    expect(matchTotpStep(secret, codeAt(step + delta), now)).toBe(expected);
  });

  test.each([-3, -2, 2, 3])("a code %i steps away is refused", (delta) => {
    const code = codeAt(step + delta);
    // (a 6-digit collision with a nearby step is possible in theory; skip that one-in-a-million case)
    if ([-1, 0, 1].some((d) => codeAt(step + d) === code)) return;
    expect(matchTotpStep(secret, code, now)).toBeNull();
  });

  test.each(["", "12345", "1234567", "abcdef", " 123456", "12345a"])("malformed %j is refused", (code) => {
    expect(matchTotpStep(secret, code, now)).toBeNull();
  });
});
