// The campaign launch benchmark (issue 22: a 200 k audience ≤ 10 s at 1 M, all-or-nothing, with
// progress). A row of `npm run bench` (scripts/bench.ts calls benchCampaignLaunch); also runs on its
// own against DATABASE_URL (a generated base):
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-campaign-launch.ts
// It builds a static segment of every fifth customer (200 k at 1 M), plans an OUTBOUND_CALL + SMS
// campaign with a 10 % control group on it, launches it through lib/campaigns/launch.ts and removes
// everything it made again (the audit rows stay: append-only).
import { performance } from "node:perf_hooks";
import type pg from "pg";

export interface LaunchBench {
  ms: number;
  floorMs: number;
  audience: number;
  control: number;
  excluded: number;
  calls: number;
  messages: number;
  steps: string[];
}

/** `every`: the audience is every n-th customer (5: 200 k at 1 M). */
export async function benchCampaignLaunch(pool: pg.Pool, every = Number(process.env.BENCH_LAUNCH_EVERY ?? 5)): Promise<LaunchBench> {
  const { SYSTEM_ACTOR } = await import("@/lib/auth/actor");
  const { launchCampaign } = await import("@/lib/campaigns/launch");
  const author = (await pool.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'manager1'`)).rows[0]!.id;
  const team = (await pool.query<{ id: number }>(`SELECT id FROM team WHERE code = 'HOTLINE-1'`)).rows[0]?.id ?? null;
  const seg = (
    await pool.query<{ id: number }>(
      `INSERT INTO segment (name, kind, source, updated_at) VALUES ('bench: campaign launch', 'STATIC', 'rules', now()) RETURNING id`,
    )
  ).rows[0]!.id;
  let campaign: number | null = null;
  try {
    const size =
      (await pool.query(`INSERT INTO segment_member (segment_id, customer_id) SELECT $1, id FROM customer WHERE id % $2 = 0`, [seg, every])).rowCount ?? 0;
    await pool.query(`UPDATE segment SET size = $2 WHERE id = $1`, [seg, size]);
    await pool.query(`ANALYZE segment_member`);
    campaign = (
      await pool.query<{ id: number }>(
        `INSERT INTO campaign (name, segment_id, audience_mode, channels, starts_at, ends_at, success_kinds, control_share, seed, call_team_id,
           message_zh, message_en, status, created_by_id, updated_at)
         VALUES ('bench: launch', $1, 'STATIC', ARRAY['OUTBOUND_CALL','SMS']::"CampaignChannel"[], now() - interval '1 minute', now() + interval '30 days',
           ARRAY['OFFER_ACCEPTED']::"ConversionKind"[], 0.1, 7, $2, '您好{name}', 'Hello {name}', 'SCHEDULED', $3, now()) RETURNING id`,
        [seg, team, author],
      )
    ).rows[0]!.id;
    const steps: string[] = [];
    let last = performance.now();
    let lastStep = "start";
    const t0 = performance.now();
    const r = await launchCampaign(SYSTEM_ACTOR, campaign, {
      onProgress: async (_p, step) => {
        steps.push(`${lastStep} ${Math.round(performance.now() - last)} ms`);
        last = performance.now();
        lastStep = step;
      },
    });
    const ms = performance.now() - t0;
    steps.push(`${lastStep} ${Math.round(performance.now() - last)} ms`);
    // Floor: the same rows as one plain INSERT … SELECT each (members, calls, messages), no rules.
    const f0 = performance.now();
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      await c.query(
        `CREATE TEMP TABLE bench_m ON COMMIT DROP AS SELECT sm.customer_id, md5('7:' || sm.customer_id) AS h FROM segment_member sm JOIN customer cu ON cu.id = sm.customer_id WHERE sm.segment_id = $1`,
        [seg],
      );
      await c.query(`CREATE TEMP TABLE bench_t ON COMMIT DROP AS SELECT customer_id, now() AS due FROM bench_m`);
      await c.query(`CREATE TEMP TABLE bench_o ON COMMIT DROP AS SELECT customer_id, 'SMS' AS channel FROM bench_m`);
      await c.query("ROLLBACK");
    } finally {
      c.release();
    }
    const floorMs = performance.now() - f0;
    return { ms, floorMs, audience: r.audience, control: r.control, excluded: r.excluded, calls: r.calls, messages: r.messages, steps };
  } finally {
    if (campaign != null) {
      for (const table of ["call_task", "outbound_message", "campaign_member", "campaign_exclusion", "campaign_launch"])
        await pool.query(`DELETE FROM ${table} WHERE campaign_id = $1`, [campaign]);
      await pool.query(`DELETE FROM campaign WHERE id = $1`, [campaign]);
    }
    await pool.query(`DELETE FROM segment WHERE id = $1`, [seg]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pgMod = (await import("pg")).default;
  const pool = new pgMod.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const n = Number((await pool.query(`SELECT count(*) FROM customer`)).rows[0].count);
  const r = await benchCampaignLaunch(pool);
  console.log(
    `campaign launch on ${n.toLocaleString("en")} customers: ${(r.ms / 1000).toFixed(2)} s for an audience of ${r.audience.toLocaleString("en")} ` +
      `(control ${r.control.toLocaleString("en")}, excluded ${r.excluded.toLocaleString("en")}, ${r.calls.toLocaleString("en")} calls, ${r.messages.toLocaleString("en")} messages); ` +
      `floor ${(r.floorMs / 1000).toFixed(2)} s; steps: ${r.steps.join(", ")}`,
  );
  await pool.end();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
}
