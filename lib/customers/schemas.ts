import { z } from "zod";

// Browser-safe input schemas for customer search and the 360 view.
export const searchInput = z.object({
  q: z.string().trim().max(64).default(""),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.input<typeof searchInput>;

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
