// Knowledge-base text logic (pure, no I/O): the words an article is indexed by, the query built
// from a search, synonym expansion, the helpful score, snippets, sanitising and revision diffs.
// Decision 033 (docs/decisions/033-knowledge-search-bigrams-pinyin-trigrams.md) explains the design.
import sanitizeHtml from "sanitize-html";
import { pinyin } from "pinyin-pro";

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, and of latin letters/digits (a word may carry inner - + . like "5g+" or "wi-fi"). */
const PIECE = /(\p{Script=Han}+)|([\p{Script=Latin}\p{N}]+(?:[-+.][\p{Script=Latin}\p{N}]+)*\+?)/gu;

/** Folds width and case: full-width latin and digits become ASCII ("ＷｉＦｉ" → "wifi"). */
export function foldText(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

/** The plain text of stored (sanitised) HTML: tags become spaces, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The overlapping character bigrams of a Chinese run ("宽带故障" → 宽带 带故 故障): every two-character
 * word is one of them, so a query's bigrams all present is a match whatever the segmentation.
 * A single character stays itself.
 */
export function hanBigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

export interface Piece {
  kind: "han" | "latin";
  text: string;
}

/** A text cut into Chinese runs and latin words, folded. */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const m of foldText(text).matchAll(PIECE)) {
    if (m[1]) out.push({ kind: "han", text: m[1] });
    else if (m[2]) out.push({ kind: "latin", text: m[2] });
  }
  return out;
}

/** The index words of a text: Chinese bigrams and latin words, in order (positions feed the cover-density rank). */
export function indexWords(text: string): string[] {
  const out: string[] = [];
  for (const p of pieces(text)) {
    if (p.kind === "han") out.push(...hanBigrams(p.text));
    else out.push(p.text);
  }
  return out;
}

/**
 * The ways a query's Chinese run may split into words of two and three characters, each as the
 * bigrams that must all be present. An article is indexed by every bigram, but requiring all of a
 * query's bigrams would require the ones across word boundaries too (宽带故障 → 带故), which a text
 * saying 宽带……故障 lacks. So a run is covered by word-sized chunks instead: an even run by pairs
 * (宽带|故障), an odd one by pairs and one triple, tried at each place ("翼支付开通" → 翼支付|开通 or
 * 翼支|付开通), any of which may match. At most `max` ways.
 */
export function hanQueryCovers(run: string, max = 4): string[][] {
  const c = Array.from(run);
  const n = c.length;
  if (n <= 3) return [hanBigrams(run)];
  const chunkBigrams = (chunks: string[]) => chunks.flatMap((ch) => hanBigrams(ch));
  const pairsOf = (from: number, to: number) => {
    const out: string[] = [];
    for (let i = from; i + 1 < to; i += 2) out.push(c[i] + c[i + 1]);
    return out;
  };
  if (n % 2 === 0) return [pairsOf(0, n)];
  const out: string[][] = [];
  for (let t = n - 3; t >= 0 && out.length < max; t -= 2) out.push(chunkBigrams([...pairsOf(0, t), c.slice(t, t + 3).join(""), ...pairsOf(t + 3, n)]));
  return out;
}

/** The ways a query term's words may be required: latin words as they are, Chinese runs by hanQueryCovers. */
export function queryWordSets(term: string, corrections: ReadonlyMap<string, string[]> = new Map(), max = 6): string[][] {
  let sets: string[][] = [[]];
  for (const p of pieces(term)) {
    const options = p.kind === "han" ? hanQueryCovers(p.text) : [[p.text], ...(corrections.get(p.text) ?? []).filter((c) => c !== p.text).map((c) => [c])];
    const next: string[][] = [];
    for (const s of sets) for (const o of options) if (next.length < max) next.push([...s, ...o]);
    sets = next;
  }
  return sets.filter((s) => s.length > 0);
}

