// Clustering that proposes segments (domain: "clustering can propose segments"). k-means on
// standardised features (so yuan and minutes weigh alike) with k-means++ seeding from the seeded
// PRNG: the same data, k and seed always give the same clusters.
//
// Pure and deterministic: no I/O. Reading the features is SQL's job; naming the clusters is the
// UI's (describeClusters returns structured traits, not words).
//
// Edge cases, decided here:
// - k larger than the number of distinct points: k-means++ stops when every point already sits on
//   a centroid, so the result has fewer clusters (`k` in the result says how many).
// - A cluster that empties during the iterations is re-seeded at the point farthest from its
//   centroid (the standard fix), so no cluster is left empty while points could fill it.
// - Ties in distance go to the lower cluster index.

import { standardize } from "@/lib/churn/logistic";
import { mulberry32, type Random } from "@/lib/shared/random";

export type KMeansOptions = {
  k: number;
  seed: number;
  /** Lloyd iterations at most per run. Default 100. */
  maxIterations?: number;
  /**
   * Also stop when the centroids move less than this in total (sum of squared shifts, standardised
   * units; sklearn's default, 1e-4 × unit variance). Default 1e-4; 0 waits for assignments to settle.
   */
  tolerance?: number;
  /** Independent k-means++ runs; the lowest inertia wins (first on ties). Default 1. */
  restarts?: number;
  /**
   * Start from these centroids (original units) instead of k-means++, e.g. last month's, so
   * cluster numbers stay stable across refreshes. Overrides `k` and `restarts`.
   */
  initialCentroids?: readonly (readonly number[])[];
};

export type KMeansResult = {
  /** Number of clusters actually produced (≤ the k asked for; see header). */
  k: number;
  /** Cluster centres in original units. */
  centroids: number[][];
  /** Cluster index per input row. */
  assignments: number[];
  sizes: number[];
  /** Sum of squared distances to the assigned centroid, in standardised units. */
  inertia: number;
  /** Lloyd iterations of the winning run. */
  iterations: number;
  /** False when maxIterations stopped the winning run before it settled (see `tolerance`). */
  converged: boolean;
  /** The standardisation used (population mean/std of the input), for describeClusters. */
  mean: number[];
  std: number[];
};

export type ClusterTrait = {
  feature: string;
  direction: "higher" | "lower";
  /** (centroid − overall mean) / overall std. */
  zScore: number;
};

export type ClusterDescription = {
  cluster: number;
  size: number;
  /** size / total rows. */
  share: number;
  /** Most distinctive features first (largest |zScore|). */
  traits: ClusterTrait[];
};

type Run = {
  centroids: Float64Array; // k × d, standardised
  k: number;
  assignments: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
};

function squaredDistance(points: Float64Array, i: number, centroids: Float64Array, c: number, d: number) {
  let s = 0;
  const pi = i * d;
  const ci = c * d;
  for (let j = 0; j < d; j++) {
    const diff = points[pi + j] - centroids[ci + j];
    s += diff * diff;
  }
  return s;
}

function seedPlusPlus(points: Float64Array, n: number, d: number, k: number, random: Random) {
  const chosen: number[] = [Math.floor(random() * n)];
  const nearest = new Float64Array(n).fill(Infinity);
  const centroids = new Float64Array(k * d);
  centroids.set(points.subarray(chosen[0] * d, chosen[0] * d + d), 0);
  while (chosen.length < k) {
    const last = chosen.length - 1;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = squaredDistance(points, i, centroids, last, d);
      if (dist < nearest[i]) nearest[i] = dist;
      total += nearest[i];
    }
    // Every point already sits on a centroid: there are no more distinct points to seed.
    if (!(total > 0)) break;
    let target = random() * total;
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (nearest[i] === 0) continue;
      pick = i;
      target -= nearest[i];
      if (target < 0) break;
    }
    centroids.set(points.subarray(pick * d, pick * d + d), chosen.length * d);
    chosen.push(pick);
  }
  return { centroids: centroids.slice(0, chosen.length * d), k: chosen.length };
}

/** Assigns every point to its nearest centroid; returns whether anything changed and the inertia. */
function assign(
  points: Float64Array,
  n: number,
  d: number,
  centroids: Float64Array,
  k: number,
  assignments: Int32Array,
  distances: Float64Array,
) {
  let changed = false;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDist = squaredDistance(points, i, centroids, 0, d);
    for (let c = 1; c < k; c++) {
      const dist = squaredDistance(points, i, centroids, c, d);
      if (dist < bestDist) {
        bestDist = dist;
        best = c;
      }
    }
    if (assignments[i] !== best) {
      assignments[i] = best;
      changed = true;
    }
    distances[i] = bestDist;
    inertia += bestDist;
  }
  return { changed, inertia };
}

