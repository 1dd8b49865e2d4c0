import { z } from "zod";

// Audit viewer filters, parsed from the URL; anything malformed falls back to "no filter".
const text = (max: number) => z.string().trim().max(max).optional().catch(undefined).transform((v) => v || undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
export const auditFilterInput = z.object({
  actor: text(100),
  entity: text(60),
  action: text(80),
  from: day,
  to: day,
  before: z.string().regex(/^\d{1,19}$/).optional().catch(undefined),
});
export type AuditFilter = Partial<z.infer<typeof auditFilterInput>>;
