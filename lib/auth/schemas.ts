import { z } from "zod";
import { ROLES, type RoleName } from "@/lib/auth/permissions";

// Browser-safe schemas for authentication and user administration.
export const DEFAULT_SESSION_POLICY = { idleMinutes: 30, absoluteHours: 12 };
export const sessionPolicyInput = z.object({
  idleMinutes: z.coerce.number().int().min(5).max(240),
  absoluteHours: z.coerce.number().int().min(1).max(24),
});
export type SessionPolicy = z.infer<typeof sessionPolicyInput>;

/**
 * Which roles must use two-factor authentication (app_setting `security.mfa`). Admins always do:
 * the form shows their box checked and disabled (a disabled box is not submitted), so ADMIN is
 * added here. `version` is the optimistic-concurrency check of the setting.
 */
export const mfaPolicyInput = z.object({
  roles: z
    .preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES)).max(ROLES.length))
    .transform((r) => ROLES.filter((role) => role === "ADMIN" || r.includes(role))),
  version: z.coerce.number().int().min(0),
});
export type MfaPolicy = { roles: RoleName[]; version: number };

/** At least 10 characters with a letter and a digit (ASVS 2.1: length over composition). */
export const password = z
  .string()
  .min(10, "passwordTooShort")
  .max(200, "passwordTooLong")
  .refine((p) => /\p{L}/u.test(p) && /\d/.test(p), "passwordWeak");

/** A code from the authenticator app (enrolment, turning it off); the key is under errors.field. */
export const mfaCodeInput = z.object({ code: z.string().trim().refine((c) => /^\d{6}$/.test(c), "totpFormat") });

const id = z.coerce.number().int().positive().max(2_147_483_647);
const teamId = z.union([id, z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null);

export const createUserInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9._-]{2,39}$/, "usernameFormat"),
  displayName: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
  teamId,
  password,
});
export const updateUserInput = z.object({
  userId: id,
  version: z.coerce.number().int().min(1),
  displayName: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
  teamId,
});
export const userIdInput = z.object({ userId: id });
export const setUserActiveInput = z.object({ userId: id, active: z.boolean() });
export const resetPasswordInput = z.object({ userId: id, password });

/** The first administrator of a production install (/setup): the one-time token from the server
 *  console, the account, and the password typed twice. */
export const setupAdminInput = z
  .object({
    token: z.string().trim().min(20).max(200),
    username: createUserInput.shape.username,
    displayName: createUserInput.shape.displayName,
    password,
    passwordConfirm: z.string().max(200),
  })
  .refine((v) => v.password === v.passwordConfirm, { message: "passwordMismatch", path: ["passwordConfirm"] });
export type SetupAdminInput = z.input<typeof setupAdminInput>;

/** The user's own password change (/account/password); the common-password check is in lib/auth/password-policy.ts. */
export const changePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: password, confirmPassword: z.string().max(200) })
  .refine((i) => i.newPassword === i.confirmPassword, { message: "passwordMismatch", path: ["confirmPassword"] });
