// Inputs of the configuration history (zod, browser-safe).
import { z } from "zod";

export const revisionListFilter = z.object({
  entity: z.string().max(40).regex(/^[A-Za-z]+$/).optional().catch(undefined),
  key: z.string().max(120).optional().catch(undefined),
  cursor: z.string().max(40).regex(/^\d+$/).optional().catch(undefined),
});
export const restoreInput = z.object({ revisionId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
