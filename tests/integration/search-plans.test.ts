// The lookups agents run all day must be index-backed. The test database is small (a planner
// rightly seq-scans a few hundred rows), so inside a transaction that is rolled back we add
// 30,000 customers with 60,000 lines and their accounts, ANALYZE, and read the plans EXPLAIN (FORMAT JSON)
// gives for the exact SQL searchCustomers runs, with sequential scans allowed.
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import pg from "pg";
import { nameWalkSql, searchSql, suffixSql } from "@/lib/customers/queries";
import { classifySearchTerm, type SearchKind } from "@/lib/customers/schemas";
import { hashIdNumber } from "@/lib/pii/crypto";

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
// As the owner: the app role may not ANALYZE the tables (their owner's maintenance).
const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });

function nodes(n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(nodes)];
}

async function plan(q: string): Promise<PlanNode[]> {
  const kind = classifySearchTerm(q) as Exclude<SearchKind, "tooShort">;
  const sql = searchSql(kind, q.replace(/[\s-]/g, ""), "", 0, 21);
  const r = await client.query(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values as unknown[]);
  return nodes(r.rows[0]["QUERY PLAN"][0].Plan);
}

beforeAll(async () => {
  await client.connect();
  await client.query("BEGIN");
  const n = 30_000;
  await client.query(
    `INSERT INTO customer (customer_no, type, name, name_pinyin, name_initials, province, city, joined_at, updated_at, id_number_hash)
     SELECT 'C7' || lpad(g::text, 9, '0'), 'INDIVIDUAL', (ARRAY['王','李','张','刘','陈'])[1 + g % 5] || chr(19968 + (g * 7) % 20000) || chr(19968 + (g * 13) % 20000),
            'py' || md5(g::text), 'py', '浙江省', '杭州市', current_date, now(), md5('id' || g)
     FROM generate_series(1, $1::int) g`,
    [n],
  );
  await client.query(
    `INSERT INTO account (account_no, customer_id, payment_method, credit_class)
     SELECT 'A7' || substr(customer_no, 3), id, 'CASH', 'B' FROM customer WHERE customer_no LIKE 'C7%'`,
  );
  await client.query(
    `INSERT INTO line (msisdn, customer_id, account_id, plan_id, network, start_date)
     SELECT '19' || k || lpad(((c.id::bigint * 7919 + k * 104729) % 100000000)::text, 8, '0'), c.id, a.id, (SELECT min(id) FROM plan), 'G5', current_date
     FROM customer c JOIN account a ON a.customer_id = c.id CROSS JOIN generate_series(3, 4) k WHERE c.customer_no LIKE 'C7%'
     ON CONFLICT (msisdn) DO NOTHING`,
  );
  // Rows just inserted sit in the GIN indexes' pending lists (fastupdate) until autovacuum merges
  // them; a planner costs a long pending list as a scan of it. Merge now, as a live system would be.
  await client.query("SELECT gin_clean_pending_list('line_msisdn_quads_idx'::regclass), gin_clean_pending_list('customer_name_trgm_idx'::regclass)");
  await client.query("ANALYZE customer; ANALYZE line; ANALYZE account");
}, 120_000);

afterAll(async () => {
  await client.query("ROLLBACK");
  await client.end();
});

const noSeqScan = (ns: PlanNode[]) => ns.filter((x) => x["Node Type"] === "Seq Scan" && ["customer", "line", "account"].includes(x["Relation Name"] ?? ""));
const indexes = (ns: PlanNode[]) => ns.map((x) => x["Index Name"]).filter(Boolean);

describe("search plans use indexes (seqscan allowed, statistics fresh)", () => {
  test("full MSISDN → the unique index on line.msisdn", async () => {
    const { rows } = await client.query<{ msisdn: string }>(`SELECT msisdn FROM line WHERE msisdn LIKE '193%' LIMIT 1 OFFSET 500`);
    const p = await plan(rows[0].msisdn);
    expect(noSeqScan(p)).toEqual([]);
    expect(indexes(p)).toContain("line_msisdn_key");
  });

  test("a 4-digit fragment → its endings off the suffix index, the rest through the quads index", async () => {
    for (const frag of ["4821", "1930", "9999"]) {
      const ending = suffixSql(frag, "", 22);
      const r = await client.query(`EXPLAIN (FORMAT JSON) ${ending.text}`, ending.values as unknown[]);
      const e = nodes(r.rows[0]["QUERY PLAN"][0].Plan);
      expect(noSeqScan(e)).toEqual([]);
      expect(indexes(e)).toContain("line_msisdn_suffix_idx");
      const rest = await plan(frag);
      expect(noSeqScan(rest)).toEqual([]);
      expect(indexes(rest).some((i) => i === "line_msisdn_quads_idx" || i === "line_msisdn_key")).toBe(true);
    }
  });

  test("5- to 8-digit fragments → the quads index", async () => {
    for (const frag of ["48213", "482139", "4821390", "30004821"]) {
      const p = await plan(frag);
      expect(noSeqScan(p)).toEqual([]);
      expect(indexes(p)).toContain("line_msisdn_quads_idx");
    }
  });

  test("account number → the unique index on account.account_no", async () => {
    const p = await plan("A7000012345");
    expect(noSeqScan(p)).toEqual([]);
    expect(indexes(p)).toContain("account_account_no_key");
  });

  test("national ID → the keyed-hash index (no decryption)", async () => {
    const p = await plan("11010519491231002X");
    expect(hashIdNumber("11010519491231002X")).toMatch(/^[0-9a-f]{64}$/);
    expect(noSeqScan(p)).toEqual([]);
    expect(indexes(p)).toContain("customer_id_number_hash_idx");
  });

  test("Chinese names: a 2-character prefix and a 3-character term", async () => {
    const two = await plan("王一");
    expect(noSeqScan(two)).toEqual([]);
    expect(indexes(two)).toContain("customer_name_c_id_idx");
    const three = await plan("王一丁");
    expect(noSeqScan(three)).toEqual([]);
    // Every match from the trigram index, never an ordered walk of the name btree with a filter
    // (priced on a guessed match count, it read most of the table for rare names at 10 M).
    expect(indexes(three)).toEqual(["customer_name_trgm_idx"]);
    // A common term (more than NAME_MATCH_CAP matches) walks the primary key in id order.
    const walk = nameWalkSql("王一丁", 0, 21);
    const r = await client.query(`EXPLAIN (FORMAT JSON) ${walk.text}`, walk.values as unknown[]);
    const w = nodes(r.rows[0]["QUERY PLAN"][0].Plan);
    expect(noSeqScan(w)).toEqual([]);
    expect(indexes(w)).toEqual(["customer_pkey"]);
  });

  test("pinyin prefix", async () => {
    const p = await plan("pyabc");
    expect(noSeqScan(p)).toEqual([]);
    expect(indexes(p)).toContain("customer_name_pinyin_c_id_idx");
  });
});
