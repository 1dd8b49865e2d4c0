// Churn early warning: an L2-regularised logistic regression trained in the app, so the model can
// be retrained from our own data without a Python service, and each probability can be explained
// by the factors behind it (domain: "a probability per customer with the factors behind it").
//
// Pure and deterministic: no I/O, no clock, no env. Feature extraction is SQL's job; persisting the
// model is the command's job. The model is a plain JSON-serialisable object.
//
// Method: Newton–Raphson (IRLS) on standardised features with a step-halving line search. With ~10
// features the Hessian is 11×11, so each iteration is one pass over the rows (O(n·p²)) and the
// solve is free; it converges in ~6–10 iterations where gradient descent needs thousands and a
// learning rate to tune. Measured ≈0.1 s for 50k rows × 10 features.
//
// Objective (minimised), with z = standardised features and w excluding the bias:
//   J(w, b) = (1/n) Σ_i [ log(1 + e^{η_i}) − y_i η_i ] + (l2/2) ‖w‖²,   η_i = b + w·z_i
// The penalty is on the mean loss, so `l2` means the same thing whatever the row count; the bias
// is not penalised. Weights live in standardised units (comparable across features);
// `toOriginalScale` gives coefficients on the raw features for scoring in SQL.

import { mulberry32, shuffle } from "@/lib/shared/random";

export type Label = 0 | 1;

export type Standardization = {
  /** Column means. */
  mean: number[];
  /** Column population standard deviations; a constant column gets 1 so z stays 0, not NaN. */
  std: number[];
  /** (x − mean) / std, row by row. */
  Z: number[][];
};

export type LogisticModel = {
  featureNames?: string[];
  mean: number[];
  std: number[];
  /** Coefficients on standardised features. */
  weights: number[];
  bias: number;
  /** Training diagnostics, kept with the model so a bad fit is visible. */
  iterations: number;
  converged: boolean;
  l2: number;
};

export type TrainLogisticOptions = {
  /** L2 penalty on the mean log-loss (see header). Default 1e-3; 0 is allowed. */
  l2?: number;
  /** Newton iterations at most. Default 50. */
  maxIterations?: number;
  /** Stop when no parameter moves more than this. Default 1e-8. */
  tolerance?: number;
  featureNames?: string[];
};

export type ChurnFactor = {
  feature: string;
  /** Column index in the feature vector. */
  index: number;
  /** The raw feature value. */
  value: number;
  /** (value − mean) / std. */
  standardizedValue: number;
  /** weight × standardizedValue: its push on the log-odds, relative to an average customer. */
  contribution: number;
};

export const CHURN_BANDS = ["LOW", "MEDIUM", "HIGH"] as const;
export type ChurnBand = (typeof CHURN_BANDS)[number];

export type ChurnBandThresholds = {
  /** p ≥ medium → MEDIUM (unless ≥ high). */
  medium: number;
  /** p ≥ high → HIGH. */
  high: number;
};

export const DEFAULT_CHURN_BAND_THRESHOLDS: ChurnBandThresholds = { medium: 0.3, high: 0.6 };

function assertMatrix(X: readonly (readonly number[])[], name: string): number {
  if (X.length === 0) throw new RangeError(`${name} has no rows`);
  const p = X[0].length;
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (row.length !== p) throw new RangeError(`${name} row ${i} has ${row.length} columns, expected ${p}`);
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`${name}[${i}][${j}] is not a finite number`);
    }
  }
  return p;
}

/** Column-wise standardisation (population std; a std of 0 becomes 1). */
export function standardize(X: readonly (readonly number[])[]): Standardization {
  const p = assertMatrix(X, "X");
  const n = X.length;
  const mean = new Array<number>(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) mean[j] += row[j];
  for (let j = 0; j < p; j++) mean[j] /= n;
  const variance = new Array<number>(p).fill(0);
  for (const row of X) {
    for (let j = 0; j < p; j++) {
      const d = row[j] - mean[j];
      variance[j] += d * d;
    }
  }
  const std = variance.map((v) => {
    const s = Math.sqrt(v / n);
    // A tiny relative spread is rounding noise on a constant column.
    return s > 1e-12 ? s : 1;
  });
  const Z = X.map((row) => row.map((v, j) => (v - mean[j]) / std[j]));
  return { mean, std, Z };
}

