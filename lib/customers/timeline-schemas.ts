import { z } from "zod";

// The kinds of the 360 story timeline, its cursor and its URL filters (pure: no I/O; server-side, it uses Buffer).
//
// The order is the tie-break of the timeline: items at the same instant come newest-kind-first
// in the reverse of this list (a message sent in the same millisecond as the complaint status
// change that caused it is listed above it). A new kind (campaign touch, care task, points) is
// appended here and gets one branch in lib/customers/timeline-queries.ts.
export const STORY_KINDS = [
  "contact",
  "complaint",
  "feedback",
  "survey",
  "message",
  // Issue 23: the points ledger, member grade changes and account credits.
  "points",
  "grade",
  "account",
] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

/** Keyset position: the last item shown (time, kind rank, id). */
export interface StoryCursor {
  at: Date;
  rank: number;
  id: number;
}

/** Opaque cursor: base64url of [ISO time, kind rank, id]. */
export function encodeStoryCursor(c: StoryCursor): string {
  return Buffer.from(JSON.stringify([c.at.toISOString(), c.rank, c.id])).toString("base64url");
}

/** A cursor that does not decode to exactly that shape is "no cursor" (the newest page), never an error. */
export function decodeStoryCursor(raw: string | null | undefined): StoryCursor | null {
  if (!raw || raw.length > 200) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === "string" &&
      !Number.isNaN(Date.parse(v[0])) &&
      Number.isInteger(v[1]) &&
      v[1] >= 0 &&
      v[1] < STORY_KINDS.length &&
      Number.isSafeInteger(v[2]) &&
      v[2] > 0
    ) {
      return { at: new Date(v[0]), rank: v[1], id: v[2] };
    }
  } catch {}
  return null;
}

/** `?kinds=contact,complaint`: unknown names are dropped; none (or only unknown ones) = every kind. */
export const storyKindsParam = z
  .string()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((v) => {
    const picked = (v ?? "").split(",").filter((k): k is StoryKind => (STORY_KINDS as readonly string[]).includes(k));
    return STORY_KINDS.filter((k) => picked.includes(k));
  });

/** The 360 page's timeline filters as they arrive in the URL: bad values fall back to the default. */
export const storyParams = z.object({
  kinds: storyKindsParam,
  before: z.string().max(200).optional().catch(undefined),
});

export const storyInput = z.object({
  customerId: z.number().int().positive().max(2_147_483_647),
  kinds: z.array(z.enum(STORY_KINDS)).max(STORY_KINDS.length).default([]),
  before: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(15),
});
export type StoryInput = z.input<typeof storyInput>;

/** The URL of the timeline with the given kinds (empty = all) and cursor, keeping to the one page. */
export function storyHref(customerId: number, kinds: readonly StoryKind[], before?: string | null): string {
  const q = new URLSearchParams();
  if (kinds.length > 0 && kinds.length < STORY_KINDS.length) q.set("kinds", kinds.join(","));
  if (before) q.set("before", before);
  const s = q.toString();
  return `/customers/${customerId}${s ? `?${s}` : ""}#story`;
}
