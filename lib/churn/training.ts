import "server-only";
import { allowLongStatements, db } from "@/lib/db";
import { ensureBillSummary, WHOLE_BASE_TX } from "@/lib/scoring/bill-summary";
import { featureCtes, FEATURE_VECTOR, CHURN_FEATURES } from "@/lib/churn/features";
import { auc, predictProba, toOriginalScale, trainLogistic, trainTestSplit, type Label } from "@/lib/churn/logistic";

// Trains the churn model on the database's own history: every customer with ≥ 3 months of
// tenure at their reference date (lib/churn/features.ts), label 1 = churned (above MAX_TRAINING_CUSTOMERS, a
// deterministic sample by id hash). A deterministic 30 % holdout gives the AUC shown to admins; the stored model is the one fitted on the 70 %.

export const HOLDOUT_SHARE = 0.3;
export const SPLIT_SEED = 20261123;
export const L2 = 1e-3;
export const MAX_TRAINING_CUSTOMERS = 250_000;
/** Below this many customers of 3+ months, or without both churners and stayers, there is nothing to learn yet (a new install). */
export const MIN_TRAINING_ROWS = 20;

export interface TrainStats {
  modelId: number;
  trainSize: number;
  testSize: number;
  trainChurners: number;
  testChurners: number;
  holdoutAuc: number;
}

/** Trains and saves a model; null when the base has nothing to learn from yet (the previous model, if any, stays). */
export async function trainChurnModelNow(opts: { jobId?: number; now?: Date; onProgress?: (pct: number, step: string) => Promise<void> } = {}): Promise<TrainStats | null> {
  const progress = opts.onProgress ?? (async () => {});
  await progress(10, "features");
  const now = opts.now ?? new Date();
  const rows = await db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "wholeBase");
      await ensureBillSummary(tx, now);
      // Above MAX_TRAINING_CUSTOMERS, a deterministic sample (a hash of the id) keeps training
      // time flat as the base grows; the model's AUC does not need more.
      const [{ n }] = await tx.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM customer`;
      const permille = Math.min(1000, Math.ceil((MAX_TRAINING_CUSTOMERS / Math.max(1, n)) * 1000));
      await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
      await tx.$executeRaw`SET LOCAL enable_hashagg = off`; // merge plans over the customer_id indexes (lib/scoring/pipeline.ts)
      await tx.$executeRaw`SET LOCAL enable_hashjoin = off`;
      return tx.$queryRaw<Array<{ churned: boolean; x: number[] }>>`
        WITH ${featureCtes(now)}
        SELECT f.is_churned AS churned, ${FEATURE_VECTOR} AS x FROM f
        WHERE f.tenure_months >= 3 AND (${permille} >= 1000 OR (f.customer_id::bigint * 2654435761) % 1000 < ${permille})
        ORDER BY f.customer_id`;
    },
    WHOLE_BASE_TX,
  );
  await progress(50, "training");
  const X = rows.map((r) => r.x.map(Number));
  const y = rows.map((r) => (r.churned ? 1 : 0) as Label);
  if (rows.length < MIN_TRAINING_ROWS || !y.includes(0) || !y.includes(1)) return null;
  const { train, test } = trainTestSplit(rows.length, HOLDOUT_SHARE, SPLIT_SEED);
  const featureNames = [...CHURN_FEATURES];
  const model = trainLogistic(
    train.map((i) => X[i]),
    train.map((i) => y[i]),
    { l2: L2, featureNames },
  );
  const holdoutAuc = auc(
    test.map((i) => predictProba(model, X[i])),
    test.map((i) => y[i]),
  );
  await progress(90, "saving");
  const raw = toOriginalScale(model);
  const count = (idx: number[]) => idx.reduce((s, i) => s + y[i], 0);
  const saved = await db.churnModel.create({
    data: {
      featureNames,
      weights: model.weights,
      bias: model.bias,
      mean: model.mean,
      std: model.std,
      rawWeights: raw.weights,
      rawBias: raw.bias,
      trainSize: train.length,
      testSize: test.length,
      trainChurners: count(train),
      testChurners: count(test),
      holdoutAuc: Number.isFinite(holdoutAuc) ? holdoutAuc : 0,
      iterations: model.iterations,
      jobId: opts.jobId ?? null,
    },
  });
  return {
    modelId: saved.id,
    trainSize: saved.trainSize,
    testSize: saved.testSize,
    trainChurners: saved.trainChurners,
    testChurners: saved.testChurners,
    holdoutAuc: saved.holdoutAuc,
  };
}