export function sigmoid(eta: number): number {
  // Two branches so e^{…} never overflows.
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** log(1 + e^η) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/**
 * Solves A x = b for a symmetric positive (semi)definite A by Cholesky. A singular A (e.g. a
 * constant column with l2 = 0) gets a growing diagonal jitter, which leaves that direction at 0.
 */
function solveSymmetric(A: Float64Array, b: Float64Array, m: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < m; i++) trace += A[i * m + i];
  const scale = trace / m || 1;
  for (let jitter = 0; jitter <= 1e-2 * scale; jitter = jitter === 0 ? 1e-12 * scale : jitter * 100) {
    const L = new Float64Array(m * m);
    let ok = true;
    for (let i = 0; i < m && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = A[i * m + j] + (i === j ? jitter : 0);
        for (let k = 0; k < j; k++) sum -= L[i * m + k] * L[j * m + k];
        if (i === j) {
          if (!(sum > 0)) {
            ok = false;
            break;
          }
          L[i * m + i] = Math.sqrt(sum);
        } else {
          L[i * m + j] = sum / L[j * m + j];
        }
      }
    }
    if (!ok) continue;
    const y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let sum = b[i];
      for (let k = 0; k < i; k++) sum -= L[i * m + k] * y[k];
      y[i] = sum / L[i * m + i];
    }
    const x = new Float64Array(m);
    for (let i = m - 1; i >= 0; i--) {
      let sum = y[i];
      for (let k = i + 1; k < m; k++) sum -= L[k * m + i] * x[k];
      x[i] = sum / L[i * m + i];
    }
    return x;
  }
  throw new RangeError("Hessian is not positive definite");
}

/**
 * Fits the model. Throws RangeError on ragged or non-finite input, labels other than 0/1, or a
 * single class (a dataset without churners cannot teach churn).
 */
export function trainLogistic(
  X: readonly (readonly number[])[],
  y: readonly Label[],
  options: TrainLogisticOptions = {},
): LogisticModel {
  const { l2 = 1e-3, maxIterations = 50, tolerance = 1e-8, featureNames } = options;
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new RangeError("l2 must be a finite number ≥ 0");
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError("maxIterations must be a positive integer");
  }
  const { mean, std, Z } = standardize(X);
  const n = Z.length;
  const p = mean.length;
  if (y.length !== n) throw new RangeError(`y has ${y.length} labels for ${n} rows`);
  if (featureNames && featureNames.length !== p) {
    throw new RangeError(`featureNames has ${featureNames.length} names for ${p} features`);
  }
  let positives = 0;
  for (const label of y) {
    if (label !== 0 && label !== 1) throw new RangeError("labels must be 0 or 1");
    positives += label;
  }
  if (positives === 0 || positives === n) throw new RangeError("both classes are required to train");

  // Design matrix with a leading 1 for the bias, flat and row-major for speed.
  const m = p + 1;
  const D = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    D[i * m] = 1;
    for (let j = 0; j < p; j++) D[i * m + j + 1] = Z[i][j];
  }

  // θ[0] = bias, θ[1..p] = weights. Start at the base rate so the first step is small.
  const theta = new Float64Array(m);
  theta[0] = Math.log(positives / (n - positives));

  const eta = new Float64Array(n);
  const computeEta = (t: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      const base = i * m;
      for (let j = 0; j < m; j++) s += D[base + j] * t[j];
      eta[i] = s;
    }
  };
  const objective = (t: Float64Array): number => {
    computeEta(t);
    let loss = 0;
    for (let i = 0; i < n; i++) loss += softplus(eta[i]) - y[i] * eta[i];
    let penalty = 0;
    for (let j = 1; j < m; j++) penalty += t[j] * t[j];
    return loss / n + (l2 / 2) * penalty;
  };

  let current = objective(theta);
  let iterations = 0;
  let converged = false;
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);

  while (iterations < maxIterations) {
    iterations++;
    // eta holds the linear predictor at theta (objective() left it there).
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(eta[i]);
      const r = mu - y[i];
      const w = mu * (1 - mu);
      const base = i * m;
      for (let a = 0; a < m; a++) {
        const da = D[base + a];
        gradient[a] += r * da;
        const wda = w * da;
        // Lower triangle only; mirrored below.
        for (let b = 0; b <= a; b++) hessian[a * m + b] += wda * D[base + b];
      }
    }
    for (let a = 0; a < m; a++) {
      gradient[a] /= n;
      for (let b = 0; b <= a; b++) {
        hessian[a * m + b] /= n;
        hessian[b * m + a] = hessian[a * m + b];
      }
      if (a > 0) {
        gradient[a] += l2 * theta[a];
        hessian[a * m + a] += l2;
      }
    }

    const step = solveSymmetric(hessian, gradient, m);
    // Step halving keeps Newton monotone when the quadratic model overshoots.
    let scale = 1;
    const candidate = new Float64Array(m);
    let next = Infinity;
    for (let halvings = 0; halvings < 30; halvings++) {
      for (let j = 0; j < m; j++) candidate[j] = theta[j] - scale * step[j];
      next = objective(candidate);
      if (next <= current + 1e-15 * Math.abs(current)) break;
      scale /= 2;
    }
    let maxMove = 0;
    for (let j = 0; j < m; j++) maxMove = Math.max(maxMove, Math.abs(candidate[j] - theta[j]));
    if (next > current) {
      // No descent possible: at a minimum up to rounding. Restore eta for theta.
      computeEta(theta);
      converged = true;
      break;
    }
    theta.set(candidate);
    const improvement = current - next;
    current = next;
    if (maxMove < tolerance || improvement < tolerance * tolerance * (1 + Math.abs(current))) {
      converged = true;
      break;
    }
  }

  return {
    ...(featureNames ? { featureNames: [...featureNames] } : {}),
    mean,
    std,
    weights: Array.from(theta.subarray(1)),
    bias: theta[0],
    iterations,
    converged,
    l2,
  };
}

