// Standard scripts (话术): the placeholders a script body may hold and the pure renderer
// (docs/scripts-and-palette.md). Browser-safe, no I/O: the admin form checks a body as it is typed,
// the server renders with the values lib/scripts/queries.ts gathers (already masked).
//
// Scripts are plain text. A value is inserted as text (React escapes it when it is shown), never
// re-read as a template: a customer named "{msisdn}" stays "{msisdn}", it does not reveal anything.

export const SCRIPT_PLACEHOLDERS = [
  "customerName",
  "msisdn",
  "agentName",
  "planName",
  "complaintNo",
  "categoryName",
  "dueAt",
  "campaignName",
  "offerName",
] as const;
export type ScriptPlaceholder = (typeof SCRIPT_PLACEHOLDERS)[number];
export type ScriptValues = Partial<Record<ScriptPlaceholder, string | null>>;

const KNOWN = new Set<string>(SCRIPT_PLACEHOLDERS);
/** `{name}`: a placeholder is a word in braces (letters, digits, _), nothing else is one. */
const TOKEN = /\{([A-Za-z_][A-Za-z0-9_]{0,39})\}/g;

/** The placeholder names a body uses, in order of first use. */
export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(TOKEN)].map((m) => m[1]!))];
}

/** The placeholders of a body that do not exist (a save is refused with them). */
export function unknownPlaceholders(body: string): string[] {
  return placeholdersIn(body).filter((p) => !KNOWN.has(p));
}

export function isScriptPlaceholder(name: string): name is ScriptPlaceholder {
  return KNOWN.has(name);
}

/** A rendered script: text and filled placeholders (the page marks them), or a gap where the value is unknown here. */
export type ScriptSegment =
  { kind: "text"; text: string } | { kind: "value"; name: ScriptPlaceholder; text: string } | { kind: "missing"; name: ScriptPlaceholder };

/** A value as it goes into a script: one line, no control characters, at most 80 characters. */
export function cleanValue(v: string | null | undefined): string | null {
  if (v == null) return null;
  const s = v
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!s) return null;
  return [...s].length > 80 ? `${[...s].slice(0, 79).join("")}…` : s;
}

/** Splits a body into text and placeholder segments with the values filled in (single pass). */
export function renderScript(body: string, values: ScriptValues): ScriptSegment[] {
  const out: ScriptSegment[] = [];
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const prev = out[out.length - 1];
    if (prev?.kind === "text") prev.text += text;
    else out.push({ kind: "text", text });
  };
  for (const m of body.matchAll(TOKEN)) {
    const name = m[1]!;
    push(body.slice(last, m.index));
    last = m.index! + m[0].length;
    if (!isScriptPlaceholder(name)) {
      // Saved bodies have none; an old row keeps its text as written.
      push(m[0]);
      continue;
    }
    const v = cleanValue(values[name]);
    out.push(v === null ? { kind: "missing", name } : { kind: "value", name, text: v });
  }
  push(body.slice(last));
  return out;
}

/** The rendered script as one string; a missing value becomes `gap(name)` (default: the placeholder as written). */
export function renderScriptText(body: string, values: ScriptValues, gap: (name: ScriptPlaceholder) => string = (n) => `{${n}}`): string {
  return renderScript(body, values)
    .map((s) => (s.kind === "missing" ? gap(s.name) : s.text))
    .join("");
}

// Two-character surnames (复姓) common enough to meet on a call; any other name's surname is its first character.
const COMPOUND_SURNAMES = [
  "欧阳",
  "司马",
  "上官",
  "诸葛",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "长孙",
  "宇文",
  "司徒",
  "夏侯",
  "令狐",
  "端木",
  "独孤",
  "南宫",
  "西门",
  "申屠",
  "轩辕",
];

/** The surname of a Chinese name (复姓 included); a name in Latin letters gives its last word. */
export function surnameOf(name: string): string {
  const n = name.trim();
  if (!n) return "";
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(n)) return n.split(/\s+/).pop() ?? n;
  const compound = COMPOUND_SURNAMES.find((s) => n.startsWith(s) && [...n].length > 2);
  return compound ?? [...n][0]!;
}

/**
 * How the agent addresses the customer: an individual of known gender as 张先生 / 张女士 (zh) or
 * Mr / Ms Zhang-as-written (en); otherwise the name as the page shows it (a company's full name).
 */
export function customerAddressForm(c: { name: string; type: string; gender: string }, locale: string): string {
  const name = c.name.trim();
  if (c.type !== "INDIVIDUAL" || (c.gender !== "MALE" && c.gender !== "FEMALE") || !name) return name;
  const surname = surnameOf(name);
  if (locale === "en") return `${c.gender === "MALE" ? "Mr" : "Ms"} ${surname}`;
  return `${surname}${c.gender === "MALE" ? "先生" : "女士"}`;
}

/** A due time as a script says it: in the operator's time zone (Asia/Shanghai), date and time, in the locale. */
export function formatDueAt(at: Date | null | undefined, locale: string): string | null {
  if (!at) return null;
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" }).format(at);
}
