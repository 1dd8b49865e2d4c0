// Segment rules the benchmarks count and refresh (scripts/bench.ts, scripts/bench-value.ts).
import type { Group } from "@/lib/segments/rules";

/** The issue's example: Gold customers in Hangzhou, data usage down 30 %, a complaint in 90 days. */
export const ISSUE_EXAMPLE_SEGMENT: Group = {
  kind: "group",
  combinator: "AND",
  children: [
    { kind: "condition", field: "tier", op: "in", value: ["GOLD"] },
    { kind: "condition", field: "city", op: "eq", value: "杭州市" },
    { kind: "condition", field: "dataUsageChange", op: "lte", value: -30 },
    { kind: "condition", field: "complaints", op: "atLeast", value: { count: 1, days: 90 } },
  ],
};

/** A broad rule on scores alone (counted on customer_score without the join). */
export const GOLD_AND_DIAMOND_SEGMENT: Group = {
  kind: "group",
  combinator: "AND",
  children: [{ kind: "condition", field: "tier", op: "in", value: ["GOLD", "DIAMOND"] }],
};

/** A broad rule that ORs across customer_score and customer. */
export const HIGH_RISK_OR_NINGBO_DIAMOND_SEGMENT: Group = {
  kind: "group",
  combinator: "OR",
  children: [
    { kind: "condition", field: "churnBand", op: "in", value: ["HIGH"] },
    {
      kind: "group",
      combinator: "AND",
      children: [
        { kind: "condition", field: "city", op: "eq", value: "宁波市" },
        { kind: "condition", field: "tier", op: "in", value: ["DIAMOND"] },
      ],
    },
  ],
};
