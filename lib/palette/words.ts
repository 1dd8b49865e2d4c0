// The words of a complaint the side panel searches the knowledge base with (pure, browser-safe).

/**
 * The first few phrases of a complaint's summary as a search: punctuation splits phrases (Chinese
 * has no spaces), digits-only runs (numbers, amounts) are dropped, each phrase is cut at 12
 * characters, at most `max` of them.
 */
export function suggestionWords(summary: string, max = 3): string {
  return summary
    .normalize("NFKC")
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => [...w].slice(0, 12).join(""))
    .filter((w) => w && !/^\d+$/.test(w) && [...w].length >= 2)
    .slice(0, max)
    .join(" ");
}
