import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { festivalsOfYears } from "@/lib/care/festivals";
import { addFestivalInput, removeFestivalInput, type AddFestivalInput, type RemoveFestivalInput } from "@/lib/care/schemas";
import { z } from "zod";

// The festival calendar (care_festival): admins (care:configure) add a day, remove one, or fill
// whole years from the lunar calendar (lib/care/festivals.ts). Audited in the same transaction.

export interface FestivalRow {
  id: number;
  code: string;
  day: string;
  nameZh: string;
  nameEn: string;
}

/** The festivals from `from` (a day) on, by day, at most `limit`. */
export async function listFestivals(actor: Actor, input: { from: string; limit?: number }): Promise<FestivalRow[]> {
  assertCan(actor, "care:configure");
  const rows = await db.$queryRaw<FestivalRow[]>`
    SELECT id, code, to_char(day, 'YYYY-MM-DD') AS day, name_zh AS "nameZh", name_en AS "nameEn"
    FROM care_festival WHERE day >= ${input.from}::date ORDER BY day, code LIMIT ${input.limit ?? 60}`;
  return rows;
}

export async function addFestival(actor: Actor, raw: AddFestivalInput): Promise<{ id: number }> {
  assertCan(actor, "care:configure");
  const parsed = addFestivalInput.safeParse(raw);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const input = parsed.data;
  if (Number.isNaN(Date.parse(`${input.day}T00:00:00Z`)) || new Date(`${input.day}T00:00:00Z`).toISOString().slice(0, 10) !== input.day)
    throw new ValidationError({ day: "invalid" });
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ id: number }>>`
      INSERT INTO care_festival (code, day, name_zh, name_en) VALUES (${input.code}, ${input.day}::date, ${input.nameZh}, ${input.nameEn})
      ON CONFLICT (code, day) DO NOTHING RETURNING id`;
    if (!row) throw new ValidationError({ day: "care.festivalExists" }, "care.festivalExists");
    await recordAudit(tx, actor, { action: "careFestival.added", entity: "care_festival", entityId: row.id, data: { ...input } });
    return { id: row.id };
  });
}

export async function removeFestival(actor: Actor, raw: RemoveFestivalInput): Promise<void> {
  assertCan(actor, "care:configure");
  const { id } = removeFestivalInput.parse(raw);
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ code: string; day: string }>>`
      DELETE FROM care_festival WHERE id = ${id} RETURNING code, to_char(day, 'YYYY-MM-DD') AS day`;
    if (!row) throw new NotFoundError("care_festival");
    await recordAudit(tx, actor, { action: "careFestival.removed", entity: "care_festival", entityId: id, data: { code: row.code, day: row.day } });
  });
}

export const fillFestivalYearsInput = z.object({ from: z.coerce.number().int().min(2000).max(2099), to: z.coerce.number().int().min(2000).max(2099) });

/**
 * Fills the years `from`..`to` from the lunar calendar: the festivals missing are added (set-based,
 * ON CONFLICT DO NOTHING), a day an admin removed comes back only when its year is filled again.
 */
export async function fillFestivalYears(actor: Actor, raw: z.input<typeof fillFestivalYearsInput>): Promise<{ added: number }> {
  assertCan(actor, "care:configure");
  const { from, to } = fillFestivalYearsInput.parse(raw);
  if (to < from || to - from > 10) throw new ValidationError({ to: "invalid" });
  const rows = festivalsOfYears(from, to);
  return db.$transaction(async (tx) => {
    const added = await tx.$executeRaw`
      INSERT INTO care_festival (code, day, name_zh, name_en)
      SELECT * FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.nameZh)}::text[], ${rows.map((r) => r.nameEn)}::text[])
      ON CONFLICT (code, day) DO NOTHING`;
    await recordAudit(tx, actor, { action: "careFestival.filled", entity: "care_festival", entityId: `${from}-${to}`, data: { from, to, added } });
    return { added };
  });
}

