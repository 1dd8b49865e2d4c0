import { describe, test, expect } from "vitest";
import { segmentRules, MAX_CONDITIONS, type Group } from "@/lib/segments/rules";
import { compileSegmentCount, compileSegmentRules, sourceOf } from "@/lib/segments/compile";
import { maskName } from "@/lib/pii/mask";
import { csvCell, csvRow } from "@/lib/segments/export-csv";
import { ValidationError } from "@/lib/shared/errors";

const now = new Date("2026-11-23T00:00:00Z");
const group = (children: unknown[], combinator = "AND") => ({ kind: "group", combinator, children });
const cond = (field: string, op: string, value: unknown) => ({ kind: "condition", field, op, value });

describe("segment rules schema", () => {
  test.each([
    ["tier in", cond("tier", "in", ["GOLD"])],
    ["number between", cond("arpu", "between", [10, 200])],
    ["usage down 30 %", cond("dataUsageChange", "lte", -30)],
    ["complaints in 90 days", cond("complaints", "atLeast", { count: 1, days: 90 })],
    ["city eq", cond("city", "eq", "杭州市")],
    ["plan in", cond("plan", "in", ["M5G-129"])],
    ["boolean", cond("consentSms", "is", false)],
    ["rfm prefix", cond("rfmCode", "startsWith", "5")],
  ])("accepts %s", (_, c) => {
    expect(segmentRules.safeParse(group([c])).success).toBe(true);
  });

  test.each([
    ["unknown field", cond("password_hash", "eq", "x")],
    ["operator not allowed for the type", cond("tier", "gt", "GOLD")],
    ["enum value outside the list", cond("tier", "in", ["PLATINUM"])],
    ["SQL as an operator", cond("arpu", "> 0 OR 1=1 --", 1)],
    ["number as text", cond("arpu", "gte", "100")],
    ["NaN", cond("arpu", "gte", Number.NaN)],
    ["between reversed", cond("arpu", "between", [200, 10])],
    ["score out of range", cond("valueScore", "gt", 1000)],
    ["complaints window too long", cond("complaints", "atLeast", { count: 1, days: 3650 })],
    ["extra keys", { ...cond("tier", "in", ["GOLD"]), sql: "DROP TABLE customer" }],
    ["empty list", cond("city", "in", [])],
    ["boolean as string", cond("consentSms", "is", "true")],
  ])("rejects %s", (_, c) => {
    expect(segmentRules.safeParse(group([c])).success).toBe(false);
  });

  test("rejects a bad combinator, too deep nesting and too many conditions", () => {
    expect(segmentRules.safeParse(group([], "AND;")).success).toBe(false);
    const deep = group([group([group([group([group([cond("tier", "in", ["GOLD"])])])])])]);
    expect(segmentRules.safeParse(deep).success).toBe(false);
    const many = group(Array.from({ length: MAX_CONDITIONS + 1 }, () => cond("arpu", "gte", 1)));
    expect(segmentRules.safeParse(many).success).toBe(false);
  });
});

