import os from "node:os";

/** How many `next start` processes scripts/serve.mjs runs: WEB_CONCURRENCY, else the cores (at most 4). */
export function webWorkers(env = process.env) {
  return Math.max(1, Number(env.WEB_CONCURRENCY ?? Math.min(os.availableParallelism(), 4)) || 1);
}
