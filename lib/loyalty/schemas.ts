// Loyalty inputs (zod, browser-safe): shared by server actions, lib commands and forms.
import { z } from "zod";

export const PLAN_CLASSES = ["MOBILE", "BROADBAND", "FIXED", "VALUE_ADDED", "SMART_DEVICE", "SECURITY"] as const;
export const MEMBER_GRADES = ["DIAMOND", "GOLD", "SILVER", "STANDARD"] as const;
export const REWARD_KINDS = ["BILL_CREDIT", "DATA_PACK", "GIFT"] as const;
export const LOYALTY_JOB_KINDS = ["EARN", "EXPIRE", "RECONCILE"] as const;
export type LoyaltyRunKind = (typeof LOYALTY_JOB_KINDS)[number];

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().positive().max(2_147_483_647);
const text = (max: number) => z.string().trim().max(max);
/** A form's empty choice is "none" (null). */
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(values).nullable());
/** A form's empty date is none (null); "YYYY-MM-DD". */
const optionalDay = z.preprocess(
  (v) => (v === "" || v === undefined ? null : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "invalidDate")
    .nullable(),
);
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
/** An optional whole number from a form: "" is none. */
const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().min(min).max(max).nullable());

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "invalidMonth");
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "invalidDate");

export const settingsInput = z.object({
  version,
  expiryYears: z.coerce.number().int().min(0).max(10),
  supervisorLimit: z.coerce.number().int().min(0).max(100_000_000),
  /** Blank: unlimited. */
  managerLimit: optionalInt(0, 100_000_000),
});

const earnRuleFields = {
  name: text(100).min(1),
  kind: z.enum(["RATE", "BONUS"]),
  planClass: optionalEnum(PLAN_CLASSES),
  grade: optionalEnum(MEMBER_GRADES),
  pointsPerYuan: z.coerce.number().min(0).max(1000),
  multiplier: z.coerce.number().min(1).max(10),
  startsOn: optionalDay,
  endsOn: optionalDay,
  isActive: checkbox,
};
export const createEarnRuleInput = z.object(earnRuleFields);
export const updateEarnRuleInput = z.object({ ...earnRuleFields, ruleId: id, version });

const rewardFields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, "invalidCode"),
  nameZh: text(100).min(1),
  nameEn: text(100).min(1),
  kind: z.enum(REWARD_KINDS),
  pointsCost: z.coerce.number().int().min(1).max(10_000_000),
  creditAmount: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().min(0.01).max(100_000).nullable()),
  dataMb: optionalInt(1, 10_000_000),
  stock: optionalInt(0, 10_000_000),
  isActive: checkbox,
};
export const createRewardInput = z.object(rewardFields);
export const updateRewardInput = z.object({ ...rewardFields, rewardId: id, version });

export const redeemInput = z.object({ customerId: id, rewardId: id });

export const adjustInput = z.object({
  customerId: id,
  points: z.coerce
    .number()
    .int()
    .min(-10_000_000)
    .max(10_000_000)
    .refine((n) => n !== 0, "nonZero"),
  reason: text(500).min(1),
});
export const decideAdjustmentInput = z.object({ adjustmentId: id, version, approve: z.boolean() });

export const entriesInput = z.object({
  customerId: id,
  before: z.coerce.bigint().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const runJobInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("EARN"), month }),
  z.object({ kind: z.literal("EXPIRE"), cutoff: day.optional() }),
  z.object({ kind: z.literal("RECONCILE") }),
]);
export type RunJobInput = z.infer<typeof runJobInput>;
