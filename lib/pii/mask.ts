// Display masks for subscriber PII (PIPL): used in pages, API results, exports and logs.
// Browser-safe, pure.
import { can, type ActorLike } from "@/lib/auth/permissions";

/** 13812345678 → 138****5678; other service numbers keep their first 3/4 and last 4 digits. */
export function maskMsisdn(n: string | null | undefined): string {
  if (!n) return "";
  if (n.length <= 7) return n.slice(0, 1) + "*".repeat(Math.max(0, n.length - 2)) + n.slice(-1);
  const head = n.length === 11 ? 3 : 4;
  return n.slice(0, head) + "*".repeat(n.length - head - 4) + n.slice(-4);
}

/**
 * National ID as shown: the last 4 only to roles that may reveal it; to everyone else no character
 * at all. The region code (6 digits, a few hundred per province), the birth date (on the same
 * screen) and the last 4 would leave so few candidates that an exact-match search confirms the
 * number: without reveal permission the screen shows the birth year and a fully masked ID.
 */
export function maskIdNumber(last4: string | null | undefined, showLast4 = true): string {
  if (!last4) return "";
  return showLast4 ? `**************${last4}` : "*".repeat(18);
}

/** A birth date ("1985-03-07") as roles without reveal permission see it: the year. */
export function birthYearOf(date: string | null | undefined): string | null {
  return date ? date.slice(0, 4) : null;
}

/** Keeps the administrative part (province/city/district) and hides street and door number. */
export function maskAddress(a: string | null | undefined): string {
  if (!a) return "";
  const m = a.match(/^(.*?(?:省|自治区|市))?(.*?(?:市|州|盟))?(.*?(?:区|县|旗))?/u);
  const kept = m ? (m[1] ?? "") + (m[2] ?? "") + (m[3] ?? "") : "";
  if (kept && kept.length < a.length) return kept + "****";
  return a.slice(0, Math.min(6, Math.ceil(a.length / 3))) + "****";
}

export function maskEmail(e: string | null | undefined): string {
  if (!e) return "";
  const at = e.indexOf("@");
  if (at < 1) return "****";
  return e[0] + "***" + e.slice(at);
}

/** Personal names keep the surname only (张**); organisations are not personal data. */
export function maskName(name: string, type: string): string {
  if (type === "ENTERPRISE" || type === "GOVERNMENT") return name;
  const chars = Array.from(name);
  if (chars.length <= 1) return "*";
  return chars[0] + "*".repeat(chars.length - 1);
}

/**
 * The one rule for a subscriber's name in a list (queues, segments, follow-ups, at-risk, retention):
 * roles that may reveal PII (customer:revealPii: supervisors, admins) read the full name; everyone
 * else the surname only (张**). The 360 shows the name it opens with (that view is audited); exports
 * are masked for everyone. Every list query maps its rows through this, never through maskName.
 */
export function listCustomerName(actor: ActorLike, name: string, type: string): string {
  return can(actor, "customer:revealPii") ? name : maskName(name, type);
}

/**
 * A search term as the audit log keeps it: numbers keep their first and last digits (maskMsisdn;
 * an ID number 3301**********1234), names their first character (张**, z*******); account and
 * customer numbers are the company's own identifiers and stay as typed.
 */
export function maskSearchTerm(kind: string, raw: string): string {
  const q = raw.trim().replace(/[\s-]/g, "");
  switch (kind) {
    case "msisdn":
    case "msisdnPartial":
    case "idNumber":
      return maskMsisdn(q);
    case "account":
    case "customerNo":
      return q.toUpperCase();
    default:
      return maskName(q, "INDIVIDUAL");
  }
}