function lloyd(
  points: Float64Array,
  n: number,
  d: number,
  initial: Float64Array,
  k: number,
  maxIterations: number,
  tolerance: number,
): Run {
  const centroids = initial.slice();
  const assignments = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let { inertia } = assign(points, n, d, centroids, k, assignments, distances);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations++;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignments[i];
      counts[c]++;
      for (let j = 0; j < d; j++) sums[c * d + j] += points[i * d + j];
    }
    let reseeded = false;
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) {
        for (let j = 0; j < d; j++) {
          const next = sums[c * d + j] / counts[c];
          shift += (next - centroids[c * d + j]) ** 2;
          centroids[c * d + j] = next;
        }
        continue;
      }
      // Empty cluster: move it to the worst-served point (zeroing its distance so a second empty
      // cluster takes another one).
      let far = -1;
      for (let i = 0; i < n; i++) {
        if (distances[i] > 0 && (far < 0 || distances[i] > distances[far])) far = i;
      }
      if (far < 0) continue; // every point sits on a centroid; nothing can fill it
      distances[far] = 0;
      centroids.set(points.subarray(far * d, far * d + d), c * d);
      reseeded = true;
    }
    const result = assign(points, n, d, centroids, k, assignments, distances);
    inertia = result.inertia;
    if (!reseeded && (!result.changed || shift <= tolerance)) {
      converged = true;
      break;
    }
  }
  return { centroids, k, assignments, inertia, iterations, converged };
}

/** k-means (Lloyd) with k-means++ seeding on standardised features. */
export function computeKMeans(X: readonly (readonly number[])[], options: KMeansOptions): KMeansResult {
  const { seed, maxIterations = 100, tolerance = 1e-4, restarts = 1, initialCentroids } = options;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError("maxIterations must be a positive integer");
  }
  if (!Number.isInteger(restarts) || restarts < 1) throw new RangeError("restarts must be a positive integer");
  if (!(tolerance >= 0)) throw new RangeError("tolerance must be ≥ 0");
  const { mean, std, Z } = standardize(X);
  const n = Z.length;
  const d = mean.length;
  const points = new Float64Array(n * d);
  for (let i = 0; i < n; i++) points.set(Z[i], i * d);

  let best: Run | undefined;
  if (initialCentroids) {
    const k = initialCentroids.length;
    if (k < 1) throw new RangeError("initialCentroids is empty");
    const start = new Float64Array(k * d);
    initialCentroids.forEach((centroid, c) => {
      if (centroid.length !== d) throw new RangeError(`initial centroid ${c} has ${centroid.length} features`);
      for (let j = 0; j < d; j++) start[c * d + j] = (centroid[j] - mean[j]) / std[j];
    });
    best = lloyd(points, n, d, start, k, maxIterations, tolerance);
  } else {
    if (!Number.isInteger(options.k) || options.k < 1) throw new RangeError("k must be a positive integer");
    const random = mulberry32(seed);
    for (let r = 0; r < restarts; r++) {
      const start = seedPlusPlus(points, n, d, Math.min(options.k, n), random);
      const run = lloyd(points, n, d, start.centroids, start.k, maxIterations, tolerance);
      if (!best || run.inertia < best.inertia) best = run;
    }
  }
  const run = best as Run;

  const centroids: number[][] = [];
  for (let c = 0; c < run.k; c++) {
    centroids.push(Array.from({ length: d }, (_, j) => run.centroids[c * d + j] * std[j] + mean[j]));
  }
  const sizes = new Array<number>(run.k).fill(0);
  for (let i = 0; i < n; i++) sizes[run.assignments[i]]++;
  return {
    k: run.k,
    centroids,
    assignments: Array.from(run.assignments),
    sizes,
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    mean,
    std,
  };
}

/**
 * For each cluster, the features whose centroid is farthest from the overall mean in std units,
 * largest |z| first (ties keep column order). Features with z = 0 or |z| < minAbsZScore are left
 * out. A std of 0 counts as 1. `limit` defaults to 3 traits per cluster.
 */
export function describeClusters(
  result: Pick<KMeansResult, "centroids" | "sizes">,
  featureNames: readonly string[],
  overallMean: readonly number[],
  overallStd: readonly number[],
  options: { limit?: number; minAbsZScore?: number } = {},
): ClusterDescription[] {
  const { limit = 3, minAbsZScore = 0 } = options;
  const d = featureNames.length;
  if (overallMean.length !== d || overallStd.length !== d) {
    throw new RangeError("featureNames, overallMean and overallStd must have the same length");
  }
  const total = result.sizes.reduce((a, b) => a + b, 0);
  return result.centroids.map((centroid, cluster) => {
    if (centroid.length !== d) throw new RangeError(`centroid ${cluster} has ${centroid.length} features`);
    const traits = centroid
      .map((value, j) => {
        const std = overallStd[j] > 0 ? overallStd[j] : 1;
        return { j, zScore: (value - overallMean[j]) / std };
      })
      .filter(({ zScore }) => zScore !== 0 && Math.abs(zScore) >= minAbsZScore)
      .sort((a, b) => Math.abs(b.zScore) - Math.abs(a.zScore) || a.j - b.j)
      .slice(0, Math.max(0, limit))
      .map(
        ({ j, zScore }): ClusterTrait => ({
          feature: featureNames[j],
          direction: zScore > 0 ? "higher" : "lower",
          zScore,
        }),
      );
    const size = result.sizes[cluster] ?? 0;
    return { cluster, size, share: total > 0 ? size / total : 0, traits };
  });
}
