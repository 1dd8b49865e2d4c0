// Inputs of the category tree and root-cause commands (zod, browser-safe: forms and actions share them).
import { z } from "zod";
import { COMPLAINT_GRADES } from "@/lib/complaints/schemas";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().positive().max(2_147_483_647);
const optionalId = z.preprocess((v) => (v === "" || v === null || v === undefined || v === "root" ? null : v), z.coerce.number().int().positive().max(2_147_483_647).nullable());
/** A code: upper-case letters, digits and underscores; empty = made from the English name. */
const code = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.union([z.literal(""), z.string().max(40).regex(/^[A-Z][A-Z0-9_]*$/, { message: "codeFormat" })]).optional(),
);
/** Words typed one per line or comma-separated, or the list itself (parsing twice gives the same list). */
const skills = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,，]+/).filter(Boolean) : v),
  z.array(z.string().max(40).regex(/^[\p{L}\p{N}_-]+$/u)).max(20),
);
const nameZh = z.string().trim().min(1).max(60);
const nameEn = z.string().trim().min(1).max(80);

export const categoryCreate = z.object({ parentId: optionalId, code, nameZh, nameEn });
export const categoryDetails = z.object({
  id,
  version,
  nameZh,
  nameEn,
  scriptZh: z.string().trim().max(2000),
  scriptEn: z.string().trim().max(2000),
  defaultGrade: z.enum(COMPLAINT_GRADES),
  skillTags: skills,
});
export const categoryMove = z.object({ id, version, parentId: optionalId });
export const categoryReorder = z.object({ id, version, direction: z.enum(["up", "down"]) });
export const categoryActive = z.object({ id, version, isActive: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()) });

export const rootCauseCreate = z.object({ categoryId: id, code, nameZh, nameEn });
export const rootCauseRename = z.object({ id, version, nameZh, nameEn });
export const rootCauseReorder = categoryReorder;
export const rootCauseActive = categoryActive;

/** "Slow 5G" → "SLOW_5G": a code from the English name when the admin leaves it empty. */
export function codeFromName(name: string): string {
  const c = name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^[_0-9]+|_+$/g, "")
    .slice(0, 40);
  return c || "CATEGORY";
}
