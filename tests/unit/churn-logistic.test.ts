import { describe, expect, test } from "vitest";
import {
  auc,
  churnBand,
  DEFAULT_CHURN_BAND_THRESHOLDS,
  explain,
  predictProba,
  sigmoid,
  standardize,
  toOriginalScale,
  trainLogistic,
  trainTestSplit,
  type Label,
  type LogisticModel,
} from "@/lib/churn/logistic";
import { mulberry32, randomNormal, shuffle } from "@/lib/shared/random";

/** Rows whose churn follows a known logistic law on raw features. */
function syntheticChurn(n: number, seed: number, trueWeights: number[], trueBias: number) {
  const random = mulberry32(seed);
  const X: number[][] = [];
  const y: Label[] = [];
  for (let i = 0; i < n; i++) {
    // Deliberately different scales: a z-score, "ARPU" around 80 yuan, a 0/1 flag.
    const row = [randomNormal(random), 80 + 25 * randomNormal(random), random() < 0.3 ? 1 : 0];
    const eta = trueBias + row.reduce((s, v, j) => s + v * trueWeights[j], 0);
    X.push(row);
    y.push(random() < sigmoid(eta) ? 1 : 0);
  }
  return { X, y };
}

describe("mulberry32", () => {
  test("same seed, same sequence; values in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seqA = Array.from({ length: 1000 }, () => a());
    const seqB = Array.from({ length: 1000 }, () => b());
    expect(seqA).toEqual(seqB);
    expect(seqA.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = seqA.reduce((s, v) => s + v, 0) / seqA.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  test("different seeds diverge", () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  test("shuffle is a seeded permutation that leaves its input alone", () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(input, mulberry32(7));
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((a, b) => a - b)).toEqual(input);
    expect(out).toEqual(shuffle(input, mulberry32(7)));
  });
});

describe("standardize", () => {
  test("population mean and std; constant column gets std 1 and z 0", () => {
    const { mean, std, Z } = standardize([
      [1, 5],
      [3, 5],
      [5, 5],
    ]);
    expect(mean).toEqual([3, 5]);
    expect(std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(std[1]).toBe(1);
    expect(Z.map((r) => r[1])).toEqual([0, 0, 0]);
    expect(Z[0][0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 12);
  });

  test("rejects ragged and non-finite input", () => {
    expect(() => standardize([[1, 2], [3]])).toThrow(RangeError);
    expect(() => standardize([[1, Number.NaN]])).toThrow(RangeError);
    expect(() => standardize([])).toThrow(RangeError);
  });
});

describe("trainLogistic", () => {
  const trueWeights = [1.2, -0.04, 0.8];
  const trueBias = 1;
  const { X, y } = syntheticChurn(20_000, 123, trueWeights, trueBias);

  test("recovers known coefficients (sign and magnitude) on raw features", () => {
    const model = trainLogistic(X, y, { l2: 0, featureNames: ["usageDrop", "arpu", "hasComplaint"] });
    expect(model.converged).toBe(true);
    const { weights, bias } = toOriginalScale(model);
    weights.forEach((w, j) => {
      expect(Math.sign(w)).toBe(Math.sign(trueWeights[j]));
      expect(Math.abs(w - trueWeights[j])).toBeLessThan(0.1 * Math.abs(trueWeights[j]));
    });
    expect(Math.abs(bias - trueBias)).toBeLessThan(0.2);
    // Standardised weights are the raw ones times the column spread.
    expect(model.weights[1]).toBeCloseTo(weights[1] * model.std[1], 10);
    expect(model.featureNames).toEqual(["usageDrop", "arpu", "hasComplaint"]);
  });

  test("predictProba agrees with the raw-feature form used by SQL", () => {
    const model = trainLogistic(X, y, { l2: 1e-3 });
    const raw = toOriginalScale(model);
    for (const x of X.slice(0, 20)) {
      const eta = raw.bias + x.reduce((s, v, j) => s + v * raw.weights[j], 0);
      expect(predictProba(model, x)).toBeCloseTo(sigmoid(eta), 12);
    }
  });

  test("the L2 penalty shrinks the weights", () => {
    const loose = trainLogistic(X, y, { l2: 0 });
    const tight = trainLogistic(X, y, { l2: 1 });
    const norm = (m: LogisticModel) => Math.hypot(...m.weights);
    expect(norm(tight)).toBeLessThan(0.6 * norm(loose));
  });

  test("the bias is not penalised: mean predicted probability equals the base rate", () => {
    // With an unpenalised intercept the score equation Σ(μ − y) = 0 holds at any l2.
    const model = trainLogistic(X, y, { l2: 10 });
    const meanP = X.reduce((s, x) => s + predictProba(model, x), 0) / X.length;
    const baseRate = y.reduce<number>((s, v) => s + v, 0) / y.length;
    expect(meanP).toBeCloseTo(baseRate, 6);
  });

  test("is deterministic", () => {
    expect(trainLogistic(X, y, { l2: 1e-3 })).toEqual(trainLogistic(X, y, { l2: 1e-3 }));
  });

  test("a constant column gets weight 0 and does not break the solve, even without L2", () => {
    const withConstant = X.slice(0, 2000).map((r) => [...r, 7]);
    const model = trainLogistic(withConstant, y.slice(0, 2000), { l2: 0 });
    expect(model.weights[3]).toBeCloseTo(0, 8);
    expect(model.weights.every(Number.isFinite)).toBe(true);
  });

  test("separable data stays finite with L2", () => {
    const Xs = [[0], [1], [2], [3], [4], [5]];
    const ys: Label[] = [0, 0, 0, 1, 1, 1];
    const model = trainLogistic(Xs, ys, { l2: 0.01 });
    expect(model.converged).toBe(true);
    expect(predictProba(model, [5])).toBeGreaterThan(0.9);
    expect(predictProba(model, [0])).toBeLessThan(0.1);
  });

  test("converges quickly on 50k rows × 10 features and ranks held-out rows well", () => {
    const random = mulberry32(2024);
    const w = [0.9, -0.6, 0.4, 0, 0.3, -0.2, 0.7, 0, -0.5, 0.1];
    const rows: number[][] = [];
    const labels: Label[] = [];
    for (let i = 0; i < 50_000; i++) {
      const row = w.map(() => randomNormal(random));
      rows.push(row);
      labels.push(random() < sigmoid(-2 + row.reduce((s, v, j) => s + v * w[j], 0)) ? 1 : 0);
    }
    const { train, test: held } = trainTestSplit(rows.length, 0.2, 9);
    const model = trainLogistic(
      train.map((i) => rows[i]),
      train.map((i) => labels[i]),
      { l2: 1e-3 },
    );
    expect(model.converged).toBe(true);
    expect(model.iterations).toBeLessThanOrEqual(15);
    const score = auc(
      held.map((i) => predictProba(model, rows[i])),
      held.map((i) => labels[i]),
    );
    expect(score).toBeGreaterThan(0.75);
  });

  test("rejects a single class, bad labels and mismatched lengths", () => {
    expect(() => trainLogistic([[1], [2]], [0, 0])).toThrow(/both classes/);
    expect(() => trainLogistic([[1], [2]], [0, 2 as Label])).toThrow(RangeError);
    expect(() => trainLogistic([[1], [2]], [0])).toThrow(RangeError);
    expect(() => trainLogistic([[1], [2]], [0, 1], { featureNames: ["a", "b"] })).toThrow(RangeError);
  });
});

describe("explain", () => {
  const model: LogisticModel = {
    mean: [0, 0, 0, 0],
    std: [1, 1, 1, 1],
    weights: [2, -1, 0.5, 1],
    bias: -1,
    iterations: 1,
    converged: true,
    l2: 0,
  };
  const names = ["tenureShort", "arpu", "complaints", "overdue"];

  test("positive contributions only, strongest first", () => {
    const factors = explain(model, [1, 1, 6, 0.5], names);
    expect(factors.map((f) => [f.feature, f.contribution])).toEqual([
      ["complaints", 3],
      ["tenureShort", 2],
      ["overdue", 0.5],
    ]);
    expect(factors[0]).toMatchObject({ index: 2, value: 6, standardizedValue: 6 });
  });

  test("contribution uses the standardised value", () => {
    const scaled = { ...model, mean: [10, 0, 0, 0], std: [5, 1, 1, 1] };
    expect(explain(scaled, [20, 0, 0, 0], names)).toEqual([{ feature: "tenureShort", index: 0, value: 20, standardizedValue: 2, contribution: 4 }]);
  });

  test("ties keep column order; limit caps; names fall back to the model's", () => {
    const named = { ...model, featureNames: names };
    const factors = explain(named, [1, 0, 4, 2], undefined, { limit: 2 });
    expect(factors.map((f) => f.feature)).toEqual(["tenureShort", "complaints"]);
  });

  test("an average customer has no factors", () => {
    expect(explain(model, [0, 0, 0, 0], names)).toEqual([]);
  });
});

describe("auc", () => {
  test("perfect ranking = 1, inverted = 0", () => {
    const labels: Label[] = [0, 0, 0, 1, 1];
    expect(auc([0.1, 0.2, 0.3, 0.8, 0.9], labels)).toBe(1);
    expect(auc([0.9, 0.8, 0.7, 0.2, 0.1], labels)).toBe(0);
  });

  test("random scores ≈ 0.5", () => {
    const random = mulberry32(5);
    const labels = Array.from({ length: 20_000 }, (): Label => (random() < 0.2 ? 1 : 0));
    const scores = labels.map(() => random());
    expect(Math.abs(auc(scores, labels) - 0.5)).toBeLessThan(0.02);
  });

  test("all scores tied = 0.5", () => {
    expect(auc([0.4, 0.4, 0.4, 0.4], [0, 1, 0, 1])).toBe(0.5);
  });

  test.each([
    // sklearn's textbook example.
    { scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1] as Label[], expected: 0.75 },
    // Pairs: (1 vs 1) ½, (1 vs 2) 0, (3 vs 1) 1, (3 vs 2) 1 → 2.5 / 4.
    { scores: [1, 1, 2, 3], labels: [0, 1, 0, 1] as Label[], expected: 0.625 },
  ])("hand-computed $expected", ({ scores, labels, expected }) => {
    expect(auc(scores, labels)).toBeCloseTo(expected, 12);
  });

  test("NaN when a class is missing", () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe("trainTestSplit", () => {
  test("partitions all indices with round(n·share) in test", () => {
    const { train, test: held } = trainTestSplit(101, 0.25, 3);
    expect(held).toHaveLength(25);
    expect(train).toHaveLength(76);
    expect([...train, ...held].sort((a, b) => a - b)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(held).toEqual([...held].sort((a, b) => a - b));
  });

  test("same seed, same split; another seed, another split", () => {
    expect(trainTestSplit(1000, 0.2, 11)).toEqual(trainTestSplit(1000, 0.2, 11));
    expect(trainTestSplit(1000, 0.2, 11).test).not.toEqual(trainTestSplit(1000, 0.2, 12).test);
  });

  test("edge shares and bad input", () => {
    expect(trainTestSplit(5, 0, 1)).toEqual({ train: [0, 1, 2, 3, 4], test: [] });
    expect(trainTestSplit(5, 1, 1)).toEqual({ train: [], test: [0, 1, 2, 3, 4] });
    expect(() => trainTestSplit(5, 1.5, 1)).toThrow(RangeError);
    expect(() => trainTestSplit(-1, 0.2, 1)).toThrow(RangeError);
  });
});

describe("churnBand", () => {
  test.each([
    [0, "LOW"],
    [0.2999, "LOW"],
    [0.3, "MEDIUM"],
    [0.5999, "MEDIUM"],
    [0.6, "HIGH"],
    [1, "HIGH"],
  ] as const)("p = %s → %s", (p, band) => {
    expect(churnBand(p, DEFAULT_CHURN_BAND_THRESHOLDS)).toBe(band);
  });

  test("custom thresholds", () => {
    expect(churnBand(0.25, { medium: 0.2, high: 0.5 })).toBe("MEDIUM");
  });

  test("rejects inverted thresholds and NaN", () => {
    expect(() => churnBand(0.5, { medium: 0.7, high: 0.6 })).toThrow(RangeError);
    expect(() => churnBand(Number.NaN, DEFAULT_CHURN_BAND_THRESHOLDS)).toThrow(RangeError);
  });
});
