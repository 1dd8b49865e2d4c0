import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { COMPLAINT_EVENTS } from "@/lib/churn/signals";
import { SEGMENT_FIELDS, segmentRules, type Condition, type Group, type SegmentField } from "@/lib/segments/rules";
import { ValidationError } from "@/lib/shared/errors";

// Rule tree → a parameterised WHERE clause over `customer c LEFT JOIN customer_score s`.
// Column expressions come from the table below (constants); every user value is a bind
// parameter. The tree is re-validated here, so a caller cannot skip the schema.

const COLUMN: Partial<Record<SegmentField, Prisma.Sql>> = {
  // Enum columns are compared as enums (values are validated against the options), so their
  // indexes apply; a ::text cast would hide them from the planner.
  customerType: Prisma.sql`c.type`,
  status: Prisma.sql`c.status`,
  city: Prisma.sql`c.city`,
  age: Prisma.sql`date_part('year', age(c.birth_date))`,
  tenureMonths: Prisma.sql`s.tenure_months`,
  arpu: Prisma.sql`s.arpu`,
  dataUsageChange: Prisma.sql`s.data_change_pct`,
  valueScore: Prisma.sql`s.score`,
  tier: Prisma.sql`s.tier`,
  rfmCode: Prisma.sql`s.rfm_code`,
  churnBand: Prisma.sql`s.churn_band`,
  churnProbability: Prisma.sql`(s.churn_probability * 100)`,
  lifecycleStage: Prisma.sql`s.lifecycle_stage`,
  consentSms: Prisma.sql`c.consent_sms`,
  consentCall: Prisma.sql`c.consent_call`,
  consentEmail: Prisma.sql`c.consent_email`,
  consentPush: Prisma.sql`c.consent_push`,
  doNotDisturb: Prisma.sql`c.do_not_disturb`,
};

export const SEGMENT_FROM = Prisma.sql`customer c LEFT JOIN customer_score s ON s.customer_id = c.id`;

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (m) => "\\" + m);
}

function compare(col: Prisma.Sql, op: string, value: unknown): Prisma.Sql {
  switch (op) {
    case "eq":
      return Prisma.sql`${col} = ${value}`;
    case "neq":
      return Prisma.sql`${col} <> ${value}`;
    case "gt":
      return Prisma.sql`${col} > ${value}`;
    case "gte":
      return Prisma.sql`${col} >= ${value}`;
    case "lt":
      return Prisma.sql`${col} < ${value}`;
    case "lte":
      return Prisma.sql`${col} <= ${value}`;
    case "between": {
      const [a, b] = value as [number, number];
      return Prisma.sql`${col} BETWEEN ${a} AND ${b}`;
    }
    case "in":
      return Prisma.sql`${col} IN (${Prisma.join(value as string[])})`;
    case "notIn":
      return Prisma.sql`${col} IS NOT NULL AND ${col} NOT IN (${Prisma.join(value as string[])})`;
    case "startsWith":
      return Prisma.sql`${col} LIKE ${escapeLike(value as string) + "%"}`;
    case "is":
      return Prisma.sql`${col} = ${value}`;
    default:
      throw new ValidationError({ op: "operator" });
  }
}

function lineExists(predicate: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM line l JOIN plan p ON p.id = l.plan_id WHERE l.customer_id = c.id AND l.status <> 'TERMINATED' AND ${predicate})`;
}

function compileCondition(c: Condition, now: Date): Prisma.Sql {
  if (c.field === "plan") {
    if (c.op === "notIn") return Prisma.sql`NOT ${lineExists(Prisma.sql`p.code IN (${Prisma.join(c.value as string[])})`)}`;
    return lineExists(compare(Prisma.sql`p.code`, c.op, c.value));
  }
  if (c.field === "network") {
    const inner = lineExists(Prisma.sql`l.network::text IN (${Prisma.join(c.value as string[])})`);
    return c.op === "notIn" ? Prisma.sql`NOT ${inner}` : inner;
  }
  if (c.field === "complaints") {
    const { count, days } = c.value as { count: number; days: number };
    return Prisma.sql`(SELECT count(*) FROM (${COMPLAINT_EVENTS}) e
      WHERE e.customer_id = c.id AND e.at > ${now}::timestamptz - make_interval(days => ${days}::int)) >= ${count}`;
  }
  const col = COLUMN[c.field];
  if (!col || !SEGMENT_FIELDS[c.field]) throw new ValidationError({ field: "field" });
  return compare(col, c.op, c.value);
}

function compileGroup(g: Group, now: Date): Prisma.Sql {
  if (g.children.length === 0) return g.combinator === "AND" ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
  const parts = g.children.map((child) => Prisma.sql`(${child.kind === "group" ? compileGroup(child, now) : compileCondition(child, now)})`);
  return Prisma.join(parts, g.combinator === "AND" ? " AND " : " OR ");
}

/** Validates and compiles; throws ValidationError for anything outside the catalogue. */
export function compileSegmentRules(raw: unknown, now: Date): Prisma.Sql {
  const parsed = segmentRules.safeParse(raw);
  if (!parsed.success) throw new ValidationError({ rules: "invalid" });
  return compileGroup(parsed.data, now);
}

// Fields read from customer_score alone (no customer column, no sub-query on c.id).
const SCORE_FIELDS = new Set<SegmentField>(["tenureMonths", "arpu", "dataUsageChange", "valueScore", "tier", "rfmCode", "churnBand", "churnProbability", "lifecycleStage"]);

/** True when every condition reads customer_score only and no group is empty (an empty AND is TRUE). */
function scoreOnly(g: Group): boolean {
  return g.children.length > 0 && g.children.every((c) => (c.kind === "group" ? scoreOnly(c) : SCORE_FIELDS.has(c.field)));
}

/**
 * The live count's statement. When every rule reads customer_score only, the count runs on that
 * table alone (one row per customer; a customer without scores matches no such rule), so broad
 * rules like "Gold or Diamond" are an index count instead of a join per match.
 */
export function compileSegmentCount(raw: unknown, now: Date): Prisma.Sql {
  const parsed = segmentRules.safeParse(raw);
  if (!parsed.success) throw new ValidationError({ rules: "invalid" });
  const where = compileGroup(parsed.data, now);
  return scoreOnly(parsed.data)
    ? Prisma.sql`SELECT count(*)::int AS n FROM customer_score s WHERE ${where}`
    : Prisma.sql`SELECT count(*)::int AS n FROM ${SEGMENT_FROM} WHERE ${where}`;
}
