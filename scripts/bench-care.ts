// The care bench rows (issue 23): a care rule pass over the whole base — CONTRACT_ENDING 30 days →
// CARE_TASK for a team (round-robin, due day from the team calendar) and FESTIVAL (a festival
// today) → SEND_MESSAGE to everyone — against the floor of the two selections counted; and the
// agent's care list (today's and overdue open tasks, masked numbers) at 16 concurrent agents against
// its bare index read. Everything the pass makes is removed afterwards.
//   npm run bench -- --customers N            (rows of the whole bench)
//   node --conditions=react-server --import tsx scripts/bench-care.ts --customers N [--db-dir DIR]
import { performance } from "node:perf_hooks";
import type pg from "pg";

export interface CareBench {
  perRule: Array<{ trigger: string; action: string; fired: number; acted: number; ms: number }>;
  passMs: number;
  floorMs: number;
}

export async function benchCareRules(pool: pg.Pool, now = new Date()): Promise<CareBench> {
  const { db } = await import("@/lib/db");
  const { runRule } = await import("@/lib/automation/run");
  const { loadMarketingSettings } = await import("@/lib/marketing/settings");
  const { TRIGGER_SQL, daysListSql } = await import("@/lib/automation/triggers");
  const { operatorDay } = await import("@/lib/automation/dates");
  const today = operatorDay(now);
  const user =
    (await pool.query<{ id: number }>(`SELECT id FROM app_user WHERE role = 'ADMIN' ORDER BY id LIMIT 1`)).rows[0] ??
    (await pool.query<{ id: number }>(`SELECT id FROM app_user ORDER BY id LIMIT 1`)).rows[0];
  const team = (await pool.query<{ id: number }>(`SELECT team_id AS id FROM app_user WHERE role = 'AGENT' AND team_id IS NOT NULL ORDER BY id LIMIT 1`))
    .rows[0];
  const festival = (
    await pool.query<{ id: number }>(
      `INSERT INTO care_festival (code, day, name_zh, name_en) VALUES ('BENCH_DAY', $1::date, '压测节', 'Bench day') ON CONFLICT (code, day) DO UPDATE SET name_en = 'Bench day' RETURNING id`,
      [today],
    )
  ).rows[0];
  const defs = [
    { trigger: "CONTRACT_ENDING", triggerParam: 30, action: "CARE_TASK", actionParams: { teamId: team.id, kind: "CONTRACT_EXPIRY", note: "bench" } },
    {
      trigger: "FESTIVAL",
      triggerParam: 0,
      action: "SEND_MESSAGE",
      actionParams: { channel: "SMS", messageZh: "{name}，节日快乐", messageEn: "Happy holidays, {name}", subjectZh: "", subjectEn: "" },
    },
  ] as const;
  const ids: number[] = [];
  for (const d of defs) {
    const r = await db.automationRule.create({
      data: {
        name: `bench care ${d.trigger}`,
        ...d,
        purpose: "CARE",
        conditions: { segmentId: null, tiers: [], consent: true },
        status: "ACTIVE",
        createdById: user.id,
      },
      select: { id: true },
    });
    ids.push(r.id);
  }
  try {
    const settings = await loadMarketingSettings();
    const perRule: CareBench["perRule"] = [];
    let t0 = performance.now();
    for (const [i, id] of ids.entries()) {
      const p = await runRule(id, now, settings);
      perRule.push({ trigger: defs[i].trigger, action: defs[i].action, fired: p?.fired ?? 0, acted: p?.acted ?? 0, ms: p?.ms ?? 0 });
    }
    const passMs = performance.now() - t0;
    const days = daysListSql([today]);
    t0 = performance.now();
    for (const d of defs) {
      const sql = TRIGGER_SQL[d.trigger](days, d.triggerParam);
      await pool.query(`SELECT count(*) FROM (${sql.text}) x`, sql.values as unknown[]);
    }
    return { perRule, passMs, floorMs: performance.now() - t0 };
  } finally {
    await pool.query(`DELETE FROM care_task WHERE rule_id = ANY($1::int[])`, [ids]);
    await pool.query(`DELETE FROM outbound_message WHERE rule_id = ANY($1::int[])`, [ids]);
    await pool.query(`DELETE FROM automation_firing WHERE rule_id = ANY($1::int[])`, [ids]);
    await pool.query(`DELETE FROM automation_rule WHERE id = ANY($1::int[])`, [ids]);
    await pool.query(`DELETE FROM care_festival WHERE id = $1`, [festival.id]);
  }
}

/** The agents that have open care tasks due by today (the generator's), as actors. */
export async function careListAgents(pool: pg.Pool): Promise<Array<{ id: number; username: string; name: string; role: "AGENT"; teamId: number | null }>> {
  const rows = (
    await pool.query<{ id: number; username: string; display_name: string; team_id: number | null }>(
      `SELECT u.id, u.username, u.display_name, u.team_id FROM app_user u
       WHERE u.role = 'AGENT' AND EXISTS (SELECT 1 FROM care_task t WHERE t.assignee_id = u.id AND t.status = 'OPEN') ORDER BY u.id LIMIT 16`,
    )
  ).rows;
  return rows.map((u) => ({ id: u.id, username: u.username, name: u.display_name, role: "AGENT" as const, teamId: u.team_id }));
}

/** The floor of the agent's list: its index read alone (no customer, number or name). */
export const CARE_LIST_FLOOR_SQL = `SELECT id, customer_id, kind, due_on FROM care_task WHERE assignee_id = $1 AND status = 'OPEN' AND due_on <= $2::date ORDER BY due_on, id LIMIT 51`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openStandaloneBench } = await import("./lib/bench-db");
  const { customers, bench, pool } = await openStandaloneBench({ poolMax: 4 });
  try {
    const r = await benchCareRules(pool);
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`Care rules at ${customers.toLocaleString("en")} customers:`);
    for (const p of r.perRule)
      console.log(`  ${p.trigger.padEnd(16)} → ${p.action.padEnd(13)} ${String(p.fired).padStart(8)} fired ${String(p.acted).padStart(8)} acted ${f(p.ms)}`);
    console.log(`  pass ${f(r.passMs)}, floor (two selections counted) ${f(r.floorMs)}`);
    const { listMyCareTasks } = await import("@/lib/care/queries");
    const { operatorDay } = await import("@/lib/automation/dates");
    const agents = await careListAgents(pool);
    const today = operatorDay(new Date());
    const lat: number[] = [];
    const floor: number[] = [];
    // A warm-up round (connections, plans), then ten measured.
    for (let round = -1; round < 10; round++) {
      await Promise.all(
        agents.map(async (a) => {
          let t = performance.now();
          await listMyCareTasks(a);
          if (round >= 0) lat.push(performance.now() - t);
          t = performance.now();
          await pool.query(CARE_LIST_FLOOR_SQL, [a.id, today]);
          if (round >= 0) floor.push(performance.now() - t);
        }),
      );
    }
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
    console.log(`  care list, ${agents.length} agents at once: p95 ${p95(lat).toFixed(1)} ms (floor ${p95(floor).toFixed(1)} ms)`);
  } finally {
    await pool.end();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await bench.stop();
  }
}