function standardizeRow(model: LogisticModel, x: readonly number[]): number[] {
  if (x.length !== model.weights.length) {
    throw new RangeError(`x has ${x.length} features, the model ${model.weights.length}`);
  }
  return x.map((v, j) => (v - model.mean[j]) / model.std[j]);
}

/** The churn probability for one feature vector (raw units, same column order as training). */
export function predictProba(model: LogisticModel, x: readonly number[]): number {
  const z = standardizeRow(model, x);
  let eta = model.bias;
  for (let j = 0; j < z.length; j++) eta += model.weights[j] * z[j];
  return sigmoid(eta);
}

/**
 * Coefficients on the raw features: logit = bias + Σ weights[j]·x[j]. Same predictions as the
 * model; this is the form the set-based SQL scorer uses.
 */
export function toOriginalScale(model: LogisticModel): { weights: number[]; bias: number } {
  const weights = model.weights.map((w, j) => w / model.std[j]);
  let bias = model.bias;
  for (let j = 0; j < weights.length; j++) bias -= weights[j] * model.mean[j];
  return { weights, bias };
}

/**
 * The factors pushing this customer's probability up, strongest first: contribution =
 * weight × standardised value, i.e. the push on the log-odds relative to an average customer.
 * Only positive contributions are returned; ties keep column order. `limit` caps the list.
 */
export function explain(
  model: LogisticModel,
  x: readonly number[],
  featureNames: readonly string[] | undefined = model.featureNames,
  options: { limit?: number } = {},
): ChurnFactor[] {
  const z = standardizeRow(model, x);
  if (featureNames && featureNames.length !== z.length) {
    throw new RangeError(`featureNames has ${featureNames.length} names for ${z.length} features`);
  }
  const factors: ChurnFactor[] = [];
  for (let j = 0; j < z.length; j++) {
    const contribution = model.weights[j] * z[j];
    if (contribution > 0) {
      factors.push({
        feature: featureNames ? featureNames[j] : `feature_${j}`,
        index: j,
        value: x[j],
        standardizedValue: z[j],
        contribution,
      });
    }
  }
  factors.sort((a, b) => b.contribution - a.contribution || a.index - b.index);
  return options.limit === undefined ? factors : factors.slice(0, Math.max(0, options.limit));
}

/**
 * Area under the ROC curve by ranks (Mann–Whitney U): the probability that a random churner
 * scores above a random non-churner, ties counting half. NaN when either class is absent.
 */
export function auc(scores: readonly number[], labels: readonly Label[]): number {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} scores`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let positiveRankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    // Ranks i+1 … j+1 are tied; each gets their mean.
    const averageRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Deterministic split of row indices 0…n−1: round(n·testShare) rows go to test. Both lists come
 * back in ascending order.
 */
export function trainTestSplit(
  n: number,
  testShare: number,
  seed: number,
): { train: number[]; test: number[] } {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a non-negative integer");
  if (!(testShare >= 0 && testShare <= 1)) throw new RangeError("testShare must be within [0, 1]");
  const shuffled = shuffle(
    Array.from({ length: n }, (_, i) => i),
    mulberry32(seed),
  );
  const testCount = Math.round(n * testShare);
  const byIndex = (a: number, b: number) => a - b;
  return {
    train: shuffled.slice(testCount).sort(byIndex),
    test: shuffled.slice(0, testCount).sort(byIndex),
  };
}

/** LOW below `medium`, MEDIUM from `medium`, HIGH from `high` (both inclusive lower bounds). */
export function churnBand(p: number, thresholds: ChurnBandThresholds): ChurnBand {
  const { medium, high } = thresholds;
  if (!(medium >= 0 && medium <= high && high <= 1)) {
    throw new RangeError("churn band thresholds must satisfy 0 ≤ medium ≤ high ≤ 1");
  }
  if (Number.isNaN(p)) throw new RangeError("probability is NaN");
  if (p >= high) return "HIGH";
  if (p >= medium) return "MEDIUM";
  return "LOW";
}
