import { z } from "zod";

// Browser-safe input schemas for customer search and the 360 view.
export const searchInput = z.object({
  q: z.string().trim().max(64).default(""),
  // Sealed (encrypted) keyset position: it holds the last row's sort key, which may be a number.
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.input<typeof searchInput>;

/** A search to keep on the server (the results page and the export read it by its id). */
export const startSearchInput = z.object({ q: z.string().trim().min(1).max(64) });
export type StartSearchInput = z.input<typeof startSearchInput>;
/** A search id: 128 random bits, base64url. */
export const SEARCH_ID = /^[A-Za-z0-9_-]{22}$/;

export type SearchKind = "msisdn" | "msisdnPartial" | "account" | "idNumber" | "customerNo" | "name" | "pinyin" | "tooShort";

const ID_NUMBER = /^\d{17}[\dXx]$/;

/** Decides how a search term is matched. Pure: the UI shows the same hint the server uses. */
export function classifySearchTerm(raw: string): SearchKind {
  const q = raw.trim().replace(/[\s-]/g, "");
  if (!q) return "tooShort";
  if (ID_NUMBER.test(q)) return "idNumber";
  if (/^\d+$/.test(q)) {
    if (q.length < 4) return "tooShort";
    return q.length === 11 || q.length === 12 ? "msisdn" : "msisdnPartial";
  }
  if (/^A\d{6,}$/i.test(q)) return "account";
  if (/^C\d{6,}$/i.test(q)) return "customerNo";
  if (/^[a-z]+$/i.test(q)) return q.length < 2 ? "tooShort" : "pinyin";
  if (/\p{Script=Han}/u.test(q)) return q.length < 2 ? "tooShort" : "name";
  return q.length < 2 ? "tooShort" : "name";
}

// ── Edit contact details and consent (optimistic concurrency on customer.version) ──
// Contact fields left empty keep their current value: the form never receives the clear values.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A checkbox as a form sends it ("on", or absent when unticked) or a boolean from code. */
const checkbox = z.preprocess((v) => (v === "on" || v === "true" ? true : v === undefined || v === "" || v === "false" ? false : v), z.boolean());

export const updateContactInput = z.object({
  customerId: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
  contactPhone: optionalText(20).refine((v) => v === undefined || /^(1[3-9]\d{9}|0\d{9,11})$/.test(v), { message: "phone" }),
  email: optionalText(120).refine((v) => v === undefined || z.email().safeParse(v).success, { message: "email" }),
  address: optionalText(200),
  preferredLang: z.enum(["zh-CN", "en"]),
  consentSms: checkbox,
  consentCall: checkbox,
  consentEmail: checkbox,
  consentPush: checkbox,
  doNotDisturb: checkbox,
  // WeChat consent is not on the contact form: absent keeps the current value (the Open API sets it).
  consentWechat: z.boolean().optional(),
});
export type UpdateContactInput = z.input<typeof updateContactInput>;

export const CUSTOMER_STATUSES = ["ACTIVE", "SUSPENDED", "CHURNED"] as const;
export const CUSTOMER_TYPES = ["INDIVIDUAL", "FAMILY", "ENTERPRISE", "GOVERNMENT"] as const;

/** Contact details, consent and the lifecycle status in one change (the Open API's PATCH). */
export const updateCustomerInput = updateContactInput.extend({
  status: z.enum(CUSTOMER_STATUSES).optional(),
  // The name the caller holds (TMF629's merge-patch carries it): only checked, a different one is
  // refused (customer.nameReadOnly): names change through the import, with the ID documents.
  name: z.string().max(200).optional(),
});
export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;

/**
 * A new subscriber with one line (the Open API's create). The values are checked as an import row
 * is (lib/imports/file-format.ts validateImportRow); the bounds here only stop oversize input early.
 */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "invalid");
export const createCustomerInput = z.object({
  type: z.enum(CUSTOMER_TYPES),
  name: text(200),
  province: text(100),
  city: text(100),
  msisdn: text(40),
  planCode: text(40),
  /** The line's network; may be left out when the plan runs on one network only. */
  network: text(20).optional(),
  contactPhone: text(40).optional(),
  email: text(200).optional(),
  address: text(300).optional(),
  preferredLang: z.enum(["zh-CN", "en"]).optional(),
  consent: z
    .object({ sms: z.boolean(), call: z.boolean(), email: z.boolean(), push: z.boolean(), wechat: z.boolean(), doNotDisturb: z.boolean() })
    .partial()
    .optional(),
});
export type CreateCustomerInput = z.input<typeof createCustomerInput>;

// ── PII reveal ──
export const PII_FIELDS = ["contactPhone", "email", "address", "idNumber", "msisdn"] as const;
export type PiiField = (typeof PII_FIELDS)[number];
export const revealPiiInput = z
  .object({
    customerId: z.coerce.number().int().positive(),
    field: z.enum(PII_FIELDS),
    // The line whose number to reveal (field "msisdn" only).
    lineId: z.coerce.number().int().positive().optional(),
    reason: z.string().trim().min(5).max(300),
  })
  .refine((v) => v.field !== "msisdn" || v.lineId !== undefined, { path: ["lineId"], message: "required" });
export type RevealPiiInput = z.input<typeof revealPiiInput>;

export const customerIdInput = z.object({ customerId: z.coerce.number().int().positive() });
export const setPinnedInput = customerIdInput.extend({ pinned: z.boolean() });
export type SetPinnedInput = z.input<typeof setPinnedInput>;
