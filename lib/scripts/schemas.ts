// Standard scripts (话术) inputs, browser-safe: the admin form and the server share them
// (docs/scripts-and-palette.md). A form posts text; the schema accepts its own output too, since
// lib parses again (docs/building-a-feature.md).
import { z } from "zod";
import { unknownPlaceholders } from "@/lib/scripts/placeholders";

export const SCRIPT_STAGES = ["GREETING", "IDENTITY_CHECK", "APOLOGY", "EXPLANATION", "CLOSING", "CAMPAIGN"] as const;
export type ScriptStageName = (typeof SCRIPT_STAGES)[number];
/** The stages of an inbound call, in the order the call goes. */
export const CALL_STAGES: readonly ScriptStageName[] = ["GREETING", "IDENTITY_CHECK", "APOLOGY", "EXPLANATION", "CLOSING"];

const id = z.coerce.number().int().positive().max(2_147_483_647);
/** A picker's value: "" (none) → null. */
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable());
const flag = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const body = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((s) => unknownPlaceholders(s).length === 0, { message: "scriptUnknownPlaceholder" });

export const scriptInput = z
  .object({
    stage: z.enum(SCRIPT_STAGES),
    complaintCategoryId: optionalId,
    campaignId: optionalId,
    nameZh: z.string().trim().min(1).max(80),
    nameEn: z.string().trim().min(1).max(120),
    bodyZh: body,
    bodyEn: body,
    sortOrder: z.coerce.number().int().min(0).max(9999).default(100),
    isActive: flag,
  })
  .superRefine((v, ctx) => {
    // A campaign's script is the CAMPAIGN stage's; a complaint category's, one of an inbound call's.
    if (v.campaignId !== null && v.stage !== "CAMPAIGN") ctx.addIssue({ code: "custom", path: ["campaignId"], message: "scriptCampaignStageOnly" });
    if (v.complaintCategoryId !== null && v.stage === "CAMPAIGN")
      ctx.addIssue({ code: "custom", path: ["complaintCategoryId"], message: "scriptCategoryNotForCampaign" });
  });
export type ScriptInput = z.input<typeof scriptInput>;

export const updateScriptInput = z.intersection(scriptInput, z.object({ id, version: z.coerce.number().int().min(1).max(2_147_483_647) }));
export type UpdateScriptInput = z.input<typeof updateScriptInput>;

export const setScriptActiveInput = z.object({ id, version: z.coerce.number().int().min(1).max(2_147_483_647), isActive: z.boolean() });
export type SetScriptActiveInput = z.infer<typeof setScriptActiveInput>;