/** Toneless pinyin of a Chinese run, per bigram joined ("宽带故障" → kuandai daigu guzhang) and whole ("kuandaiguzhang"). */
export function pinyinWords(run: string): string[] {
  const syllables = pinyin(run, { toneType: "none", type: "array", nonZh: "removed", v: true }) as string[];
  if (syllables.length === 0) return [];
  if (syllables.length === 1) return syllables;
  const out: string[] = [];
  for (let i = 0; i < syllables.length - 1; i++) out.push(syllables[i] + syllables[i + 1]);
  // The whole run too when it is a word-sized one (携号转网 → xiehaozhuanwang), not a whole title.
  if (syllables.length > 2 && syllables.length <= 4) out.push(syllables.join(""));
  return out;
}

export interface ArticleText {
  titleZh: string;
  titleEn: string;
  tags: string[];
  bodyZh: string;
  bodyEn: string;
}

export interface SearchDocument {
  /**
   * Weight A (title), B (tags), C (body): space-joined index words for to_tsvector('simple', …) —
   * Chinese bigrams and latin words, and for titles and tags also the toneless pinyin of their
   * Chinese (so "kuandai" finds 宽带 through the same index).
   */
  a: string;
  b: string;
  c: string;
  /** The vocabulary typos are corrected to: latin words (≥ 3 letters) and pinyin words of the titles and tags. */
  fuzzy: string;
}

const MAX_BODY_WORDS = 6000;

/** Index words plus the pinyin words of the Chinese runs. */
function wordsWithPinyin(text: string): { words: string[]; terms: string[] } {
  const words: string[] = [];
  const terms: string[] = [];
  for (const p of pieces(text)) {
    if (p.kind === "latin") {
      words.push(p.text);
      if (p.text.length >= 3 && !/\d/.test(p.text)) terms.push(p.text);
    } else {
      words.push(...hanBigrams(p.text));
      const py = pinyinWords(p.text);
      words.push(...py);
      terms.push(...py);
    }
  }
  return { words, terms };
}

/** What an article is indexed by: one function for every create, update, restore and the generator. */
export function buildSearchDocument(a: ArticleText): SearchDocument {
  const titles = wordsWithPinyin(`${a.titleZh} ${a.titleEn}`);
  const tags = wordsWithPinyin(a.tags.join(" "));
  const body = `${htmlToText(a.bodyZh)} ${htmlToText(a.bodyEn)}`;
  return {
    a: titles.words.join(" "),
    b: tags.words.join(" "),
    c: indexWords(body).slice(0, MAX_BODY_WORDS).join(" "),
    fuzzy: Array.from(new Set([...titles.terms, ...tags.terms]))
      .join(" ")
      .slice(0, 4000),
  };
}

/** A synonym group's terms, folded, empty and duplicate terms dropped. */
export function normalizeTerms(terms: string[]): string[] {
  return Array.from(new Set(terms.map((t) => foldText(t).replace(/\s+/g, " ").trim()).filter(Boolean)));
}

export interface QueryPlan {
  /**
   * The query as groups that must all match (AND); each group is a list of alternatives (OR: the
   * term itself and its synonyms), each alternative the space-joined index words of one phrase
   * (its words all present).
   */
  groups: string[][];
  /** Latin words (pinyin too) worth a typo correction (≥ 4 letters, no digits). */
  fuzzy: string[];
  /** Plain phrases to find in a title or to cut a snippet around (the terms and their synonyms). */
  highlights: string[];
}

const MAX_GROUPS = 8;
const MAX_ALTERNATIVES = 6;

/**
 * The search plan of a query. Whitespace separates terms; a Chinese run with a synonym inside it is
 * also tried with each other term of that group in its place ("宽带故障" → also "光纤故障",
 * "broadband 故障"); a latin word that is a synonym term brings its group; a latin word with
 * `corrections` (its nearest vocabulary terms) may also be any of them ("kuandia" → kuandai).
 */
