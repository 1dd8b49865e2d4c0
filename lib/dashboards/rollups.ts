import "server-only";
import { allowLongStatements, db } from "@/lib/db";
import { loadCalendar } from "@/lib/complaints/standards";
import { computeComplaintFact } from "@/lib/dashboards/facts";
import type { BusinessCalendar } from "@/lib/sla/calendar";
import type { ComplaintStatus } from "@/lib/complaints/workflow";
import { CUBE_COLUMNS, CUBE_GRAIN_SQL, CUBE_KEYS_SQL, CUBE_SETS_SQL, DETAIL_GRAIN, MONTH_BIT } from "@/lib/dashboards/cube";

// Keeps the dashboard rollups current (pg-boss, every minute; tests call it directly).
//  1. Complaints queued by the trigger (any write), plus open ones whose deadline passed and
//     resolved ones whose 7-day FCR window closed since the last run, get their fact row
//     recomputed with lib/dashboards/facts.ts (the business calendar lives in TypeScript).
//  2. Their opening days are recomputed in complaint_daily_rollup (DELETE + INSERT … SELECT):
//     the detail rows, then the cube's coarser grains from them (lib/dashboards/cube.ts).
//  3. Survey days marked by the invitation trigger are recomputed in survey_daily_rollup, alike.
//  4. The backlog snapshot is replaced; active subscribers per day are refreshed hourly.
//  5. The customer month rollup (Customers tab) is rebuilt hourly and after every scoring run:
//     refreshCustomerMonthlyRollup below.
// One run at a time (advisory lock); a crash leaves the queue rows in place for the next run.

const LOCK = 90_901;
const LAST_RUN = "rollup.lastRunAt";
const SUBS_RUN = "rollup.subscribersAt";
const BATCH = 2000;
// Bumped when the cube's grains change: the next run rebuilds every day's coarser rows.
const CUBE_VERSION_KEY = "rollup.cubeVersion";
const CUBE_VERSION = 2;

const COMPLAINT_MEASURES = [
  "opened", "resolved", "handling_minutes", "handled_count", "fr_met", "fr_decided", "fb_met", "fb_decided", "res_met", "res_decided",
  "cyc_met", "cyc_decided", "breached", "escalated", "reopened", "fcr_yes", "fcr_decided", "appeals",
];
const SURVEY_MEASURES = ["sent", "answered", "satisfied", "promoters", "detractors", "score_sum", "n"];

/**
 * Replaces the coarser grains of `table` for `days` (all days when null) with sums of its detail
 * rows: one GROUP BY … GROUPING SETS pass, so the cube costs what the touched days' detail costs.
 * Then the month rows of the months those days fall in, from the day rows of the cube.
 */
