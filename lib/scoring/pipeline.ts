import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { featureCtes, FEATURE_COLUMNS, FEATURE_VECTOR, CHURN_FEATURES } from "@/lib/churn/features";
import { readCurrentSettings } from "@/lib/scoring/settings";

// Whole-base rescoring: ONE INSERT … SELECT over every customer (features → five dimensions →
// weighted score → churn probability from the stored model → tier, RFM, CLV, lifecycle), then
// the monthly snapshot. No per-customer round trips. Mirrors lib/scoring/value.ts:
//   profitability = normalizeArpu(ARPU of the last 3 billed months, p5, p95 of the active base)
//   loyalty       = normalizeTenure(tenure months)                     (100·(1 − e^(−m/36)))
//   potential     = 0.4·usage growth (50 ± half the % change) + 0.4·plan headroom (data used ÷ quota)
//                   + 0.2·household size (25 per line)
//   satisfaction  = 100 − 20 per complaint in 12 months − 10 per contact awaiting follow-up (90 d), ≥ 0
//   credit        = creditScore(bills paid on time ÷ bills, 12 months)   (no bills yet → 100)
// Tiers: ABSOLUTE compares the score, PERCENTILE compares percent_rank() over the active base.
// RFM: R = 6 − ntile(5) by days since the last bill/contact, F = ntile(5) by billed months +
// contacts, M = ntile(5) by 12-month spend (active base; 5 is best).
// CLV (clv() in value.ts): margin m = ARPU × CLV_MARGIN_RATE; monthly churn from the 12-month
// probability p: 1 − (1 − p)^(1/12); discount CLV_MONTHLY_DISCOUNT; horizon CLV_HORIZON_MONTHS.
// Without a trained model p = CLV_DEFAULT_CHURN.

export const CLV_MARGIN_RATE = 0.6;
export const CLV_MONTHLY_DISCOUNT = 0.00643; // ≈ 8 % a year
export const CLV_HORIZON_MONTHS = 36;
export const CLV_DEFAULT_CHURN = 0.1;

export interface RescoreStats {
  scored: number;
  active: number;
  settingsVersion: number;
  modelId: number | null;
  ms: number;
}

