import { z } from "zod";

// Contact rules every campaign and automation rule obeys (issue 22): the admin sets them on
// /admin/marketing. Browser-safe: the settings form shares this schema.

export const CAMPAIGN_CHANNELS = ["OUTBOUND_CALL", "SMS", "EMAIL", "PUSH", "WECHAT"] as const;
export type CampaignChannelName = (typeof CAMPAIGN_CHANNELS)[number];
/** Channels that are messages (through the outbox); OUTBOUND_CALL is the call list. */
export const MESSAGE_CHANNELS = ["SMS", "EMAIL", "PUSH", "WECHAT"] as const;
export type MessageChannelName = (typeof MESSAGE_CHANNELS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "errors.field.invalidTime");
const cap = z.coerce.number().int().min(0).max(100);

export const marketingSettingsInput = z.object({
  /** No message goes out and no call task comes due between start and end (Asia/Shanghai); may wrap midnight. */
  quietHours: z.object({ start: hhmm, end: hhmm }),
  /** Frequency caps: at most `overall` marketing contacts, and `perChannel[c]` on channel c, within `windowDays`. */
  caps: z.object({
    windowDays: z.coerce.number().int().min(1).max(365),
    overall: cap,
    perChannel: z.object({ OUTBOUND_CALL: cap, SMS: cap, EMAIL: cap, PUSH: cap, WECHAT: cap }),
  }),
  /** Outbox retries: attempts before FAILED; back-off doubles from `retryBaseSeconds`. */
  maxAttempts: z.coerce.number().int().min(1).max(20),
  retryBaseSeconds: z.coerce.number().int().min(5).max(3600),
  /** The gateway adapter for SMS, push and WeChat: a URL the outbox POSTs to (docs/campaigns.md), or "" for none. */
  gatewayUrl: z.union([z.literal(""), z.string().trim().max(500).url().regex(/^https?:\/\//i)]),
  version: z.coerce.number().int().min(0).optional(),
});
export type MarketingSettings = Omit<z.infer<typeof marketingSettingsInput>, "version">;

export const DEFAULT_MARKETING_SETTINGS: MarketingSettings = {
  quietHours: { start: "21:00", end: "08:00" },
  caps: { windowDays: 30, overall: 6, perChannel: { OUTBOUND_CALL: 2, SMS: 4, EMAIL: 4, PUSH: 8, WECHAT: 4 } },
  maxAttempts: 5,
  retryBaseSeconds: 60,
  gatewayUrl: "",
};

/**
 * The contact rules form (/admin/marketing): flat field names a <form> posts, turned into
 * `marketingSettingsInput`'s shape, which lib parses again (updateMarketingSettings).
 */
const formInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const marketingSettingsForm = z
  .object({
    quietStart: hhmm,
    quietEnd: hhmm,
    windowDays: formInt(1, 365),
    capOverall: formInt(0, 100),
    capOUTBOUND_CALL: formInt(0, 100),
    capSMS: formInt(0, 100),
    capEMAIL: formInt(0, 100),
    capPUSH: formInt(0, 100),
    capWECHAT: formInt(0, 100),
    maxAttempts: formInt(1, 20),
    retryBaseSeconds: formInt(5, 3600),
    gatewayUrl: z.preprocess((v) => (v == null ? "" : v), marketingSettingsInput.shape.gatewayUrl),
    version: z.coerce.number().int().min(0).max(2_147_483_647),
  })
  .transform((f) => ({
    quietHours: { start: f.quietStart, end: f.quietEnd },
    caps: {
      windowDays: f.windowDays,
      overall: f.capOverall,
      perChannel: { OUTBOUND_CALL: f.capOUTBOUND_CALL, SMS: f.capSMS, EMAIL: f.capEMAIL, PUSH: f.capPUSH, WECHAT: f.capWECHAT },
    },
    maxAttempts: f.maxAttempts,
    retryBaseSeconds: f.retryBaseSeconds,
    gatewayUrl: f.gatewayUrl,
    version: f.version,
  }));

/** The public opt-out page's confirmation: the signed token from the link. */
export const optOutInput = z.object({ token: z.string().min(10).max(64).regex(/^[0-9a-z]{1,13}\.[A-Za-z0-9_-]{22}$/) });
