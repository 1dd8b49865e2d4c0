import { z } from "zod";

// Routing inputs (browser-safe: the routing forms and the actions share them). Each parses its own
// output again (the pipeline parses, then the lib function), so form text and typed values both pass.

/** A form checkbox ("on" when ticked, absent when not) or a boolean. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().positive().max(2_147_483_647);

/** A skill tag as categories carry it (complaint_category.skill_tags). */
export const skillTag = z.string().trim().min(1).max(40);

/** The most open complaints one agent may hold at once. */
export const MAX_CAPACITY = 200;

/** The form field of one skill's checkbox ("skill:billing" = "on" when ticked). */
export const SKILL_FIELD_PREFIX = "skill:";

/** A form's ticked "skill:<tag>" checkboxes as the `skills` list (a given list is kept as it is). */
function collectSkills(v: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v) || "skills" in v) return v;
  const out: Record<string, unknown> = {};
  const skills: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    if (!k.startsWith(SKILL_FIELD_PREFIX)) out[k] = x;
    else if (x === "on" || x === true || x === "true") skills.push(k.slice(SKILL_FIELD_PREFIX.length));
  }
  return { ...out, skills };
}

export const agentProfileInput = z.preprocess(
  collectSkills,
  z.object({
    userId: id,
    version,
    skills: z.array(skillTag).max(30),
    capacity: z.coerce.number().int().min(0).max(MAX_CAPACITY),
    isAvailable: checkbox,
  }),
);
export type AgentProfileInput = z.input<typeof agentProfileInput>;

export const categoryRoutingInput = z.object({
  categoryId: id,
  routingVersion: version,
  autoRouteGeneral: checkbox,
});

/** Whom a level of the ladder notifies (AGENT = the handler and the owner). */
export const LADDER_ROLES = ["AGENT", "SUPERVISOR", "MANAGER"] as const;
export const MAX_LADDER_LEVELS = 9;
/** A week: a longer delay than that is no escalation. */
export const MAX_LADDER_DELAY_MIN = 10_080;

export const ladderStep = z.object({
  notifyRole: z.enum(LADDER_ROLES),
  delayMin: z.coerce.number().int().min(0).max(MAX_LADDER_DELAY_MIN),
});

/** The whole ladder, level 1 first; each level's delay after the breach is at least the one before. */
export const ladderInput = z
  .object({
    version,
    steps: z.array(ladderStep).min(1).max(MAX_LADDER_LEVELS),
  })
  .superRefine((v, ctx) => {
    v.steps.forEach((s, i) => {
      if (i > 0 && s.delayMin < v.steps[i - 1].delayMin) ctx.addIssue({ code: "custom", path: ["steps", i, "delayMin"], message: "ladderOrder" });
    });
  });
export type LadderInput = z.input<typeof ladderInput>;