export async function runRescoring(opts: { runId: number; now?: Date; onProgress?: (pct: number, step: string) => Promise<void> }): Promise<RescoreStats> {
  const now = opts.now ?? new Date();
  const progress = opts.onProgress ?? (async () => {});
  const t0 = Date.now();
  const settings = await readCurrentSettings(db);
  const model = await db.churnModel.findFirst({ orderBy: { id: "desc" } });
  const hasModel = model != null && model.featureNames.join(",") === CHURN_FEATURES.join(",");

  await progress(10, "features");
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      await progress(20, "scores");
      const scored = await tx.$executeRaw(rescoreSql({ now, runId: opts.runId, settings, model: hasModel ? model : null }));
      await progress(80, "snapshot");
      // The last run of a month is that month's snapshot (active customers only).
      await tx.$executeRaw`
        INSERT INTO value_snapshot (month, customer_id, score, tier)
        SELECT date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, s.customer_id, s.score, s.tier
        FROM customer_score s WHERE s.lifecycle_stage <> 'CHURNED'
        ON CONFLICT (month, customer_id) DO UPDATE SET score = EXCLUDED.score, tier = EXCLUDED.tier`;
      const [{ active }] = await tx.$queryRaw<Array<{ active: number }>>`
        SELECT count(*)::int AS active FROM customer_score WHERE lifecycle_stage <> 'CHURNED'`;
      return { scored, active };
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
  return { scored: result.scored, active: result.active, settingsVersion: settings.version, modelId: hasModel ? model.id : null, ms: Date.now() - t0 };
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

/** The whole-base scoring statement (exported for EXPLAIN in benchmarks). */
export function rescoreSql(args: { now: Date; runId: number; settings: Awaited<ReturnType<typeof readCurrentSettings>>; model: ModelParams }): Prisma.Sql {
  const { now, settings, model } = args;
  const hasModel = model != null && model.featureNames.join(",") === CHURN_FEATURES.join(",");
  const rawW = hasModel ? model.rawWeights : CHURN_FEATURES.map(() => 0);
  const rawB = hasModel ? model.rawBias : 0;
  const stdW = hasModel ? model.weights : CHURN_FEATURES.map(() => 0);
  const mean = hasModel ? model.mean : CHURN_FEATURES.map(() => 0);
  const std = hasModel ? model.std : CHURN_FEATURES.map(() => 1);
  const w = settings.weights;
  const t = settings.tiers;
  const tierValue = t.mode === "ABSOLUTE" ? Prisma.sql`d.score` : Prisma.sql`d.pct_rank`;
  const opts = { runId: args.runId };
  return Prisma.sql`
  WITH ${featureCtes(now)},
  stats AS (
    SELECT percentile_cont(0.05) WITHIN GROUP (ORDER BY arpu) AS p5,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY arpu) AS p95
    FROM f WHERE NOT f.is_churned
  ),
  churn AS (
    -- Logit as a plain dot product of parameters and columns (no per-row unnest), and each
    -- feature's push on the log-odds (weight × standardised value) as two arrays in JSON
    -- {x: raw values, c: contributions}, in CHURN_FEATURES order; readers pick the top factors.
    SELECT f.customer_id,
      CASE WHEN f.is_churned OR NOT ${hasModel} THEN NULL
           ELSE 1 / (1 + exp(-LEAST(50, GREATEST(-50, ${rawB}::float8 + ${dot(rawW)})))) END AS p,
      CASE WHEN f.is_churned OR NOT ${hasModel} THEN NULL
           ELSE jsonb_build_object('x', ${FEATURE_VECTOR}, 'c', ARRAY[${contributions(stdW, mean, std)}]) END AS factors
    FROM f
  ),
  dims AS (
    SELECT f.*, ch.p, ch.factors,
      CASE WHEN s.p95 > s.p5 THEN LEAST(100, GREATEST(0, 100 * (f.arpu - s.p5) / (s.p95 - s.p5)))
           ELSE 50 + 50 * sign(f.arpu - COALESCE(s.p5, 0)) END AS profitability,
      100 * (1 - exp(-GREATEST(f.tenure_months, 0) / 36.0)) AS loyalty,
      0.4 * LEAST(100, GREATEST(0, 50 + 50 * f.usage_change))
        + 0.4 * CASE WHEN f.quota_mb > 0 THEN LEAST(100, 100 * f.data_mb_month / f.quota_mb) ELSE 50 END
        + 0.2 * LEAST(100, 25 * f.n_lines) AS potential,
      GREATEST(0, 100 - 20 * f.complaints_365d - 10 * f.unresolved_90d) AS satisfaction,
      CASE WHEN f.bills_12m > 0 THEN 100 * f.on_time_12m::float8 / f.bills_12m ELSE 100 END AS credit,
      f.months_12m + f.contacts_365d AS frequency
    FROM f CROSS JOIN stats s JOIN churn ch ON ch.customer_id = f.customer_id
  ),
  scored AS (
    SELECT dims.*,
      LEAST(100, GREATEST(0, ${w.profitability}::float8 * profitability + ${w.loyalty}::float8 * loyalty + ${w.potential}::float8 * potential
        + ${w.satisfaction}::float8 * satisfaction + ${w.credit}::float8 * credit)) AS score
    FROM dims
  ),
  d AS (
    SELECT scored.*,
      percent_rank() OVER (PARTITION BY is_churned ORDER BY score) AS pct_rank,
      6 - ntile(5) OVER (PARTITION BY is_churned ORDER BY recency_days) AS r,
      ntile(5) OVER (PARTITION BY is_churned ORDER BY frequency) AS fq,
      ntile(5) OVER (PARTITION BY is_churned ORDER BY spend_12m) AS m,
      1 - power(1 - LEAST(0.999999, COALESCE(p, ${CLV_DEFAULT_CHURN}::float8)), 1.0 / 12) AS p_month
    FROM scored
  )
  INSERT INTO customer_score (customer_id, profitability, loyalty, potential, satisfaction, credit, score, tier, previous_tier, percentile,
    rfm_code, clv, arpu, data_change_pct, tenure_months, complaints_90d, churn_probability, churn_band, churn_factors, lifecycle_stage,
    settings_version, run_id, computed_at)
  SELECT d.customer_id, d.profitability, d.loyalty, d.potential, d.satisfaction, d.credit, d.score,
    (CASE WHEN ${tierValue} >= ${t.diamond}::float8 THEN 'DIAMOND' WHEN ${tierValue} >= ${t.gold}::float8 THEN 'GOLD'
          WHEN ${tierValue} >= ${t.silver}::float8 THEN 'SILVER' ELSE 'STANDARD' END)::"ValueTier",
    NULL, d.pct_rank, d.r::text || d.fq::text || d.m::text,
    CASE WHEN d.is_churned THEN 0 ELSE (
      SELECT CASE WHEN abs(1 - q) < 1e-12 THEN mm * ${CLV_HORIZON_MONTHS}::float8 ELSE mm * q * (1 - power(q, ${CLV_HORIZON_MONTHS}::float8)) / (1 - q) END
      FROM (SELECT d.arpu * ${CLV_MARGIN_RATE}::float8 AS mm, (1 - d.p_month) / (1 + ${CLV_MONTHLY_DISCOUNT}::float8) AS q) k) END,
    d.arpu, round((100 * d.usage_change)::numeric, 1)::float8, d.tenure_months, d.complaints_90d,
    d.p,
    (CASE WHEN d.p IS NULL THEN NULL WHEN d.p >= ${settings.churnBands.high}::float8 THEN 'HIGH'
          WHEN d.p >= ${settings.churnBands.medium}::float8 THEN 'MEDIUM' ELSE 'LOW' END)::"ChurnBand",
    d.factors,
    (CASE WHEN d.is_churned THEN 'CHURNED'
          WHEN d.churned_at IS NOT NULL THEN 'WON_BACK'
          WHEN d.p >= ${settings.churnBands.high}::float8 THEN 'AT_RISK'
          WHEN d.tenure_months < 6 THEN 'NEW'
          WHEN d.usage_change >= 0.1 OR d.tenure_months < 24 THEN 'GROWING'
          ELSE 'MATURE' END)::"LifecycleStage",
    ${settings.version}, ${opts.runId}, ${now}::timestamptz
  FROM d
  ON CONFLICT (customer_id) DO UPDATE SET
    profitability = EXCLUDED.profitability, loyalty = EXCLUDED.loyalty, potential = EXCLUDED.potential,
    satisfaction = EXCLUDED.satisfaction, credit = EXCLUDED.credit, score = EXCLUDED.score, tier = EXCLUDED.tier,
    previous_tier = customer_score.tier, percentile = EXCLUDED.percentile, rfm_code = EXCLUDED.rfm_code, clv = EXCLUDED.clv,
    arpu = EXCLUDED.arpu, data_change_pct = EXCLUDED.data_change_pct, tenure_months = EXCLUDED.tenure_months,
    complaints_90d = EXCLUDED.complaints_90d, churn_probability = EXCLUDED.churn_probability, churn_band = EXCLUDED.churn_band,
    churn_factors = EXCLUDED.churn_factors, lifecycle_stage = EXCLUDED.lifecycle_stage, settings_version = EXCLUDED.settings_version,
    run_id = EXCLUDED.run_id, computed_at = EXCLUDED.computed_at`;
}
