// The complaint page's issue-24 rows: the side panel's suggestion (the knowledge base's search with
// the complaint's category and its summary's words, topped up with the category's articles) and the
// standard scripts chosen and filled for the complaint, each at 16 concurrent agents, against their
// floors (the category's articles read alone; the scripts' index read alone). They run against
// whatever articles exist (the knowledge base's generator makes them) and report the count. The
// searches the suggestions log are removed afterwards.
//   npm run bench -- --customers N            (rows of the whole bench)
//   node --conditions=react-server --import tsx scripts/bench-scripts.ts --customers N [--db-dir DIR]
import type pg from "pg";

type ActorT = import("@/lib/auth/actor").Actor;

export interface ScriptsBenchInput {
  agent: ActorT;
  /** Open complaints in the agent's scope: id, category, summary. */
  complaints: Array<{ id: number; categoryId: number; summary: string }>;
  articles: number;
}

/** The agent's complaints to open (their team's, newest first) and the number of published articles. */
export async function scriptsBenchInput(pool: pg.Pool, agent: ActorT): Promise<ScriptsBenchInput> {
  const complaints = (
    await pool.query<{ id: number; categoryId: number; summary: string }>(
      `SELECT id, category_id AS "categoryId", summary FROM complaint WHERE team_id = $1 OR assignee_id = $2 ORDER BY id DESC LIMIT 64`,
      [agent.teamId ?? -1, agent.id],
    )
  ).rows;
  const [{ n }] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM kb_article WHERE status = 'PUBLISHED'`)).rows;
  // A base generated before the scripts' step has none: the demo's scripts (a handful of rows).
  const [{ s }] = (await pool.query<{ s: number }>(`SELECT count(*)::int AS s FROM service_script`)).rows;
  if (s === 0) {
    const client = await pool.connect();
    try {
      const { seedDemoScripts } = await import("@/tests/factories/scripts-demo");
      await seedDemoScripts(client as unknown as pg.Client);
    } finally {
      client.release();
    }
  }
  return { agent, complaints, articles: n };
}

/** The floor of the suggestion: the category's published articles, best rated first (no words, no log). */
export const SUGGEST_FLOOR_SQL = `SELECT a.id, a.title_zh, a.title_en, c.name_zh FROM kb_article a JOIN kb_category c ON c.id = a.category_id
  WHERE a.status = 'PUBLISHED' AND $1::int = ANY (a.complaint_category_ids) ORDER BY a.helpful_count - a.unhelpful_count DESC, a.id DESC LIMIT 6`;
/** The floor of the scripts: the active scripts of the complaint's stages (the general and the category's). */
export const SCRIPTS_FLOOR_SQL = `SELECT id, stage, body_zh FROM service_script WHERE stage IN ('GREETING','IDENTITY_CHECK','APOLOGY','EXPLANATION','CLOSING') AND is_active
  AND (complaint_category_id IS NULL OR complaint_category_id = $1) AND campaign_id IS NULL ORDER BY sort_order, id`;

export async function suggestOnce(input: ScriptsBenchInput, i: number): Promise<unknown> {
  const { suggestArticles } = await import("@/lib/palette/suggest-queries");
  const c = input.complaints[i % input.complaints.length]!;
  return suggestArticles(input.agent, { complaintCategoryId: c.categoryId, summary: c.summary });
}

export async function scriptsOnce(input: ScriptsBenchInput, i: number): Promise<unknown> {
  const { getComplaintScripts } = await import("@/lib/scripts/queries");
  const c = input.complaints[i % input.complaints.length]!;
  return getComplaintScripts(input.agent, c.id, i % 2 ? "en" : "zh-CN");
}

/** Removes the panel searches the bench logged (the gap report must not count them). */
export async function cleanUpScriptsBench(pool: pg.Pool, input: ScriptsBenchInput, since: Date): Promise<void> {
  await pool.query(`DELETE FROM kb_search_log WHERE user_id = $1 AND source = 'panel' AND at >= $2`, [input.agent.id, since]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { performance } = await import("node:perf_hooks");
  const { openStandaloneBench } = await import("./lib/bench-db");
  const { customers, bench, pool } = await openStandaloneBench({ poolMax: 4 });
  const since = new Date();
  try {
    const u = (await pool.query(`SELECT id, username, display_name, role::text AS role, team_id FROM app_user WHERE username = 'agent1'`)).rows[0];
    const agent: ActorT = { id: u.id, username: u.username, name: u.display_name, role: u.role, teamId: u.team_id, ip: "127.0.0.1", userAgent: "bench" };
    const input = await scriptsBenchInput(pool, agent);
    console.log(
      `Complaint page rows at ${customers.toLocaleString("en")} customers, ${input.articles.toLocaleString("en")} published articles, ${input.complaints.length} complaints:`,
    );
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
    const run = async (what: string, fn: (i: number) => Promise<unknown>, floor: (i: number) => Promise<unknown>) => {
      const lat: number[] = [];
      const fl: number[] = [];
      // A warm-up round, then 20 rounds of 16 at once.
      for (let round = -1; round < 20; round++) {
        await Promise.all(
          Array.from({ length: 16 }, async (_, k) => {
            const i = Math.max(0, round) * 16 + k;
            let t = performance.now();
            await fn(i);
            if (round >= 0) lat.push(performance.now() - t);
            t = performance.now();
            await floor(i);
            if (round >= 0) fl.push(performance.now() - t);
          }),
        );
      }
      console.log(`  ${what.padEnd(40)} p95 ${p95(lat).toFixed(1).padStart(6)} ms (floor ${p95(fl).toFixed(1)} ms), target p95 ≤ 50 ms`);
    };
    const c = (i: number) => input.complaints[i % input.complaints.length]!;
    await run(
      "side panel suggestion (16 concurrent)",
      (i) => suggestOnce(input, i),
      (i) => pool.query(SUGGEST_FLOOR_SQL, [c(i).categoryId]),
    );
    await run(
      "complaint scripts render (16 concurrent)",
      (i) => scriptsOnce(input, i),
      (i) => pool.query(SCRIPTS_FLOOR_SQL, [c(i).categoryId]),
    );
    await cleanUpScriptsBench(pool, input, since);
  } finally {
    await pool.end();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await bench.stop();
  }
}
