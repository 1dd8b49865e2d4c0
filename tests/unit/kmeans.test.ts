import { describe, expect, test } from "vitest";
import { computeKMeans, describeClusters } from "@/lib/segments/kmeans";
import { mulberry32, randomNormal } from "@/lib/shared/random";

/** Three tight blobs with features on different scales (e.g. ARPU yuan, data GB). */
const CENTERS = [
  [30, 2],
  [150, 2],
  [90, 40],
];
function blobs(perBlob: number, seed: number) {
  const random = mulberry32(seed);
  const X: number[][] = [];
  const truth: number[] = [];
  CENTERS.forEach(([a, b], c) => {
    for (let i = 0; i < perBlob; i++) {
      X.push([a + 3 * randomNormal(random), b + 1 * randomNormal(random)]);
      truth.push(c);
    }
  });
  return { X, truth };
}

describe("computeKMeans", () => {
  const { X, truth } = blobs(100, 1);

  test("recovers well-separated blobs", () => {
    const result = computeKMeans(X, { k: 3, seed: 42 });
    expect(result.k).toBe(3);
    expect(result.converged).toBe(true);
    // Each true blob maps to exactly one cluster, and different blobs to different clusters.
    const clusterOfBlob = CENTERS.map((_, c) => {
      const labels = new Set(result.assignments.filter((_, i) => truth[i] === c));
      expect(labels.size).toBe(1);
      return [...labels][0];
    });
    expect(new Set(clusterOfBlob).size).toBe(3);
    expect(result.sizes).toEqual([100, 100, 100]);
    // Centroids are reported in original units.
    CENTERS.forEach((center, c) => {
      const centroid = result.centroids[clusterOfBlob[c]];
      expect(Math.abs(centroid[0] - center[0])).toBeLessThan(1);
      expect(Math.abs(centroid[1] - center[1])).toBeLessThan(0.5);
    });
  });

  test("same seed, same result", () => {
    expect(computeKMeans(X, { k: 4, seed: 9, restarts: 2 })).toEqual(computeKMeans(X, { k: 4, seed: 9, restarts: 2 }));
  });

  test("more restarts never end with a worse inertia", () => {
    const one = computeKMeans(X, { k: 5, seed: 3 });
    const many = computeKMeans(X, { k: 5, seed: 3, restarts: 5 });
    expect(many.inertia).toBeLessThanOrEqual(one.inertia);
  });

  test("k = 1: the centroid is the mean and inertia is n·d in standardised units", () => {
    const result = computeKMeans(X, { k: 1, seed: 1 });
    expect(result.sizes).toEqual([300]);
    expect(result.assignments.every((a) => a === 0)).toBe(true);
    result.centroids[0].forEach((v, j) => expect(v).toBeCloseTo(result.mean[j], 9));
    // Σ z² = n for every non-constant standardised column.
    expect(result.inertia).toBeCloseTo(300 * 2, 6);
  });

  test("k larger than the number of distinct points yields one cluster per distinct point", () => {
    const points = [
      [1, 1],
      [1, 1],
      [5, 5],
      [5, 5],
      [9, 0],
    ];
    const result = computeKMeans(points, { k: 5, seed: 4 });
    expect(result.k).toBe(3);
    expect([...result.sizes].sort()).toEqual([1, 2, 2]);
    expect(result.inertia).toBeCloseTo(0, 12);
    const centroids = result.centroids.map((c) => c.map((v) => Math.round(v * 1e9) / 1e9).join(","));
    expect(centroids.sort()).toEqual(["1,1", "5,5", "9,0"]);
    expect(result.assignments[0]).toBe(result.assignments[1]);
    expect(result.assignments[2]).toBe(result.assignments[3]);
  });

  test("identical points: one cluster", () => {
    const result = computeKMeans([[3], [3], [3]], { k: 3, seed: 1 });
    expect(result).toMatchObject({ k: 1, sizes: [3], inertia: 0, centroids: [[3]] });
  });

  test("k larger than n", () => {
    const result = computeKMeans([[0], [10]], { k: 5, seed: 1 });
    expect(result.k).toBe(2);
    expect(result.sizes).toEqual([1, 1]);
  });

  describe("empty clusters are re-seeded", () => {
    const line = [[0], [1], [2], [3], [4], [20], [21], [22], [23], [24]];

    test("a start centroid far from every point", () => {
      // [1000] attracts nobody at first: all points go to [12], leaving cluster 1 empty.
      const result = computeKMeans(line, { k: 2, seed: 1, initialCentroids: [[12], [1000]] });
      expect(result.k).toBe(2);
      expect(result.sizes).toEqual([5, 5]);
      expect(new Set(result.assignments.slice(0, 5)).size).toBe(1);
      expect(new Set(result.assignments.slice(5)).size).toBe(1);
      expect(result.assignments[0]).not.toBe(result.assignments[5]);
      expect(result.centroids.map((c) => c[0]).sort((a, b) => a - b)).toEqual([2, 22]);
    });

    test("duplicate start centroids (ties go to the lower index)", () => {
      const result = computeKMeans(line, { k: 2, seed: 1, initialCentroids: [[0], [0]] });
      expect([...result.sizes].sort()).toEqual([5, 5]);
      expect(result.sizes.every((s) => s > 0)).toBe(true);
    });
  });

  test("distance ties go to the lower cluster index", () => {
    // Both points are equidistant from the two identical starts, so both join cluster 0; the empty
    // cluster 1 is re-seeded at the first farthest point (0), which then leaves cluster 0.
    const result = computeKMeans([[0], [10]], { k: 2, seed: 1, initialCentroids: [[5], [5]] });
    expect(result.assignments).toEqual([1, 0]);
    expect(result.centroids).toEqual([[10], [0]]);
  });

  test("initial centroids keep cluster numbers stable", () => {
    const first = computeKMeans(X, { k: 3, seed: 42 });
    const again = computeKMeans(X, { k: 3, seed: 0, initialCentroids: first.centroids });
    expect(again.assignments).toEqual(first.assignments);
    expect(again.iterations).toBe(1);
  });

  test("rejects bad options", () => {
    expect(() => computeKMeans(X, { k: 0, seed: 1 })).toThrow(RangeError);
    expect(() => computeKMeans(X, { k: 2.5, seed: 1 })).toThrow(RangeError);
    expect(() => computeKMeans(X, { k: 2, seed: 1, maxIterations: 0 })).toThrow(RangeError);
    expect(() => computeKMeans([], { k: 2, seed: 1 })).toThrow(RangeError);
    expect(() => computeKMeans(X, { k: 2, seed: 1, initialCentroids: [[1, 2, 3]] })).toThrow(RangeError);
  });

  test("the shift tolerance stops early on structureless data; tolerance 0 waits for a fixed point", () => {
    const random = mulberry32(8);
    const cloud = Array.from({ length: 3000 }, () => Array.from({ length: 5 }, () => randomNormal(random)));
    const early = computeKMeans(cloud, { k: 6, seed: 2, maxIterations: 500 });
    const exact = computeKMeans(cloud, { k: 6, seed: 2, maxIterations: 500, tolerance: 0 });
    expect(early.converged).toBe(true);
    expect(exact.converged).toBe(true);
    expect(early.iterations).toBeLessThan(exact.iterations);
    expect(early.inertia).toBeLessThan(exact.inertia * 1.01);
    // At a fixed point every row sits with its nearest centroid.
    const again = computeKMeans(cloud, { k: 6, seed: 0, tolerance: 0, initialCentroids: exact.centroids });
    expect(again.assignments).toEqual(exact.assignments);
  });

  test("stops at maxIterations and says so", () => {
    const result = computeKMeans(X, {
      k: 3,
      seed: 1,
      initialCentroids: [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      maxIterations: 1,
    });
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });
});

describe("describeClusters", () => {
  const names = ["arpu", "dataGb", "tenure"];

  test("traits by |z|, direction, share; zero differences left out", () => {
    const result = {
      centroids: [
        [10, 5, 30],
        [0, 7, 24],
      ],
      sizes: [30, 10],
    };
    const described = describeClusters(result, names, [5, 5, 24], [2.5, 1, 12]);
    expect(described).toEqual([
      {
        cluster: 0,
        size: 30,
        share: 0.75,
        traits: [
          { feature: "arpu", direction: "higher", zScore: 2 },
          { feature: "tenure", direction: "higher", zScore: 0.5 },
        ],
      },
      {
        cluster: 1,
        size: 10,
        share: 0.25,
        // |z| ties keep column order; tenure equals the mean and is left out.
        traits: [
          { feature: "arpu", direction: "lower", zScore: -2 },
          { feature: "dataGb", direction: "higher", zScore: 2 },
        ],
      },
    ]);
  });

  test("limit and minAbsZScore", () => {
    const result = { centroids: [[10, 7, 30]], sizes: [5] };
    const [only] = describeClusters(result, names, [5, 5, 24], [2.5, 1, 12], { limit: 1 });
    expect(only.traits).toEqual([{ feature: "arpu", direction: "higher", zScore: 2 }]);
    const [strong] = describeClusters(result, names, [5, 5, 24], [2.5, 1, 12], { minAbsZScore: 1 });
    expect(strong.traits.map((t) => t.feature)).toEqual(["arpu", "dataGb"]);
  });

  test("a zero std counts as 1", () => {
    const [c] = describeClusters({ centroids: [[3]], sizes: [1] }, ["flag"], [1], [0]);
    expect(c.traits).toEqual([{ feature: "flag", direction: "higher", zScore: 2 }]);
  });

  test("works on a k-means result with its own mean and std", () => {
    const { X } = blobs(50, 2);
    const result = computeKMeans(X, { k: 3, seed: 5 });
    const described = describeClusters(result, ["arpu", "dataGb"], result.mean, result.std);
    const highData = described.find((d) => d.traits.some((t) => t.feature === "dataGb" && t.direction === "higher"));
    expect(highData?.size).toBe(50);
    expect(described.reduce((s, d) => s + d.share, 0)).toBeCloseTo(1, 12);
  });

  test("rejects mismatched lengths", () => {
    expect(() => describeClusters({ centroids: [[1, 2]], sizes: [1] }, ["a"], [0], [1])).toThrow(RangeError);
    expect(() => describeClusters({ centroids: [[1]], sizes: [1] }, ["a"], [0, 1], [1])).toThrow(RangeError);
  });
});
