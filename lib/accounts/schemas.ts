import { z } from "zod";

// The account ledger's inputs (browser-safe).

const entryId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A manager's reversal of one account entry: a counter-entry, with the reason. */
export const reverseEntryInput = z.object({
  entryId,
  reason: z.string().trim().min(1).max(500),
});
export type ReverseEntryInput = z.input<typeof reverseEntryInput>;

/** One page of an account's entries, newest first (keyset on the entry id). */
export const accountEntriesInput = z.object({
  accountId: z.coerce.number().int().positive().max(2_147_483_647),
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type AccountEntriesInput = z.input<typeof accountEntriesInput>;

/** Entries that cannot be reversed: the balance the ledger began with, and reversals themselves. */
export const NON_REVERSIBLE_KINDS = ["OPENING", "REVERSAL"] as const;
