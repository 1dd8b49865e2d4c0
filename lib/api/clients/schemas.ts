// API clients and their tokens (issue 25, decision 034): the admin forms' inputs, browser-safe.
// A form posts text (checkboxes as repeated names, "" for no team); every schema accepts its own
// output too, since lib parses again (docs/building-a-feature.md).
import { z } from "zod";
import { API_SCOPES, type ApiScopeName } from "@/lib/api/scopes";
import { CHANNELS } from "@/lib/interactions/schemas";

/** Same as lib/api/tokens.ts STATIC_TOKEN_MAX_DAYS (that module is server-only). */
export const STATIC_TOKEN_MAX_DAYS = 366;
export const RATE_LIMIT_MIN = 1;
export const RATE_LIMIT_MAX = 100_000;
export const DEFAULT_RATE_LIMIT = 600;

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().min(1).max(2_147_483_647);
/** A picker's value: "" (none) → null. */
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable());
/** Checkboxes: absent → [], one → "x", several → ["x", "y"]. */
const scopes = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(API_SCOPES))
    .min(1)
    .transform((a) => API_SCOPES.filter((s) => a.includes(s))),
);
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v === undefined ? null : v), z.string().trim().max(max).nullable());

const clientFields = {
  /** Shown in every audit row as "api:<name>": letters, digits, spaces and a few marks. */
  name: z
    .string()
    .trim()
    .min(2)
    .max(80)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._()/-]*$/u),
  description: optionalText(500),
  ownerId: id,
  teamId: optionalId,
  scopes,
  rateLimitPerMinute: z.coerce.number().int().min(RATE_LIMIT_MIN).max(RATE_LIMIT_MAX).default(DEFAULT_RATE_LIMIT),
  channel: z.enum(CHANNELS).default("APP"),
};

export const registerApiClientInput = z.object(clientFields);
/** What callers pass (lib parses it again): forms send text, code sends values. */
export interface RegisterApiClientInput {
  name: string;
  description?: string | null;
  ownerId: number | string;
  teamId?: number | string | null;
  scopes: ApiScopeName[] | ApiScopeName;
  rateLimitPerMinute?: number | string;
  channel?: (typeof CHANNELS)[number];
}

export const updateApiClientInput = z.object({ ...clientFields, clientId: id, version });
export type UpdateApiClientInput = RegisterApiClientInput & { clientId: number | string; version: number | string };

export const clientVersionInput = z.object({ clientId: id, version });
export type ClientVersionInput = z.input<typeof clientVersionInput>;

export const setApiClientEnabledInput = z.object({
  clientId: id,
  version,
  enabled: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});
export type SetApiClientEnabledInput = { clientId: number | string; version: number | string; enabled: boolean | string };

export const issueStaticTokenInput = z.object({
  clientId: id,
  label: optionalText(80),
  expiresInDays: z.coerce.number().int().min(1).max(STATIC_TOKEN_MAX_DAYS).default(90),
});
export type IssueStaticTokenInput = { clientId: number | string; label?: string | null; expiresInDays?: number | string };

export const revokeTokenInput = z.object({ clientId: id, tokenId: id });
export type RevokeTokenInput = z.input<typeof revokeTokenInput>;

export const clientIdInput = z.object({ clientId: id });
