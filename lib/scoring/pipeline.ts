import "server-only";
import { allowLongStatements, db, runOutsideTransaction, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { featureCtes, FEATURE_COLUMNS, FEATURE_VECTOR, CHURN_FEATURES } from "@/lib/churn/features";
import { SATISFACTION_SQL } from "@/lib/churn/signals";
import { readCurrentSettings } from "@/lib/scoring/settings";
import type { RfmCutpoints, ValueWeights } from "@/lib/scoring/value";
import { ensureBillSummary, WHOLE_BASE_TX } from "@/lib/scoring/bill-summary";

// Whole-base rescoring, set-based (no per-customer round trips), in steps:
//   1. customer_bill_summary brought up to date (lib/scoring/bill-summary.ts: the pass over the
//      bills happens once per bill load or month, not on every run); a closed month's scores are
//      kept in value_snapshot (the last run of each month);
//   2. features of each customer-id range (RESCORE_PARTS, in parallel on their own connections)
//      into working tables rs_f_k (index-only merge joins: the covering indexes of migration
//      20261127125611);
//   3. over the whole base, one pass for the ARPU percentiles and the RFM cut-points, one for
//      each partition's sorted scores (rs_rank: two arrays; a rank is then a binary search);
//   4. per range in parallel, ONE INSERT … SELECT (dimensions, score, percentile, churn
//      probability from the stored model, tier, RFM, CLV, lifecycle) into a fresh table customer_score_next, whose indexes
//      are then built in one sort each; it is swapped in for customer_score in a short
//      transaction (readers wait only for the rename). Rewriting every row in place would cost
//      an index update per row and leave a dead copy of each. value_rollup (tier mix, lifecycle,
//      churn bands, tier migration) for the dashboards is written in the same transaction.
// One run at a time: value_job allows one queued/running RESCORE.
// Mirrors lib/scoring/value.ts:
//   profitability = normalizeArpu(ARPU of the last 3 billed months, p5, p95 of the active base)
//   loyalty       = normalizeTenure(tenure months)                     (100·(1 − e^(−m/36)))
//   potential     = 0.4·usage growth (50 ± half the % change) + 0.4·plan headroom (data used ÷ quota)
//                   + 0.2·household size (25 per line)
//   satisfaction  = survey mean of 12 months on 0–100 (80 without answers) − per complaint of 12
//                   months 10/20/35 by grade (GENERAL/COMPLEX/MAJOR) and 10 more each if reopened,
//                   breached or unresolved; 0–100 (lib/churn/signals.ts, satisfactionScore in value.ts)
//   credit        = creditScore(bills paid on time ÷ bills, 12 months)   (no bills yet → 100)
// Tiers: ABSOLUTE compares the score, PERCENTILE compares percent_rank() over the active base.
// RFM: computeRfmScores in value.ts with the active base's 20/40/60/80 % values as cut-points:
// R by days since the last bill/contact (reversed), F by billed months + contacts, M by 12-month
// spend (5 is best; a value on a cut-point stays in the lower quintile, so ties stay together).
// CLV (clv() in value.ts): margin m = ARPU × CLV_MARGIN_RATE; monthly churn from the 12-month
// probability p: 1 − (1 − p)^(1/12); discount CLV_MONTHLY_DISCOUNT; horizon CLV_HORIZON_MONTHS.
// Without a trained model p = CLV_DEFAULT_CHURN.

export const CLV_MARGIN_RATE = 0.6;
export const CLV_MONTHLY_DISCOUNT = 0.00643; // ≈ 8 % a year
export const CLV_HORIZON_MONTHS = 36;
export const CLV_DEFAULT_CHURN = 0.1;
/** RFM quintile cut-points: the 20/40/60/80 % values of the active base (percentile_disc). */
const RFM_QUANTILES = [0.2, 0.4, 0.6, 0.8];

export interface RescoreStats {
  scored: number;
  active: number;
  settingsVersion: number;
  modelId: number | null;
  ms: number;
}

/** Id ranges scored side by side on their own connections (the machine's cores). */
export const RESCORE_PARTS = Math.max(1, Math.min(4, Number(process.env.RESCORE_PARTS ?? 2)));
const TX = WHOLE_BASE_TX;
const part = (k: number) => Prisma.raw(`rs_f_${k}`);

export async function runRescoring(opts: { runId: number; now?: Date; onProgress?: (pct: number, step: string) => Promise<void> }): Promise<RescoreStats> {
  const now = opts.now ?? new Date();
  const progress = opts.onProgress ?? (async () => {});
  const t0 = Date.now();
  const settings = await readCurrentSettings(db);
  const model = await db.churnModel.findFirst({ orderBy: { id: "desc" } });
  const hasModel = model != null && model.featureNames.join(",") === CHURN_FEATURES.join(",");
  // The app role may not create or drop tables: the working tables and the swap go through the
  // owner's SECURITY DEFINER functions crm_rescore_* (migration 20261207020000000), which each do
  // one fixed thing; the app only fills the tables (INSERT … SELECT).
  const dropWork = () => db.$executeRaw`SELECT crm_rescore_cleanup()`;

  await progress(10, "bills");
  await db.$transaction(async (tx) => {
    await allowLongStatements(tx, "wholeBase");
    await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
    await ensureBillSummary(tx, now);
    await snapshotClosedMonth(tx, now);
  }, TX);
  const [{ lo, hi }] = await db.$queryRaw<Array<{ lo: number | null; hi: number | null }>>`SELECT min(id) AS lo, max(id) AS hi FROM customer`;
  const step = Math.ceil(((hi ?? 0) - (lo ?? 0) + 1) / RESCORE_PARTS);
  const ranges = Array.from({ length: RESCORE_PARTS }, (_, k) => ({ lo: (lo ?? 0) + k * step, hi: k === RESCORE_PARTS - 1 ? (hi ?? 0) : (lo ?? 0) + (k + 1) * step - 1 }));
  // The working tables, empty: rs_f_k take the columns of the feature query (a temporary table
  // made from it with LIMIT 0 gives them), customer_score_next those of customer_score.
  const mayVacuum = await db.$transaction(async (tx) => {
    await allowLongStatements(tx, "wholeBase");
    await tx.$executeRaw`CREATE TEMP TABLE rs_shape ON COMMIT DROP AS WITH ${featureCtes(now, ranges[0])} SELECT * FROM f LIMIT 0`;
    const [r] = await tx.$queryRaw<Array<{ ok: boolean }>>`SELECT crm_rescore_prepare('pg_temp.rs_shape'::regclass, ${RESCORE_PARTS}::int) AS ok`;
    return r.ok;
  }, TX);
  try {
    // 1. Features per id range, in parallel. Every table read is in customer-id order with an
    //    index leading with customer_id: merge joins and grouped aggregates stream through them
    //    (2.5× faster at 1 M than the hash plans the planner prefers, which build 1 M-entry
    //    tables per aggregate).
    await progress(20, "features");
    await Promise.all(
      ranges.map((r, k) =>
        db.$transaction(async (tx) => {
          await allowLongStatements(tx, "wholeBase");
          await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
          await tx.$executeRaw`SET LOCAL enable_hashagg = off`;
          await tx.$executeRaw`SET LOCAL enable_hashjoin = off`;
          await tx.$executeRaw`INSERT INTO ${part(k)} WITH ${featureCtes(now, r)} SELECT * FROM f`;
        }, TX),
      ),
    );
    // 2. Over the whole base: ARPU percentiles, RFM cut-points and the sorted scores — ordered
    //    aggregates of single numbers, no window sort over the rows.
    await progress(50, "ranks");
    let rfm: RfmCutpoints = { recency: [], frequency: [], monetary: [] };
    let arpuRange: { p5: number | null; p95: number | null } = { p5: null, p95: null };
    const all = Prisma.join(ranges.map((_, k) => Prisma.sql`SELECT * FROM ${part(k)}`), " UNION ALL ");
    // Two connections: the RFM cut-points (three sorts) beside the ARPU percentiles and the sorted
    // scores, which need those percentiles first.
    const cutPoints = db.$transaction(async (tx) => {
      await allowLongStatements(tx, "wholeBase");
      await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
      const [st] = await tx.$queryRaw<Array<{ rc: number[] | null; fc: number[] | null; mc: number[] | null }>>`
        SELECT percentile_disc(${RFM_QUANTILES}::float8[]) WITHIN GROUP (ORDER BY recency_days)::float8[] AS rc,
               percentile_disc(${RFM_QUANTILES}::float8[]) WITHIN GROUP (ORDER BY months_12m + contacts_365d)::float8[] AS fc,
               percentile_disc(${RFM_QUANTILES}::float8[]) WITHIN GROUP (ORDER BY spend_12m)::float8[] AS mc
        FROM (${all}) f WHERE NOT is_churned`;
      rfm = { recency: st.rc ?? [0, 0, 0, 0], frequency: st.fc ?? [0, 0, 0, 0], monetary: st.mc ?? [0, 0, 0, 0] };
    }, TX);
    const sortedScores = db.$transaction(async (tx) => {
      await allowLongStatements(tx, "wholeBase");
      await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
      const [st] = await tx.$queryRaw<Array<{ p5: number | null; p95: number | null }>>`
        SELECT percentile_cont(0.05) WITHIN GROUP (ORDER BY arpu) AS p5, percentile_cont(0.95) WITHIN GROUP (ORDER BY arpu) AS p95
        FROM (${all}) f WHERE NOT is_churned`;
      arpuRange = { p5: st.p5, p95: st.p95 };
      // percent_rank() without a window sort over the rows: each partition's scores, negated and
      // sorted, in one array; a score's rank is then a binary search (width_bucket) in the
      // scoring statement. Two ordered aggregates of one float each.
      const dim = dimensionSql(settings.weights, Prisma.sql`${st.p5}::float8`, Prisma.sql`${st.p95}::float8`);
      await tx.$executeRaw`
        INSERT INTO rs_rank (active, churned)
        SELECT COALESCE(array_agg(-score ORDER BY -score) FILTER (WHERE NOT is_churned), '{}') AS active,
               COALESCE(array_agg(-score ORDER BY -score) FILTER (WHERE is_churned), '{}') AS churned
        FROM (SELECT d.is_churned, ${dim.score} AS score FROM (SELECT f.is_churned, ${dim.columns} FROM (${all}) f OFFSET 0) d) x`;
    }, TX);
    for (const r of await Promise.allSettled([cutPoints, sortedScores])) if (r.status === "rejected") throw r.reason;
    // 3. The scores, per id range in parallel, into a fresh table.
    await progress(60, "scores");
    const counts = await Promise.all(
      ranges.map((_, k) =>
        db.$transaction(async (tx) => {
          await allowLongStatements(tx, "wholeBase");
          await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
          return tx.$executeRaw(rescoreSql({ now, runId: opts.runId, settings, model: hasModel ? model : null, source: `rs_f_${k}`, ids: ranges[k], rfm, arpuRange }));
        }, TX),
      ),
    );
    // 4. Its indexes, each built in one sort (in parallel), then the swap.
    await progress(75, "indexes");
    const indexes = await db.$queryRaw<Array<{ name: string }>>`
      SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'customer_score'`;
    // crm_rescore_build_index builds index <name> of customer_score on customer_score_next as <name>_next.
    await Promise.all(
      Array.from({ length: RESCORE_PARTS }, async (_, k) => {
        for (let j = k; j < indexes.length; j += RESCORE_PARTS) {
          await db.$transaction(async (tx) => {
            await allowLongStatements(tx, "wholeBase");
            await tx.$executeRaw`SET LOCAL maintenance_work_mem = '256MB'`;
            await tx.$executeRaw`SELECT crm_rescore_build_index(${indexes[j].name})`;
          }, TX);
        }
      }),
    );
    // VACUUM as well as ANALYZE: a fresh table has no visibility map, so until autovacuum came by
    // every index-only read (segment counts on tier and churn band) visited the heap — the live
    // counts right after a run were 2-3x slower. The app role may VACUUM it from PostgreSQL 17 on
    // (MAINTAIN, granted by crm_rescore_prepare); before that it gets statistics only, and
    // autovacuum sets the visibility map later.
    if (mayVacuum) {
      await runOutsideTransaction(Prisma.sql`VACUUM (ANALYZE) customer_score_next`, "wholeBase");
    } else {
      await db.$transaction(async (tx) => {
        await allowLongStatements(tx, "wholeBase");
        await tx.$executeRaw`SELECT crm_rescore_analyze()`;
      }, TX);
    }
    await progress(90, "swap");
    const active = await db.$transaction(async (tx) => {
      // Readers of customer_score wait for this transaction only (a rename, not a rewrite).
      await allowLongStatements(tx, "wholeBase");
      await tx.$executeRaw`SET LOCAL lock_timeout = '20s'`;
      await tx.$executeRaw`SELECT crm_rescore_swap()`;
      return writeValueRollup(tx, now);
    }, TX);
    const scored = counts.reduce((a, b) => a + b, 0);
    return { scored, active, settingsVersion: settings.version, modelId: hasModel ? model.id : null, ms: Date.now() - t0 };
  } finally {
    await dropWork().catch(() => {});
  }
}

/** Month (Asia/Shanghai) of `now`, as a date string YYYY-MM-01. */
function monthOf(now: Date): string {
  const sh = new Date(now.getTime() + 8 * 3600_000);
  return `${sh.getUTCFullYear()}-${String(sh.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

/**
 * Before a run replaces the scores: when they were computed in an earlier month, they were that
 * month's last run — keep them as its snapshot (active customers), once.
 */
async function snapshotClosedMonth(tx: Tx, now: Date): Promise<void> {
  const [last] = await tx.$queryRaw<Array<{ at: Date }>>`SELECT computed_at AS at FROM customer_score LIMIT 1`;
  if (!last) return;
  const month = monthOf(last.at);
  if (month >= monthOf(now)) return;
  const [done] = await tx.$queryRaw<Array<{ x: number }>>`SELECT 1 AS x FROM value_snapshot WHERE month = ${month}::date LIMIT 1`;
  if (done) return;
  await tx.$executeRaw`
    INSERT INTO value_snapshot (month, customer_id, score, tier)
    SELECT ${month}::date, customer_id, score, tier FROM customer_score WHERE lifecycle_stage <> 'CHURNED'`;
}

/** The dashboards' view of this run (value_rollup rows of the current month). Returns the active count. */
async function writeValueRollup(tx: Tx, now: Date): Promise<number> {
  const month = monthOf(now);
  await tx.$executeRaw`DELETE FROM value_rollup WHERE month = ${month}::date`;
  // One hashed pass over the scores by their four enums (a few hundred groups), then the four
  // views (tier, lifecycle, churn band, tier migration) from those groups.
  await tx.$executeRaw`
    WITH g AS (
      SELECT tier, lifecycle_stage, churn_band, previous_tier, count(*)::int AS n, sum(score) AS sc, sum(clv) AS cl
      FROM customer_score GROUP BY 1, 2, 3, 4)
    INSERT INTO value_rollup (month, kind, key, customers, sum_score, sum_clv)
    SELECT ${month}::date, kind, key, sum(n)::int, sum(sc), sum(cl)
    FROM g CROSS JOIN LATERAL (VALUES
      ('TIER', CASE WHEN g.lifecycle_stage <> 'CHURNED' THEN g.tier::text END),
      ('LIFECYCLE', g.lifecycle_stage::text),
      ('BAND', CASE WHEN g.lifecycle_stage <> 'CHURNED' THEN g.churn_band::text END),
      ('MIGRATION', CASE WHEN g.lifecycle_stage <> 'CHURNED' THEN COALESCE(g.previous_tier::text, 'NEW') || '>' || g.tier::text END)
    ) v(kind, key)
    WHERE v.key IS NOT NULL
    GROUP BY kind, key`;
  const [row] = await tx.$queryRaw<Array<{ n: number }>>`SELECT COALESCE(sum(customers), 0)::int AS n FROM value_rollup WHERE month = ${month}::date AND kind = 'TIER'`;
  return row.n;
}

/** 1 + the number of cut-points strictly below `v` (value.ts quintile). */
function quintile(v: Prisma.Sql, cuts: readonly number[]): Prisma.Sql {
  if (cuts.length === 0) return Prisma.sql`1`;
  return Prisma.sql`(1 + ${Prisma.join(
    cuts.map((c) => Prisma.sql`(${v} > ${c}::float8)::int`),
    " + ",
  )})`;
}

/** Σ w_j · feature_j over the model features, with the weights as bind parameters. */
function dot(weights: number[]): Prisma.Sql {
  return Prisma.join(
    FEATURE_COLUMNS.map((col, j) => Prisma.sql`${weights[j]}::float8 * ${col}`),
    " + ",
  );
}

function contributions(weights: number[], mean: number[], std: number[]): Prisma.Sql {
  return Prisma.join(FEATURE_COLUMNS.map((col, j) => Prisma.sql`${weights[j]}::float8 * (${col} - ${mean[j]}::float8) / ${std[j] || 1}::float8`));
}

type ModelParams = { featureNames: string[]; rawWeights: number[]; rawBias: number; weights: number[]; mean: number[]; std: number[] } | null;

// The five dimensions of a features row `f` (profitability also needs the ARPU percentiles).
// Every literal with a decimal point is cast to float8: a bare 36.0 is numeric, and exp() on
// numeric for a million rows cost seconds.
const LOYALTY = Prisma.sql`(100 * (1 - exp(-GREATEST(f.tenure_months, 0) / 36.0::float8)))`;
const POTENTIAL = Prisma.sql`(0.4::float8 * LEAST(100, GREATEST(0, 50 + 50 * f.usage_change))
        + 0.4::float8 * CASE WHEN f.quota_mb > 0 THEN LEAST(100, 100 * f.data_mb_month / f.quota_mb) ELSE 50 END
        + 0.2::float8 * LEAST(100, 25 * f.n_lines))`;
const SATISFACTION = SATISFACTION_SQL;
const CREDIT = Prisma.sql`(CASE WHEN f.bills_12m > 0 THEN 100 * f.on_time_12m::float8 / f.bills_12m ELSE 100 END)`;

/**
 * The five dimensions of a features row `f` as columns (profitability needs the ARPU percentiles),
 * and the weighted score over a row `d` carrying those columns. Both the sorted scores (rs_rank)
 * and the scoring statement compute the dimensions once per row and the score from them, with the
 * same expressions and parameters, so each score finds itself exactly in the sorted array.
 */
function dimensionSql(w: ValueWeights, p5: Prisma.Sql, p95: Prisma.Sql) {
  const profitability = Prisma.sql`(CASE WHEN ${p95} > ${p5} THEN LEAST(100, GREATEST(0, 100 * (f.arpu - ${p5}) / (${p95} - ${p5})))
           ELSE 50 + 50 * sign(f.arpu - COALESCE(${p5}, 0)) END)`;
  const columns = Prisma.sql`${profitability} AS profitability, ${LOYALTY} AS loyalty, ${POTENTIAL} AS potential, ${SATISFACTION} AS satisfaction, ${CREDIT} AS credit`;
  const score = Prisma.sql`LEAST(100, GREATEST(0, ${w.profitability}::float8 * d.profitability + ${w.loyalty}::float8 * d.loyalty
        + ${w.potential}::float8 * d.potential + ${w.satisfaction}::float8 * d.satisfaction + ${w.credit}::float8 * d.credit))`;
  return { columns, score };
}

/**
 * The scoring statement of one id range: features from `source` (rs_f_k), score and ranks from
 * rs_rank, into customer_score_next (see runRescoring).
 */
export function rescoreSql(args: {
  now: Date;
  runId: number;
  settings: Awaited<ReturnType<typeof readCurrentSettings>>;
  model: ModelParams;
  /** The features table of one id range (rs_f_k) and that range; ranks and scores come from rs_rank. */
  source: string;
  ids: { lo: number; hi: number };
  rfm: RfmCutpoints;
  arpuRange: { p5: number | null; p95: number | null };
}): Prisma.Sql {
  const { now, settings, model } = args;
  const hasModel = model != null && model.featureNames.join(",") === CHURN_FEATURES.join(",");
  const rawW = hasModel ? model.rawWeights : CHURN_FEATURES.map(() => 0);
  const rawB = hasModel ? model.rawBias : 0;
  const stdW = hasModel ? model.weights : CHURN_FEATURES.map(() => 0);
  const mean = hasModel ? model.mean : CHURN_FEATURES.map(() => 0);
  const std = hasModel ? model.std : CHURN_FEATURES.map(() => 1);
  const t = settings.tiers;
  // Logit as a plain dot product of parameters and columns (no per-row unnest).
  const p = Prisma.sql`(CASE WHEN f.is_churned OR NOT ${hasModel} THEN NULL
           ELSE 1 / (1 + exp(-LEAST(50, GREATEST(-50, ${rawB}::float8 + ${dot(rawW)})))) END)`;
  const tierValue = t.mode === "ABSOLUTE" ? Prisma.sql`d.score` : Prisma.sql`d.pct_rank`;
  // The same expression and parameters as rs_rank's sorted scores, so each score finds itself
  // there exactly (recomputing it is cheaper than carrying it through a table).
  const dim = dimensionSql(settings.weights, Prisma.sql`${args.arpuRange.p5}::float8`, Prisma.sql`${args.arpuRange.p95}::float8`);
  // The partition's negated scores, sorted (rs_rank). `|| '{}'` hands the InitPlan a detoasted
  // copy, so each row's binary search reads memory instead of fetching 8 MB from TOAST.
  const rank = (col: "active" | "churned") => {
    const arr = Prisma.sql`(SELECT ${Prisma.raw(col)} || '{}'::float8[] FROM rs_rank)`;
    return Prisma.sql`CASE WHEN cardinality(${arr}) <= 1 THEN 0::float8
      ELSE (cardinality(${arr}) - width_bucket(-f.score, ${arr}))::float8 / (cardinality(${arr}) - 1) END`;
  };
  return Prisma.sql`
  WITH dims AS (
    SELECT f.*, ${dim.columns}
    FROM ${Prisma.raw(/^rs_f_\d$/.test(args.source) ? args.source : "rs_f_0")} f
    OFFSET 0 -- evaluated once per row here: an inlined CTE would repeat the expressions at every use
  ),
  s AS (SELECT d.*, ${dim.score} AS score FROM dims d OFFSET 0),
  d0 AS (
    SELECT f.*,
      ${p} AS p,
      CASE WHEN f.is_churned THEN ${rank("churned")} ELSE ${rank("active")} END AS pct_rank,
      6 - ${quintile(Prisma.sql`f.recency_days`, args.rfm.recency)} AS r,
      ${quintile(Prisma.sql`(f.months_12m + f.contacts_365d)`, args.rfm.frequency)} AS fq,
      ${quintile(Prisma.sql`f.spend_12m`, args.rfm.monetary)} AS m,
      -- Each feature's push on the log-odds (weight × standardised value): raw values x and
      -- contributions c, in CHURN_FEATURES order; readers pick the top factors (real arrays: an
      -- explanation needs no more digits, and the row is a fifth narrower to write every run;
      -- building JSON here converted 18 numbers per customer to numeric).
      CASE WHEN f.is_churned OR NOT ${hasModel} THEN '{}'::real[] ELSE ${FEATURE_VECTOR}::real[] END AS churn_x,
      CASE WHEN f.is_churned OR NOT ${hasModel} THEN '{}'::real[] ELSE ARRAY[${contributions(stdW, mean, std)}]::real[] END AS churn_c
    FROM s f
    OFFSET 0
  ),
  -- CLV inputs: monthly margin mm and the monthly survival-and-discount factor q (see clv()).
  d AS (
    SELECT d0.*, d0.arpu * ${CLV_MARGIN_RATE}::float8 AS mm,
      (1 - (1 - power(1 - LEAST(0.999999::float8, COALESCE(d0.p, ${CLV_DEFAULT_CHURN}::float8)), 1.0::float8 / 12))) / (1 + ${CLV_MONTHLY_DISCOUNT}::float8) AS q
    FROM d0
  )
  INSERT INTO customer_score_next (customer_id, profitability, loyalty, potential, satisfaction, credit, score, tier, previous_tier, percentile,
    rfm_code, clv, arpu, data_change_pct, tenure_months, complaints_90d, churn_probability, churn_band, churn_x, churn_c, lifecycle_stage,
    settings_version, run_id, computed_at)
  SELECT d.customer_id, d.profitability, d.loyalty, d.potential, d.satisfaction, d.credit, d.score,
    (CASE WHEN ${tierValue} >= ${t.diamond}::float8 THEN 'DIAMOND' WHEN ${tierValue} >= ${t.gold}::float8 THEN 'GOLD'
          WHEN ${tierValue} >= ${t.silver}::float8 THEN 'SILVER' ELSE 'STANDARD' END)::"ValueTier",
    o.tier, d.pct_rank, d.r::text || d.fq::text || d.m::text,
    CASE WHEN d.is_churned THEN 0 WHEN abs(1 - d.q) < 1e-12::float8 THEN d.mm * ${CLV_HORIZON_MONTHS}::float8
         ELSE d.mm * d.q * (1 - power(d.q, ${CLV_HORIZON_MONTHS}::float8)) / (1 - d.q) END,
    d.arpu, round(1000 * d.usage_change) / 10, d.tenure_months, d.complaints_90d,
    d.p,
    (CASE WHEN d.p IS NULL THEN NULL WHEN d.p >= ${settings.churnBands.high}::float8 THEN 'HIGH'
          WHEN d.p >= ${settings.churnBands.medium}::float8 THEN 'MEDIUM' ELSE 'LOW' END)::"ChurnBand",
    d.churn_x, d.churn_c,
    (CASE WHEN d.is_churned THEN 'CHURNED'
          WHEN d.churned_at IS NOT NULL THEN 'WON_BACK'
          WHEN d.p >= ${settings.churnBands.high}::float8 THEN 'AT_RISK'
          WHEN d.tenure_months < 6 THEN 'NEW'
          WHEN d.usage_change >= 0.1::float8 OR d.tenure_months < 24 THEN 'GROWING'
          ELSE 'MATURE' END)::"LifecycleStage",
    ${settings.version}, ${args.runId}, ${now}::timestamptz
  FROM d LEFT JOIN customer_score o ON o.customer_id = d.customer_id AND o.customer_id BETWEEN ${args.ids.lo}::int AND ${args.ids.hi}::int`;
  // No ORDER BY: rs_f_k was written in customer order and the hash join keeps its order.
}
