import { z } from "zod";

// Segment rules: a tree of AND/OR groups over a fixed catalogue of customer attributes. Browser-
// safe (the builder uses the same catalogue and schema); lib/segments/compile.ts turns a VALID
// tree into parameterised SQL. Only catalogue fields and their operators exist: anything else
// fails validation and never reaches SQL.

export type FieldType = "number" | "enum" | "text" | "boolean" | "complaints";

export const SEGMENT_FIELDS = {
  customerType: { type: "enum", options: ["INDIVIDUAL", "FAMILY", "ENTERPRISE", "GOVERNMENT"] },
  status: { type: "enum", options: ["ACTIVE", "SUSPENDED", "CHURNED"] },
  city: { type: "text" },
  age: { type: "number", min: 0, max: 130 },
  tenureMonths: { type: "number", min: 0, max: 1200 },
  plan: { type: "text" },
  network: { type: "enum", options: ["G4", "G5", "FTTH", "FIXED"] },
  arpu: { type: "number", min: 0, max: 1_000_000 },
  dataUsageChange: { type: "number", min: -100, max: 1000 },
  valueScore: { type: "number", min: 0, max: 100 },
  tier: { type: "enum", options: ["DIAMOND", "GOLD", "SILVER", "STANDARD"] },
  rfmCode: { type: "text" },
  churnBand: { type: "enum", options: ["LOW", "MEDIUM", "HIGH"] },
  churnProbability: { type: "number", min: 0, max: 100 },
  lifecycleStage: { type: "enum", options: ["NEW", "GROWING", "MATURE", "AT_RISK", "CHURNED", "WON_BACK"] },
  consentSms: { type: "boolean" },
  consentCall: { type: "boolean" },
  consentEmail: { type: "boolean" },
  consentPush: { type: "boolean" },
  doNotDisturb: { type: "boolean" },
  complaints: { type: "complaints" },
} as const satisfies Record<string, { type: FieldType; options?: readonly string[]; min?: number; max?: number }>;

export type SegmentField = keyof typeof SEGMENT_FIELDS;
export const SEGMENT_FIELD_KEYS = Object.keys(SEGMENT_FIELDS) as SegmentField[];

export const OPERATORS: Record<FieldType, readonly string[]> = {
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between"],
  enum: ["in", "notIn"],
  text: ["eq", "in", "notIn", "startsWith"],
  boolean: ["is"],
  complaints: ["atLeast"],
};

export const MAX_DEPTH = 4;
export const MAX_CONDITIONS = 40;

export type Condition = { kind: "condition"; field: SegmentField; op: string; value: unknown };
export type Group = { kind: "group"; combinator: "AND" | "OR"; children: Array<Condition | Group> };

const text = z.string().trim().min(1).max(60);
const finite = z.number().finite();

function valueSchema(field: SegmentField, op: string): z.ZodType | null {
  const spec = SEGMENT_FIELDS[field] as { type: FieldType; options?: readonly string[]; min?: number; max?: number };
  if (!OPERATORS[spec.type].includes(op)) return null;
  switch (spec.type) {
    case "number": {
      const n = finite.min(spec.min ?? -1e12).max(spec.max ?? 1e12);
      return op === "between" ? z.tuple([n, n]).refine(([a, b]) => a <= b, "order") : n;
    }
    case "enum": {
      const e = z.enum(spec.options as [string, ...string[]]);
      return z.array(e).min(1).max(spec.options!.length);
    }
    case "text":
      return op === "in" || op === "notIn" ? z.array(text).min(1).max(50) : text;
    case "boolean":
      return z.boolean();
    case "complaints":
      return z.object({ count: z.number().int().min(1).max(1000), days: z.number().int().min(1).max(365) }).strict();
  }
}

const conditionSchema = z
  .object({ kind: z.literal("condition"), field: z.enum(SEGMENT_FIELD_KEYS as [SegmentField, ...SegmentField[]]), op: z.string().max(20), value: z.unknown() })
  .strict()
  .superRefine((c, ctx) => {
    const schema = valueSchema(c.field, c.op);
    if (!schema) {
      ctx.addIssue({ code: "custom", path: ["op"], message: "operator" });
      return;
    }
    const r = schema.safeParse(c.value);
    if (!r.success) ctx.addIssue({ code: "custom", path: ["value"], message: "value" });
  });

export const groupSchema: z.ZodType<Group> = z.lazy(() =>
  z
    .object({
      kind: z.literal("group"),
      combinator: z.enum(["AND", "OR"]),
      children: z.array(z.union([conditionSchema, groupSchema])).max(MAX_CONDITIONS),
    })
    .strict(),
) as z.ZodType<Group>;

function measure(g: Group, depth = 1): { depth: number; conditions: number } {
  let d = depth;
  let n = 0;
  for (const c of g.children) {
    if (c.kind === "group") {
      const m = measure(c, depth + 1);
      d = Math.max(d, m.depth);
      n += m.conditions;
    } else n++;
  }
  return { depth: d, conditions: n };
}

/** The root rule: a group, at most MAX_DEPTH deep with at most MAX_CONDITIONS conditions. */
export const segmentRules = groupSchema.superRefine((g, ctx) => {
  const m = measure(g);
  if (m.depth > MAX_DEPTH) ctx.addIssue({ code: "custom", message: "tooDeep" });
  if (m.conditions > MAX_CONDITIONS) ctx.addIssue({ code: "custom", message: "tooMany" });
});

export const EMPTY_RULES: Group = { kind: "group", combinator: "AND", children: [] };

export const segmentSaveInput = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(300).optional().default(""),
  kind: z.enum(["DYNAMIC", "STATIC"]),
  rules: segmentRules,
});
export type SegmentSaveInput = z.input<typeof segmentSaveInput>;


export const clusterSaveInput = z.object({
  name: z.string().trim().min(1).max(80),
  k: z.number().int().min(2).max(8),
  cluster: z.number().int().min(0).max(7),
  centroids: z.array(z.array(finite).length(3)).min(2).max(8),
  mean: z.array(finite).length(3),
  std: z.array(finite.positive()).length(3),
});
export type ClusterSaveInput = z.infer<typeof clusterSaveInput>;

/** A segment's id (an action's bound argument or a route's `[id]`: it comes from the client). */
export const segmentId = z.coerce.number().int().positive().max(2_147_483_647);
/** How many clusters to propose. */
export const discoverInput = z.object({ k: z.coerce.number().int().min(2).max(8) });

/** An edit of a saved segment's name, description and rules, against the version it was read at. */
export const segmentUpdateInput = z.object({
  id: segmentId,
  version: z.number().int().min(1).max(2_147_483_647),
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(300).optional().default(""),
  rules: segmentRules,
});
export type SegmentUpdateInput = z.input<typeof segmentUpdateInput>;
