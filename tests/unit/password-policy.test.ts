import { describe, expect, test } from "vitest";
import COMMON_PASSWORDS from "@/lib/auth/common-passwords.json";
import { isCommonPassword, passwordProblem } from "@/lib/auth/password-policy";
import { newRecoveryCode, isRecoveryCodeFormat } from "@/lib/auth/recovery-codes";

describe("the common-password list shipped with the app (ASVS 2.1.7)", () => {
  test("holds thousands of real breached passwords of the policy's length, lower-cased and unique", () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(5000);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) {
      expect(p).toBe(p.toLowerCase());
      expect([...p].length).toBeGreaterThanOrEqual(10);
    }
  });

  test.each([
    ["password123", "u1001", "passwordCommon"],
    ["PASSWORD123", "u1001", "passwordCommon"],
    ["1q2w3e4r5t", "u1001", "passwordCommon"],
    ["qwerty123456", "u1001", "passwordCommon"],
    ["Demo@2026", "u1001", "passwordCommon"],
    ["my-Demo@2026-pw", "u1001", "passwordCommon"],
    ["agent7-password-9", "agent7", "passwordHasUsername"],
    ["AGENT7xyz12345", "agent7", "passwordHasUsername"],
    ["Kx9-vellum-ferry", "agent7", null],
  ])("%s for %s → %s", (password, username, problem) => {
    expect(passwordProblem(password, username)).toBe(problem);
  });

  test("the check ignores case", () => {
    expect(isCommonPassword("Basketball1")).toBe(isCommonPassword("basketball1"));
    expect(isCommonPassword("PassWord123")).toBe(true);
  });
});

describe("recovery codes (ASVS 2.6.2)", () => {
  test("25 base32 characters in five groups: 125 random bits, none repeated in 2 000 draws", () => {
    const codes = Array.from({ length: 2000 }, newRecoveryCode);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every base32 character turns up in every position over many draws (no fixed bits).
    for (let i = 0; i < 25; i++) expect(new Set(codes.map((c) => c.replace(/-/g, "")[i])).size).toBe(32);
  });

  test("accepts a code in any case, with spaces or dashes; refuses the old 10-hex format", () => {
    const c = newRecoveryCode();
    expect(isRecoveryCodeFormat(c.toLowerCase())).toBe(true);
    expect(isRecoveryCodeFormat(c.replace(/-/g, " "))).toBe(true);
    expect(isRecoveryCodeFormat("a1b2c-3d4e5")).toBe(false);
  });
});