async function rebuildCube(tx: Tx, table: "complaint_daily_rollup" | "survey_daily_rollup", days: string[] | null): Promise<void> {
  const keys = table === "survey_daily_rollup" ? ["kind", "dimension"] : [];
  const measures = table === "survey_daily_rollup" ? SURVEY_MEASURES : COMPLAINT_MEASURES;
  const dayFilter = days ? `AND day = ANY($1::date[])` : "";
  const monthFilter = days ? `AND day >= date_trunc('month', (SELECT min(d) FROM unnest($1::date[]) d))::date
    AND date_trunc('month', day) = ANY(SELECT date_trunc('month', d) FROM unnest($1::date[]) d)` : "";
  const params = days ? [days] : [];
  const sums = measures.map((m) => `sum(${m})`).join(", ");
  const cols = ["day", ...keys].join(", ");
  await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE grain <> ${DETAIL_GRAIN} ${dayFilter}`, ...params);
  await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE grain >= ${MONTH_BIT} ${monthFilter}`, ...params);
  await tx.$executeRawUnsafe(
    `INSERT INTO ${table} (grain, ${cols}, ${CUBE_COLUMNS}, ${measures.join(", ")})
     SELECT ${CUBE_GRAIN_SQL}, ${cols}, ${CUBE_KEYS_SQL}, ${sums}
     FROM ${table} WHERE grain = ${DETAIL_GRAIN} ${dayFilter}
     GROUP BY ${cols}, ${CUBE_SETS_SQL}`,
    ...params,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO ${table} (grain, ${cols}, ${CUBE_COLUMNS}, ${measures.join(", ")})
     SELECT grain + ${MONTH_BIT}, date_trunc('month', day)::date${keys.map((k) => `, ${k}`).join("")}, ${CUBE_COLUMNS}, ${sums}
     FROM ${table} WHERE grain < ${DETAIL_GRAIN} ${monthFilter}
     GROUP BY grain, date_trunc('month', day)${keys.map((k) => `, ${k}`).join("")}, ${CUBE_COLUMNS}`,
    ...params,
  );
}

export interface RollupResult {
  complaints: number;
  complaintDays: number;
  surveyDays: number;
  subscribers: boolean;
  customers: boolean;
}

type FactRow = {
  id: number;
  created_at: Date;
  status: ComplaintStatus;
  owner_id: number;
  calendar_id: number;
  first_response_min: number;
  feedback_min: number;
  resolution_min: number;
  cycle_min: number;
  warn_ratio: number;
  first_responded_at: Date | null;
  feedback_at: Date | null;
  resolved_at: Date | null;
  escalation_level: number;
  transferred: boolean;
};

/**
 * Brings the rollups up to date in one transaction. `timeoutMs` bounds it: the job's runs touch a
 * few days (under a second at 1 M); the generator's first build recomputes every complaint of the
 * year (1.8 M at 10 M customers) and passes an hour.
 */
export async function refreshRollups(now: Date = new Date(), opts: { timeoutMs?: number } = {}): Promise<RollupResult> {
  return db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "job");
      const [{ locked }] = await tx.$queryRaw<[{ locked: boolean }]>`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`;
      if (!locked) return { complaints: 0, complaintDays: 0, surveyDays: 0, subscribers: false, customers: false };
      const last = await tx.appSetting.findUnique({ where: { key: LAST_RUN } });
      const since = last ? new Date(String(last.value)) : new Date(0);
      // Time alone changed an outcome: a deadline passed (open) or the FCR window closed.
      await tx.$executeRaw`
        INSERT INTO rollup_dirty_complaint (complaint_id)
        SELECT id FROM complaint
        WHERE status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED')
          AND (first_response_due_at > ${since}::timestamptz AND first_response_due_at <= ${now}
            OR feedback_due_at > ${since}::timestamptz AND feedback_due_at <= ${now}
            OR resolution_due_at > ${since}::timestamptz AND resolution_due_at <= ${now}
            OR cycle_due_at > ${since}::timestamptz AND cycle_due_at <= ${now}::timestamptz)
        UNION
        SELECT id FROM complaint WHERE resolved_at > ${since}::timestamptz - interval '7 days' AND resolved_at <= ${now}::timestamptz - interval '7 days'
        ON CONFLICT DO NOTHING`;

      const calendars = new Map<number, BusinessCalendar>();
      const days = new Set<string>();
      let complaints = 0;
      for (;;) {
        const ids = (await tx.$queryRaw<{ complaint_id: number }[]>`
          DELETE FROM rollup_dirty_complaint WHERE complaint_id IN (SELECT complaint_id FROM rollup_dirty_complaint ORDER BY complaint_id LIMIT ${BATCH})
          RETURNING complaint_id`).map((r) => r.complaint_id);
        if (!ids.length) break;
        complaints += ids.length;
        const rows = await tx.$queryRaw<FactRow[]>`
          SELECT c.id, c.created_at, c.status::text AS status, c.owner_id, c.calendar_id, c.first_response_min, c.feedback_min, c.resolution_min, c.cycle_min,
                 c.warn_ratio, c.first_responded_at, c.feedback_at, c.resolved_at, c.escalation_level,
                 EXISTS (SELECT 1 FROM complaint_comment m WHERE m.complaint_id = c.id AND m.kind = 'SYSTEM' AND m.body LIKE '{"event":"assigned"%'
                          AND (m.body::jsonb ->> 'to')::int <> c.owner_id) AS transferred
          FROM complaint c WHERE c.id = ANY(${ids})`;
        const history = await tx.$queryRaw<{ complaint_id: number; at: Date; to_status: ComplaintStatus; action: string; actor_id: number | null }[]>`
          SELECT complaint_id, at, to_status::text AS to_status, action, actor_id FROM complaint_status_change WHERE complaint_id = ANY(${ids}) ORDER BY complaint_id, at, id`;
        const byComplaint = new Map<number, { at: Date; toStatus: ComplaintStatus; action: string; actorId: number | null }[]>();
        for (const h of history) {
          const list = byComplaint.get(h.complaint_id) ?? [];
          list.push({ at: h.at, toStatus: h.to_status, action: h.action, actorId: h.actor_id });
          byComplaint.set(h.complaint_id, list);
        }
        const facts: unknown[][] = [];
        for (const r of rows) {
          let cal = calendars.get(r.calendar_id);
          if (!cal) {
            cal = await loadCalendar(tx, r.calendar_id);
            calendars.set(r.calendar_id, cal);
          }
          const f = computeComplaintFact(
            {
              createdAt: r.created_at,
              status: r.status,
              ownerId: r.owner_id,
              targets: { FIRST_RESPONSE: r.first_response_min, FEEDBACK: r.feedback_min, RESOLUTION: r.resolution_min, CYCLE: r.cycle_min },
              warnRatio: r.warn_ratio,
              firstRespondedAt: r.first_responded_at,
              feedbackAt: r.feedback_at,
              resolvedAt: r.resolved_at,
              escalationLevel: r.escalation_level,
              history: byComplaint.get(r.id) ?? [{ at: r.created_at, toStatus: "ACKNOWLEDGED", action: "open", actorId: r.owner_id }],
              transferred: r.transferred,
            },
            cal,
            now,
          );
          facts.push([r.id, f.frMet, f.fbMet, f.resMet, f.cycMet, f.handlingMinutes, f.everResolved, f.reopened, f.fcr]);
          days.add(new Date(r.created_at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
        }
        if (facts.length) {
          await tx.$executeRawUnsafe(
            `INSERT INTO complaint_fact (complaint_id, fr_met, fb_met, res_met, cyc_met, handling_minutes, ever_resolved, reopened, fcr, computed_at)
             SELECT x.id, x.fr, x.fb, x.res, x.cyc, x.hm, x.er, x.ro, x.fcr, $2::timestamptz
             FROM jsonb_to_recordset($1::jsonb) AS x(id int, fr boolean, fb boolean, res boolean, cyc boolean, hm int, er boolean, ro boolean, fcr boolean)
             ON CONFLICT (complaint_id) DO UPDATE SET fr_met = EXCLUDED.fr_met, fb_met = EXCLUDED.fb_met, res_met = EXCLUDED.res_met, cyc_met = EXCLUDED.cyc_met,
               handling_minutes = EXCLUDED.handling_minutes, ever_resolved = EXCLUDED.ever_resolved, reopened = EXCLUDED.reopened, fcr = EXCLUDED.fcr, computed_at = EXCLUDED.computed_at`,
            JSON.stringify(facts.map(([id, fr, fb, res, cyc, hm, er, ro, fcr]) => ({ id, fr, fb, res, cyc, hm, er, ro, fcr }))),
            now,
          );
        }
      }

      const dayList = [...days].sort();
      if (dayList.length) {
        await tx.$executeRaw`DELETE FROM complaint_daily_rollup WHERE day = ANY(${dayList}::date[])`;
        await tx.$executeRaw`
          INSERT INTO complaint_daily_rollup (day, team_id, agent_id, category_id, channel, region, value_tier, opened, resolved, handling_minutes, handled_count,
            fr_met, fr_decided, fb_met, fb_decided, res_met, res_decided, cyc_met, cyc_decided, breached, escalated, reopened, fcr_yes, fcr_decided, appeals)
          SELECT (c.created_at AT TIME ZONE 'Asia/Shanghai')::date, COALESCE(c.team_id, 0), COALESCE(c.assignee_id, c.owner_id), c.category_id, c.channel::text, cu.city, c.value_tier,
            count(*), count(*) FILTER (WHERE f.ever_resolved),
            COALESCE(sum(f.handling_minutes), 0), count(f.handling_minutes),
            count(*) FILTER (WHERE f.fr_met), count(f.fr_met), count(*) FILTER (WHERE f.fb_met), count(f.fb_met),
            count(*) FILTER (WHERE f.res_met), count(f.res_met), count(*) FILTER (WHERE f.cyc_met), count(f.cyc_met),
            count(*) FILTER (WHERE c.breached_at IS NOT NULL), count(*) FILTER (WHERE c.escalation_level > 0), count(*) FILTER (WHERE f.reopened),
            count(*) FILTER (WHERE f.fcr), count(f.fcr), count(*) FILTER (WHERE c.is_appeal)
          FROM complaint c JOIN customer cu ON cu.id = c.customer_id LEFT JOIN complaint_fact f ON f.complaint_id = c.id
          WHERE c.created_at >= (${dayList[0]}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND c.created_at < ((${dayList[dayList.length - 1]}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND (c.created_at AT TIME ZONE 'Asia/Shanghai')::date = ANY(${dayList}::date[])
          GROUP BY 1, 2, 3, 4, 5, 6, 7`;
      }

      const surveyDays = (await tx.$queryRaw<{ day: string }[]>`DELETE FROM rollup_dirty_day WHERE source = 'survey' RETURNING day::text AS day`).map((r) => r.day).sort();
      if (surveyDays.length) {
        await tx.$executeRaw`DELETE FROM survey_daily_rollup WHERE day = ANY(${surveyDays}::date[])`;
        await tx.$executeRaw`
          WITH base AS (
            SELECT (i.sent_at AT TIME ZONE 'Asia/Shanghai')::date AS day, i.kind, COALESCE(i.team_id, 0) AS team_id, COALESCE(i.agent_id, 0) AS agent_id,
                   COALESCE(i.category_id, 0) AS category_id, COALESCE(i.source_channel, '') AS channel, i.region, i.value_tier, r.id AS rid, r.score, r.csi_score, r.dimension_scores
            FROM survey_invitation i LEFT JOIN survey_response r ON r.invitation_id = i.id
            WHERE i.sent_at >= (${surveyDays[0]}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
              AND i.sent_at < ((${surveyDays[surveyDays.length - 1]}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
              AND (i.sent_at AT TIME ZONE 'Asia/Shanghai')::date = ANY(${surveyDays}::date[]))
          INSERT INTO survey_daily_rollup (day, kind, dimension, team_id, agent_id, category_id, channel, region, value_tier, sent, answered, satisfied, promoters, detractors, score_sum, n)
          SELECT day, kind, '', team_id, agent_id, category_id, channel, region, value_tier, count(*), count(rid),
                 count(*) FILTER (WHERE kind = 'CSAT' AND score >= 4),
                 count(*) FILTER (WHERE kind = 'NPS' AND score >= 9),
                 count(*) FILTER (WHERE (kind = 'NPS' AND score <= 6) OR (kind = 'CSAT' AND score <= 2)),
                 COALESCE(sum(COALESCE(score::float8, csi_score)), 0), count(COALESCE(score::float8, csi_score))
          FROM base GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
          UNION ALL
          SELECT day, kind, d.key, team_id, agent_id, category_id, channel, region, value_tier, 0, 0, 0, 0, 0,
                 sum((d.value::float8 - 1) / 4 * 100), count(*)
          FROM base CROSS JOIN LATERAL jsonb_each_text(base.dimension_scores) d
          WHERE base.rid IS NOT NULL AND base.kind = 'CSI'
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
      }

      const cubeVersion = await tx.appSetting.findUnique({ where: { key: CUBE_VERSION_KEY } });
      if (cubeVersion?.value !== CUBE_VERSION) {
        await rebuildCube(tx, "complaint_daily_rollup", null);
        await rebuildCube(tx, "survey_daily_rollup", null);
        await tx.appSetting.upsert({ where: { key: CUBE_VERSION_KEY }, create: { key: CUBE_VERSION_KEY, value: CUBE_VERSION }, update: { value: CUBE_VERSION } });
      } else {
        if (dayList.length) await rebuildCube(tx, "complaint_daily_rollup", dayList);
        if (surveyDays.length) await rebuildCube(tx, "survey_daily_rollup", surveyDays);
      }

      // Backlog: unresolved complaints by age (BACKLOG_AGE_BUCKETS bounds), replaced each run.
      await tx.$executeRaw`DELETE FROM backlog_rollup`;
      await tx.$executeRaw`
        INSERT INTO backlog_rollup (bucket, team_id, category_id, channel, region, value_tier, open)
        SELECT CASE WHEN age < interval '4 hours' THEN 'LT_4H' WHEN age < interval '24 hours' THEN 'H4_TO_24H' WHEN age < interval '48 hours' THEN 'H24_TO_48H'
                    WHEN age < interval '168 hours' THEN 'H48_TO_7D' ELSE 'GT_7D' END,
               team_id, category_id, channel, region, value_tier, count(*)
        FROM (SELECT GREATEST(${now}::timestamptz - c.created_at, interval '0') AS age, COALESCE(c.team_id, 0) AS team_id, c.category_id, c.channel::text AS channel, cu.city AS region, c.value_tier
              FROM complaint c JOIN customer cu ON cu.id = c.customer_id
              WHERE c.status IN ('ACKNOWLEDGED', 'IN_PROGRESS', 'PENDING', 'HELD')) x
        GROUP BY 1, 2, 3, 4, 5, 6`;

      const subs = await tx.appSetting.findUnique({ where: { key: SUBS_RUN } });
      // Hourly, or at once when complaint history reaches further back than the subscriber series.
      const [{ gap }] = await tx.$queryRaw<[{ gap: boolean }]>`
        SELECT COALESCE((SELECT min(day) FROM complaint_daily_rollup) < (SELECT min(day) FROM subscriber_daily_rollup), false) AS gap`;
      const subsDue = !subs || gap || now.getTime() - new Date(String(subs.value)).getTime() > 3_600_000;
      if (subsDue) {
        await tx.$executeRaw`DELETE FROM subscriber_daily_rollup`;
        await tx.$executeRaw`
          WITH ev AS (
            SELECT joined_at AS day, city, 1 AS delta FROM customer
            UNION ALL SELECT churned_at, city, -1 FROM customer WHERE churned_at IS NOT NULL),
          agg AS (SELECT day, city, sum(delta)::int AS delta FROM ev GROUP BY 1, 2),
          bounds AS (SELECT LEAST((${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - 400, (SELECT min(day) FROM complaint_daily_rollup)) AS d0,
                            GREATEST((${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, (SELECT max(day) FROM complaint_daily_rollup)) AS d1),
          cities AS (SELECT DISTINCT city FROM agg),
          pre AS (SELECT city, sum(delta)::int AS base FROM agg, bounds WHERE day < d0 GROUP BY city),
          grid AS (SELECT g::date AS day, cities.city FROM bounds, generate_series(d0, d1, interval '1 day') g CROSS JOIN cities)
          INSERT INTO subscriber_daily_rollup (day, region, active)
          SELECT grid.day, grid.city, COALESCE(pre.base, 0) + sum(COALESCE(agg.delta, 0)) OVER (PARTITION BY grid.city ORDER BY grid.day)
          FROM grid LEFT JOIN agg ON agg.day = grid.day AND agg.city = grid.city LEFT JOIN pre ON pre.city = grid.city`;
        await tx.appSetting.upsert({ where: { key: SUBS_RUN }, create: { key: SUBS_RUN, value: now.toISOString() }, update: { value: now.toISOString() } });
      }
      const customers = await refreshCustomerMonthlyRollup(tx, now);
      await tx.appSetting.upsert({ where: { key: LAST_RUN }, create: { key: LAST_RUN, value: now.toISOString() }, update: { value: now.toISOString() } });
      return { complaints, complaintDays: dayList.length, surveyDays: surveyDays.length, subscribers: subsDue, customers };
    },
    { timeout: opts.timeoutMs ?? 120_000 },
  );
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
const CUSTOMERS_RUN = "rollup.customers";

/**
 * Customers tab rollup, per month × region × current value tier (a few thousand rows). Due hourly,
 * when a scoring run finished since the last build, or when `force`. The customer part is one
 * pass over customer ⋈ customer_score (joins and churns folded into a running sum, like the
 * subscriber rollup); the tier mix reads value_snapshot only for the months that can still change
 * (this month and the last) or were never counted, and the current scores for the current month
 * (which has no snapshot until it closes). Returns whether it ran.
 */
export async function refreshCustomerMonthlyRollup(tx: Tx, now: Date, force = false): Promise<boolean> {
  const state = await tx.appSetting.findUnique({ where: { key: CUSTOMERS_RUN } });
  const prev = (state?.value ?? {}) as { at?: string; scoredAt?: string | null; tierMonths?: string[] };
  const [{ scored_at }] = await tx.$queryRaw<[{ scored_at: Date | null }]>`
    SELECT max(finished_at) AS scored_at FROM value_job WHERE kind = 'RESCORE' AND status = 'SUCCEEDED'`;
  const scoredAt = scored_at?.toISOString() ?? null;
  const due = force || !prev.at || now.getTime() - new Date(prev.at).getTime() > 3_600_000 || scoredAt !== (prev.scoredAt ?? null);
  if (!due) return false;
  const [{ m1 }] = await tx.$queryRaw<[{ m1: string }]>`SELECT date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date::text AS m1`;
  await tx.$executeRaw`UPDATE customer_monthly_rollup SET active_start = 0, joined = 0, churned = 0, at_risk = 0`;
  await tx.$executeRaw`
    WITH c AS (
      SELECT cu.city AS region, COALESCE(s.tier::text, 'STANDARD') AS tier, cu.joined_at, cu.churned_at,
             (s.churn_band = 'HIGH' AND cu.status <> 'CHURNED') AS at_risk
      FROM customer cu LEFT JOIN customer_score s ON s.customer_id = cu.id),
    ev AS (
      SELECT GREATEST(date_trunc('month', joined_at)::date, ${m1}::date - interval '24 months')::date AS month, region, tier,
             count(*) FILTER (WHERE joined_at >= ${m1}::date - interval '24 months') AS j, count(*) FILTER (WHERE joined_at < ${m1}::date - interval '24 months') AS pre_j,
             0::bigint AS ch, 0::bigint AS pre_ch, 0::bigint AS risk
      FROM c WHERE joined_at < ${m1}::date + interval '1 month' GROUP BY 1, 2, 3
      UNION ALL
      SELECT GREATEST(date_trunc('month', churned_at)::date, ${m1}::date - interval '24 months')::date, region, tier, 0, 0,
             count(*) FILTER (WHERE churned_at >= ${m1}::date - interval '24 months'), count(*) FILTER (WHERE churned_at < ${m1}::date - interval '24 months'), 0
      FROM c WHERE churned_at IS NOT NULL AND churned_at < ${m1}::date + interval '1 month' GROUP BY 1, 2, 3
      UNION ALL
      SELECT ${m1}::date, region, tier, 0, 0, 0, 0, count(*) FROM c WHERE at_risk GROUP BY 2, 3),
    agg AS (SELECT month, region, tier, sum(j) AS j, sum(pre_j) AS pre_j, sum(ch) AS ch, sum(pre_ch) AS pre_ch, sum(risk) AS risk FROM ev GROUP BY 1, 2, 3),
    keys AS (SELECT DISTINCT region, tier FROM agg),
    grid AS (SELECT g::date AS month, keys.region, keys.tier FROM keys CROSS JOIN generate_series(${m1}::date - interval '24 months', ${m1}::date, interval '1 month') g),
    base AS (SELECT region, tier, sum(pre_j - pre_ch) AS base FROM agg GROUP BY 1, 2),
    series AS (
      SELECT grid.month, grid.region, grid.tier, COALESCE(agg.j, 0) AS j, COALESCE(agg.ch, 0) AS ch, COALESCE(agg.risk, 0) AS risk,
             base.base + COALESCE(sum(COALESCE(agg.j, 0) - COALESCE(agg.ch, 0)) OVER (PARTITION BY grid.region, grid.tier ORDER BY grid.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS active_start
      FROM grid LEFT JOIN agg ON agg.month = grid.month AND agg.region = grid.region AND agg.tier = grid.tier JOIN base ON base.region = grid.region AND base.tier = grid.tier)
    INSERT INTO customer_monthly_rollup (month, region, value_tier, active_start, joined, churned, at_risk)
    SELECT month, region, tier, active_start, j, ch, risk FROM series WHERE active_start <> 0 OR j <> 0 OR ch <> 0 OR risk <> 0
    ON CONFLICT (month, region, value_tier) DO UPDATE SET active_start = EXCLUDED.active_start, joined = EXCLUDED.joined, churned = EXCLUDED.churned, at_risk = EXCLUDED.at_risk`;

  // Tier mix: months of value_snapshot found by a skip scan of its (month, customer_id) key.
  const snapshotMonths = (
    await tx.$queryRaw<{ month: string }[]>`
      WITH RECURSIVE m AS (
        SELECT min(month) AS month FROM value_snapshot
        UNION ALL SELECT (SELECT min(v.month) FROM value_snapshot v WHERE v.month > m.month) FROM m WHERE m.month IS NOT NULL)
      SELECT month::text AS month FROM m WHERE month IS NOT NULL AND month >= ${m1}::date - interval '24 months'`
  ).map((r) => r.month);
  const done = new Set(prev.tierMonths ?? []);
  const [{ mPrev }] = await tx.$queryRaw<[{ mPrev: string }]>`SELECT (${m1}::date - interval '1 month')::date::text AS "mPrev"`;
  const todo = snapshotMonths.filter((m) => m >= mPrev || !done.has(m));
  // Months to clear: those recounted below, the last two always, and any whose snapshot vanished.
  const gone = [...done].filter((m) => !snapshotMonths.includes(m));
  await tx.$executeRaw`UPDATE customer_monthly_rollup SET tier_customers = 0 WHERE tier_customers <> 0 AND (month >= ${mPrev}::date OR month = ANY(${[...todo, ...gone]}::date[]))`;
  if (todo.length) {
    await tx.$executeRaw`
      INSERT INTO customer_monthly_rollup (month, region, value_tier, tier_customers)
      SELECT v.month, cu.city, v.tier::text, count(*) FROM value_snapshot v JOIN customer cu ON cu.id = v.customer_id
      WHERE v.month = ANY(${todo}::date[]) GROUP BY 1, 2, 3
      ON CONFLICT (month, region, value_tier) DO UPDATE SET tier_customers = EXCLUDED.tier_customers`;
  }
  // The current month has no snapshot yet (value_snapshot keeps closed months; lib/scoring/pipeline.ts):
  // its tier mix is the latest scoring run's.
  if (!snapshotMonths.includes(m1)) {
    await tx.$executeRaw`
      INSERT INTO customer_monthly_rollup (month, region, value_tier, tier_customers)
      SELECT ${m1}::date, cu.city, s.tier::text, count(*) FROM customer_score s JOIN customer cu ON cu.id = s.customer_id
      WHERE s.lifecycle_stage <> 'CHURNED' GROUP BY 2, 3
      ON CONFLICT (month, region, value_tier) DO UPDATE SET tier_customers = EXCLUDED.tier_customers`;
  }
  const value = { at: now.toISOString(), scoredAt, tierMonths: snapshotMonths };
  await tx.appSetting.upsert({ where: { key: CUSTOMERS_RUN }, create: { key: CUSTOMERS_RUN, value }, update: { value } });
  return true;
}
