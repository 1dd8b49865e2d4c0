import { z } from "zod";

// Browser-safe: the enums mirror prisma/schema.prisma (Channel, Direction, Disposition).
export const CHANNELS = ["HOTLINE", "ONLINE_CHAT", "APP", "MINI_PROGRAM", "WECHAT", "SERVICE_HALL", "EMAIL", "SOCIAL", "OUTBOUND_CALL"] as const;
export const DIRECTIONS = ["INBOUND", "OUTBOUND"] as const;
export const DISPOSITIONS = ["RESOLVED", "INFO_PROVIDED", "FOLLOW_UP", "TRANSFERRED", "COMPLAINT_OPENED", "NO_ANSWER"] as const;
export type ChannelName = (typeof CHANNELS)[number];
export type DispositionName = (typeof DISPOSITIONS)[number];

export const logInteractionInput = z.object({
  customerId: z.coerce.number().int().positive(),
  lineId: z.coerce.number().int().positive().optional(),
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  reasonCode: z.string().trim().min(1).max(40),
  disposition: z.enum(DISPOSITIONS),
  notes: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => (v ? v : undefined)),
  durationSec: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .default(0),
});
export type LogInteractionInput = z.input<typeof logInteractionInput>;

/** The log-interaction form as the browser sends it: the duration in minutes, "" for the whole customer. */
export const logInteractionForm = logInteractionInput
  .omit({ durationSec: true })
  .extend({
    lineId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
    durationMin: z.coerce.number().min(0).max(600).default(0),
  })
  .transform(({ durationMin, ...rest }) => ({ ...rest, durationSec: Math.round(durationMin * 60) }));

export const reasonInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
  isActive: z.boolean().default(true),
});
export type ReasonInput = z.input<typeof reasonInput>;
/** The reason-code row as the admin form sends it: the Active checkbox is "on" or absent. */
export const reasonFormInput = reasonInput.extend({ isActive: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()) });