describe("compileSegmentRules", () => {
  test("user values are bind parameters, never SQL text", () => {
    const hostile = "杭州市' OR '1'='1'; DROP TABLE customer; --";
    const sql = compileSegmentRules(group([cond("city", "eq", hostile), cond("rfmCode", "startsWith", "5%_")]), now);
    expect(sql.sql).not.toContain("DROP");
    expect(sql.sql).not.toContain("杭州");
    expect(sql.values).toContain(hostile);
    // LIKE wildcards in a prefix are escaped.
    expect(sql.values).toContain("5\\%\\_%");
  });

  test("AND/OR nesting compiles to parenthesised groups", () => {
    const sql = compileSegmentRules(
      group([cond("tier", "in", ["GOLD", "DIAMOND"]), group([cond("churnBand", "in", ["HIGH"]), cond("complaints", "atLeast", { count: 2, days: 30 })], "OR")]),
      now,
    );
    expect(sql.text).toMatch(/\(s\.tier IN \(\$1,\$2\)\) AND \(\(s\.churn_band IN \(\$3\)\) OR \(\(SELECT count/);
    expect(sql.values).toEqual(["GOLD", "DIAMOND", "HIGH", now, 30, 2]);
  });

  test("an empty AND matches everyone, an empty OR no one", () => {
    expect(compileSegmentRules(group([]), now).sql).toBe("TRUE");
    expect(compileSegmentRules(group([], "OR"), now).sql).toBe("FALSE");
  });

  test("invalid trees throw ValidationError before any SQL exists", () => {
    expect(() => compileSegmentRules(group([cond("name", "eq", "x")]), now)).toThrow(ValidationError);
    expect(() => compileSegmentRules("SELECT 1", now)).toThrow(ValidationError);
    expect(() => compileSegmentRules(null, now)).toThrow(ValidationError);
  });

  test("each rule reads the tables it needs: scores alone, customers alone, the join, or a union of branches", () => {
    const score = cond("tier", "in", ["GOLD"]);
    const customer = cond("city", "eq", "杭州市");
    expect(sourceOf(segmentRules.parse(group([score, cond("arpu", "gte", 50)])))).toBe("score");
    expect(sourceOf(segmentRules.parse(group([customer, cond("complaints", "atLeast", { count: 1, days: 90 })])))).toBe("customer");
    expect(sourceOf(segmentRules.parse(group([score, customer])))).toBe("both");
    expect(sourceOf(segmentRules.parse(group([])))).toBe("customer");
    const text = (g: unknown) => compileSegmentCount(g, now).sql.replace(/\s+/g, " ");
    expect(text(group([score]))).toContain("FROM customer_score s WHERE");
    expect(text(group([customer]))).toContain("FROM customer c WHERE");
    expect(text(group([score, customer]))).toContain("LEFT JOIN customer_score s");
    // An OR across tables: one branch per child, each on its own table.
    const union = text(group([score, group([customer, cond("tier", "in", ["DIAMOND"])])], "OR"));
    expect(union.split(" UNION ")).toHaveLength(2);
    expect(union).toContain("FROM customer_score s WHERE");
    expect(union).toContain("LEFT JOIN customer_score s");
    // An OR on one table stays one WHERE.
    expect(text(group([score, cond("churnBand", "in", ["HIGH"])], "OR"))).not.toContain("UNION");
  });

  test("typed rules round-trip through the schema", () => {
    const g: Group = { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "tier", op: "in", value: ["GOLD"] }] };
    expect(segmentRules.parse(g)).toEqual(g);
  });
});

describe("export formatting", () => {
  test.each([
    ["=SUM(A1)", `"'=SUM(A1)"`],
    ["+86 138", `"'+86 138"`],
    ["-cmd", `"'-cmd"`],
    ["@evil", `"'@evil"`],
    ["\tx", `"'\tx"`],
    ['say "hi"', `"say ""hi"""`],
    ["杭州市", `"杭州市"`],
    [-30.5, `"-30.5"`],
    [null, `""`],
  ])("csvCell(%j)", (v, want) => expect(csvCell(v as string | number | null)).toBe(want));

  test("csvRow joins with commas and ends with CRLF", () => expect(csvRow(["a", 1])).toBe(`"a","1"\r\n`));

  test.each([
    ["张三", "INDIVIDUAL", "张*"],
    ["欧阳娜娜", "FAMILY", "欧***"],
    ["王", "INDIVIDUAL", "*"],
    ["杭州某某科技有限公司", "ENTERPRISE", "杭州某某科技有限公司"],
  ])("maskName(%s, %s)", (name, type, want) => expect(maskName(name, type)).toBe(want));
});

describe("topChurnFactors", () => {
  test("positive contributions only, strongest first, capped", async () => {
    const { topChurnFactors } = await import("@/lib/churn/factors");
    const stored = { x: [5, -0.4, -0.5, 2, 0, 1, 0, 0, 1], c: [0.8, 0.1, 1.2, 0.9, -0.2, 1.5, -0.1, -0.3, 0.1] };
    expect(topChurnFactors(stored).map((f) => f.feature)).toEqual(["contract_end_60d", "usage_change", "complaints_90d"]);
    expect(topChurnFactors(stored, 10).map((f) => f.feature)).toEqual([
      "contract_end_60d",
      "usage_change",
      "complaints_90d",
      "tenure_months",
      "arpu_trend",
      "old_plan",
    ]);
  });

  test("only values that read as reasons: no zero counts, no rises, no long tenure", async () => {
    const { topChurnFactors } = await import("@/lib/churn/factors");
    // Every contribution pushes up, but: 60 months is not short, spend and data rose, nothing overdue, no complaint.
    const stored = { x: [60, 0.01, 0.2, 0, 0, 0, 0, 0, 1], c: [0.5, 0.4, 0.3, 0.2, 0.2, 0.2, 0.9, 0.1, 0.1] };
    expect(topChurnFactors(stored, 9).map((f) => f.feature)).toEqual(["old_plan"]);
    const real = { x: [8, -0.3, 0.1, 1, 0, 0, 2, 0, 0], c: [0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0.9, 0.1, 0.1] };
    expect(topChurnFactors(real, 9).map((f) => f.feature)).toEqual(["overdue_bills_6m", "tenure_months", "arpu_trend", "complaints_90d"]);
    expect(topChurnFactors(null)).toEqual([]);
    expect(topChurnFactors({ x: "bad" })).toEqual([]);
  });
});
