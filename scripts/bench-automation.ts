// The automation bench row (issue 22: "automation rules over 1 M subscribers: one evaluation pass
// ≤ 15 s"). Six ACTIVE rules, one per trigger, each with its action (call tasks, queued messages);
// one pass of runAutomation, timed (the first pass fires; a second finds nothing new), against the
// floor of the six trigger selections counted through pg; and one 30-day simulation. Everything it
// makes is removed afterwards.
//   npm run bench -- --customers N            (a row of the whole bench)
//   node --conditions=react-server --import tsx scripts/bench-automation.ts --customers N [--db-dir DIR]
import { performance } from "node:perf_hooks";
import type pg from "pg";

export interface AutomationBench {
  rules: number;
  fired: number;
  acted: number;
  passMs: number;
  secondPassMs: number;
  floorMs: number;
  simulateMs: number;
  simulated: number;
  perRule: Array<{ trigger: string; fired: number; acted: number; ms: number; steps?: { fire: number; act: number } }>;
}

export async function benchAutomation(pool: pg.Pool, now = new Date()): Promise<AutomationBench> {
  const { db } = await import("@/lib/db");
  const { runRule } = await import("@/lib/automation/run");
  const { loadMarketingSettings } = await import("@/lib/marketing/settings");
  const { TRIGGER_SQL, daysListSql } = await import("@/lib/automation/triggers");
  const { simulationSql } = await import("@/lib/automation/simulation");
  const { parseStoredRule } = await import("@/lib/automation/definition");
  const { operatorDay } = await import("@/lib/automation/dates");

  const user =
    (await pool.query<{ id: number }>(`SELECT id FROM app_user WHERE role = 'MANAGER' ORDER BY id LIMIT 1`)).rows[0] ??
    (await pool.query<{ id: number }>(`SELECT id FROM app_user ORDER BY id LIMIT 1`)).rows[0];
  const team = (await pool.query<{ id: number }>(`SELECT id FROM team ORDER BY id LIMIT 1`)).rows[0];
  const sms = { channel: "SMS", messageZh: "{name}，您好", messageEn: "Hello {name}", subjectZh: "", subjectEn: "" };
  const call = { teamId: team.id, note: "bench" };
  const defs = [
    { trigger: "CONTRACT_ENDING", triggerParam: 30, action: "CALL_TASK", actionParams: call },
    { trigger: "BIRTHDAY", triggerParam: 0, action: "SEND_MESSAGE", actionParams: sms },
    { trigger: "NEW_SUBSCRIBER", triggerParam: 7, action: "SEND_MESSAGE", actionParams: { ...sms, channel: "PUSH" } },
    { trigger: "DETRACTOR_CLOSED", triggerParam: 0, action: "CALL_TASK", actionParams: call },
    { trigger: "CHURN_HIGH", triggerParam: 0, action: "CALL_TASK", actionParams: call },
    { trigger: "DATA_USAGE_HIGH", triggerParam: 90, action: "SEND_MESSAGE", actionParams: sms },
  ] as const;
  const ids: number[] = [];
  for (const d of defs) {
    const r = await db.automationRule.create({
      data: { name: `bench ${d.trigger}`, ...d, conditions: { segmentId: null, tiers: [], consent: true }, status: "ACTIVE", createdById: user.id },
      select: { id: true },
    });
    ids.push(r.id);
  }
  try {
    const settings = await loadMarketingSettings();
    // One pass over these six rules (runAutomation runs every ACTIVE rule the same way, one by one).
    const perRule: AutomationBench["perRule"] = [];
    let t0 = performance.now();
    for (const [i, id] of ids.entries()) {
      const p = await runRule(id, now, settings);
      perRule.push({ trigger: defs[i].trigger, fired: p?.fired ?? 0, acted: p?.acted ?? 0, ms: p?.ms ?? 0, steps: p?.steps });
    }
    const passMs = performance.now() - t0;
    t0 = performance.now();
    for (const id of ids) await runRule(id, new Date(now.getTime() + 60_000), settings);
    const secondPassMs = performance.now() - t0;

    // Floor: the same six selections for today, only counted.
    const today = daysListSql([operatorDay(now)]);
    t0 = performance.now();
    for (const d of defs) {
      const sql = TRIGGER_SQL[d.trigger](today, d.triggerParam);
      await pool.query(`SELECT count(*) FROM (${sql.text}) x`, sql.values as unknown[]);
    }
    const floorMs = performance.now() - t0;

    // One simulation: contract ending in 30 days, over the last 30 days.
    const def = parseStoredRule({ name: "bench", ...defs[0], conditions: { tiers: [] } })!;
    t0 = performance.now();
    const rows = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('statement_timeout', '600000', true)`;
      return tx.$queryRaw<Array<{ customers: number }>>(simulationSql(def, [], now));
    });
    const simulateMs = performance.now() - t0;

    return {
      rules: ids.length,
      fired: perRule.reduce((a, r) => a + r.fired, 0),
      acted: perRule.reduce((a, r) => a + r.acted, 0),
      passMs,
      secondPassMs,
      floorMs,
      simulateMs,
      simulated: rows[0]?.customers ?? 0,
      perRule,
    };
  } finally {
    await pool.query(`DELETE FROM call_task WHERE rule_id = ANY($1::int[])`, [ids]);
    await pool.query(`DELETE FROM outbound_message WHERE rule_id = ANY($1::int[])`, [ids]);
    await pool.query(`DELETE FROM automation_firing WHERE rule_id = ANY($1::int[])`, [ids]);
    await pool.query(`DELETE FROM automation_rule WHERE id = ANY($1::int[])`, [ids]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openStandaloneBench } = await import("./lib/bench-db");
  const { customers, bench, pool } = await openStandaloneBench({ poolMax: 4 });
  try {
    const r = await benchAutomation(pool);
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`Automation at ${customers.toLocaleString("en")} customers: ${r.rules} rules, ${r.fired} fired, ${r.acted} acted on`);
    for (const p of r.perRule)
      console.log(
        `  ${p.trigger.padEnd(18)} ${String(p.fired).padStart(7)} fired ${String(p.acted).padStart(7)} acted ${f(p.ms)}${p.steps ? ` (fire ${f(p.steps.fire)}, act ${f(p.steps.act)})` : ""}`,
      );
    console.log(`  first pass ${f(r.passMs)}, second pass (nothing new) ${f(r.secondPassMs)}, floor (six selections counted) ${f(r.floorMs)}`);
    console.log(`  simulation (30 days, contract ending) ${f(r.simulateMs)}: ${r.simulated} customers`);
  } finally {
    await pool.end();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await bench.stop();
  }
}
