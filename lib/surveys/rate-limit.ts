import "server-only";

// A small fixed-window limiter for the public survey page (per client address, per process).
// Enough to stop a script from hammering tokens on one node; a shared store would be needed for
// a hard limit across many nodes, and tokens are 244-bit random anyway.
const WINDOW_MS = 10 * 60_000;
const MAX_PER_WINDOW = 30;
const hits = new Map<string, { start: number; n: number }>();

export function allowRequest(key: string, now: Date = new Date(), max = MAX_PER_WINDOW): boolean {
  const t = now.getTime();
  const h = hits.get(key);
  if (!h || t - h.start >= WINDOW_MS) {
    if (hits.size > 10_000) hits.clear();
    hits.set(key, { start: t, n: 1 });
    return true;
  }
  h.n += 1;
  return h.n <= max;
}
