// The 360 story timeline must stay an index walk per kind at any size: on the generated base
// (scripts/test.mjs builds it; the scale generator's distribution with complaints, results given,
// survey answers and their messages), EXPLAIN the exact statement listCustomerStory sends — as a
// custom plan and as the generic plan a prepared statement ends up with — and check that every
// branch reads its customer-keyed index, none scans a table, and each walk stops at the LIMIT.
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { storyTimelineSql } from "@/lib/customers/timeline-queries";
import { STORY_KINDS } from "@/lib/customers/timeline-schemas";

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
};
const TABLES = [
  "interaction",
  "complaint",
  "complaint_status_change",
  "complaint_comment",
  "survey_response",
  "outbound_message",
  "member_grade_change",
  "account",
  "account_entry",
];
// Issue 23's walks. points_entry joins the checks once the generated base has points (the points
// generator); an empty table is planned as a scan of nothing.
const LEDGER_INDEXES = ["member_grade_change_customer_id_at_id_idx", "account_customer_id_idx", "account_entry_account_id_created_at_id_idx"];
let pointsGenerated = false;
const LIMIT = 15;

let client: pg.Client;
let prepared = 0;
let customerId: number;
let manager: Actor;
let agent: Actor;

function nodes(n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(nodes)];
}

async function plan(actor: Actor, opts: { generic: boolean; cursor?: boolean; analyze?: boolean }): Promise<PlanNode[]> {
  const cursor = opts.cursor ? { at: new Date(Date.now() - 30 * 86_400_000), rank: 2, id: 1 } : null;
  const sql = storyTimelineSql(actor, customerId, STORY_KINDS, cursor, LIMIT);
  await client.query(`SET plan_cache_mode = ${opts.generic ? "force_generic_plan" : "force_custom_plan"}`);
  // A new name each time: node-pg remembers the statements it prepared on this connection.
  const name = `story${++prepared}`;
  await client.query({ name, text: sql.text, values: sql.values as unknown[] });
  // EXECUTE of a named statement: planned the way the app's prepared statements (lib/db.ts sqlRows) are.
  const text = sql.values.map((v) => literal(v)).join(", ");
  const res = await client.query(`EXPLAIN (FORMAT JSON${opts.analyze ? ", ANALYZE" : ""}) EXECUTE ${name}(${text})`);
  return nodes(res.rows[0]["QUERY PLAN"][0].Plan);
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return `'${String(v).replace(/'/g, "''")}'`;
}

beforeAll(async () => {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error("BENCH_DATABASE_URL (the generated base scripts/test.mjs builds for integration runs) is required");
  client = new pg.Client({ connectionString: url });
  await client.connect();
  // The post-load steps add complaints, answers, results and messages after the load's ANALYZE.
  for (const t of [...TABLES, "points_entry"]) await client.query(`ANALYZE ${t}`);
  pointsGenerated = (await client.query(`SELECT EXISTS (SELECT 1 FROM points_entry) AS e`)).rows[0].e === true;
  const row = (
    await client.query<{ customer_id: number }>(
      `SELECT c.customer_id FROM complaint c
       WHERE EXISTS (SELECT 1 FROM complaint_comment m WHERE m.complaint_id = c.id AND m.kind = 'FEEDBACK')
         AND EXISTS (SELECT 1 FROM survey_response r WHERE r.customer_id = c.customer_id)
         AND EXISTS (SELECT 1 FROM outbound_message o WHERE o.customer_id = c.customer_id)
       ORDER BY c.customer_id LIMIT 1`,
    )
  ).rows[0];
  expect(row, "the generated base has a customer with every kind of story").toBeTruthy();
  customerId = row!.customer_id;
  const users = (await client.query(`SELECT id, username, display_name, role::text AS role, team_id FROM app_user WHERE username IN ('manager1', 'agent1')`))
    .rows;
  const actor = (u: (typeof users)[number]): Actor => ({ id: u.id, username: u.username, name: u.display_name, role: u.role, teamId: u.team_id });
  manager = actor(users.find((u) => u.username === "manager1"));
  agent = actor(users.find((u) => u.username === "agent1"));
}, 60_000);

afterAll(async () => {
  await client?.end();
});

describe("story timeline plan (generated base)", () => {
  const cases = [
    ["manager, newest page, custom plan", () => manager, { generic: false }],
    ["manager, newest page, generic plan (prepared)", () => manager, { generic: true }],
    ["agent (complaint scope), older page, custom plan", () => agent, { generic: false, cursor: true }],
    ["agent (complaint scope), older page, generic plan (prepared)", () => agent, { generic: true, cursor: true }],
  ] as const;
  test.each(cases)("%s: one customer-keyed index walk per kind, no table scan", async (_name, who, opts) => {
    const ns = await plan(who(), opts);
    expect(ns.filter((n) => n["Node Type"] === "Seq Scan" && TABLES.includes(n["Relation Name"]!)).map((n) => n["Relation Name"])).toEqual([]);
    const indexes = new Set(ns.map((n) => n["Index Name"]).filter(Boolean));
    for (const ix of [
      "interaction_customer_id_occurred_at_id_idx",
      "complaint_status_change_complaint_id_at_idx",
      "complaint_comment_complaint_id_at_idx",
      "survey_response_customer_id_answered_at_id_idx",
      "outbound_message_customer_id_created_at_id_idx",
      ...LEDGER_INDEXES,
      ...(pointsGenerated ? ["points_entry_customer_id_created_at_id_idx"] : []),
    ]) {
      expect(indexes, ix).toContain(ix);
    }
    // Complaints: either customer-keyed index (the scoring's covering complaint_customer_signal_idx,
    // issue 23, serves the same walk backwards).
    expect(
      ["complaint_customer_id_created_at_idx", "complaint_customer_signal_idx"].some((ix) => indexes.has(ix)),
      "a customer-keyed walk of complaint",
    ).toBe(true);
    if (pointsGenerated) expect(ns.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "points_entry")).toEqual([]);
    expect(ns[0]!["Node Type"]).toBe("Limit");
  });

  test("each customer-keyed walk stops at the page size (no sort of the whole history)", async () => {
    const ns = await plan(manager, { generic: true, analyze: true });
    for (const ix of [
      "interaction_customer_id_occurred_at_id_idx",
      "survey_response_customer_id_answered_at_id_idx",
      "outbound_message_customer_id_created_at_id_idx",
      "member_grade_change_customer_id_at_id_idx",
    ]) {
      const scan = ns.find((n) => n["Index Name"] === ix)!;
      expect(scan["Index Cond"]).toMatch(/customer_id/);
      expect(scan["Actual Rows"]! * scan["Actual Loops"]!).toBeLessThanOrEqual(LIMIT + 1);
    }
  });
});