export function buildQueryPlan(q: string, synonymGroups: string[][], corrections: ReadonlyMap<string, string[]> = new Map()): QueryPlan {
  const groups: string[][] = [];
  const highlights = new Set<string>();
  const fuzzy = new Set<string>();
  const folded = synonymGroups.map(normalizeTerms).filter((g) => g.length > 1);
  const terms = foldText(q)
    .split(/[\s,，、;；。.!！?？]+/u)
    .map((t) => t.trim())
    .filter(Boolean);
  // A multi-word synonym ("fibre broadband") typed whole is one term.
  for (const term of terms.slice(0, MAX_GROUPS)) {
    const variants = new Set<string>([term]);
    for (const group of folded) {
      for (const syn of group) {
        if (term === syn || (HAN.test(syn) && term.includes(syn))) {
          for (const other of group) if (other !== syn) variants.add(term === syn ? other : term.split(syn).join(other));
        }
      }
    }
    const alternatives: string[] = [];
    for (const v of Array.from(variants).slice(0, MAX_ALTERNATIVES)) {
      for (const words of queryWordSets(v, corrections)) alternatives.push(words.join(" "));
      highlights.add(v);
    }
    if (alternatives.length) groups.push(Array.from(new Set(alternatives)).slice(0, MAX_ALTERNATIVES * 2));
    for (const p of pieces(term)) if (p.kind === "latin" && p.text.length >= 4 && !/\d/.test(p.text)) fuzzy.add(p.text);
  }
  return { groups, fuzzy: Array.from(fuzzy).slice(0, 4), highlights: Array.from(highlights).slice(0, 12) };
}

/**
 * "Was this helpful" as a ranking term: the Laplace-smoothed helpful share ((h + 1) / (n + 2)) centred
 * on 0, so an unrated article neither gains nor loses, one vote moves it a little and many votes
 * move it up to ±0.5. The SQL in search-queries.ts computes the same expression.
 */
export function helpfulScore(helpful: number, unhelpful: number): number {
  return (helpful + 1) / (helpful + unhelpful + 2) - 0.5;
}

/** ≤ `max` characters of plain text around the first highlight found (the start when none is). */
export function snippetOf(text: string, highlights: string[], max = 160): string {
  if (!text) return "";
  const folded = foldText(text);
  let at = -1;
  for (const h of highlights) {
    const i = folded.indexOf(foldText(h));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  // indexOf counts UTF-16 units; Han characters of the BMP are one unit each, so this is close enough for a window.
  const start = at < 0 ? 0 : Math.max(0, Math.min(at - 30, chars.length - max));
  const cut = chars.slice(start, start + max - (start > 0 ? 1 : 0) - 1).join("");
  return `${start > 0 ? "…" : ""}${cut}…`;
}

/** The HTML an article may hold: structure, emphasis, lists, tables, links (http/https/mailto/tel only). */
export const ARTICLE_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
  ],
  allowedAttributes: { a: ["href", "title"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }, true) },
  disallowedTagsMode: "discard",
};

/** Sanitises article HTML (on save and again on render: a row written another way is still safe). */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, { ...ARTICLE_HTML, allowedAttributes: { ...ARTICLE_HTML.allowedAttributes, a: ["href", "title", "rel", "target"] } }).trim();
}

export type DiffOp = { op: "same" | "added" | "removed"; text: string };

/** The lines of stored HTML to compare: one per block element, tags kept out of the text. */
export function diffLines(html: string): string[] {
  return html
    .replace(/<\/(p|h2|h3|h4|li|tr|blockquote|pre)>/gi, "\n")
    .replace(/<br\s*\/?>/gi, "\n")
    .split("\n")
    .map((l) => htmlToText(l))
    .filter(Boolean);
}

/** A line diff (longest common subsequence) from `before` to `after`; long inputs fall back to removed-all/added-all. */
export function diffText(before: string[], after: string[]): DiffOp[] {
  const n = before.length;
  const m = after.length;
  if (n * m > 400_000) return [...before.map((text) => ({ op: "removed" as const, text })), ...after.map((text) => ({ op: "added" as const, text }))];
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ op: "same", text: before[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ op: "removed", text: before[i++] });
    else out.push({ op: "added", text: after[j++] });
  }
  while (i < n) out.push({ op: "removed", text: before[i++] });
  while (j < m) out.push({ op: "added", text: after[j++] });
  return out;
}

/** A search worth not logging: it looks like a phone, ID or account number (PII). */
export function isNumberLike(q: string): boolean {
  return /\d[\d\s-]{5,}/.test(q) || /\d{6,}/.test(q.replace(/[\s-]/g, ""));
}
