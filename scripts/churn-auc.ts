// node --experimental-wasm-modules --conditions=react-server --import tsx scripts/churn-auc.ts --customers N [--db-dir DIR]
//
// Trains the churn model on a generated base (npm run generate -- --customers N) and prints the
// holdout AUC, sample sizes and coefficients: the number to compare when the features change
// (docs/value-churn-segments.md, "Churn model"). The model is saved, as the admin's Retrain does.
import { openBenchDb } from "./lib/bench-db";
import { deployMigrations } from "./lib/migrations.mjs";

const argv = process.argv.slice(2);
const get = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const customers = Number(get("customers") ?? 20_000);
const bench = await openBenchDb(customers, { dbDir: get("db-dir") });
Object.assign(process.env, bench.secrets, { DATABASE_URL: bench.url, LOG_LEVEL: "warn" });
try {
  await deployMigrations(bench.url);
  const { trainChurnModelNow } = await import("@/lib/churn/training");
  const { db } = await import("@/lib/db");
  const t0 = performance.now();
  const stats = await trainChurnModelNow();
  if (!stats) {
    console.log("nothing to learn from (no churners or too few customers)");
  } else {
    const model = await db.churnModel.findUniqueOrThrow({ where: { id: stats.modelId } });
    console.log(
      `holdout AUC ${stats.holdoutAuc.toFixed(4)} · train ${stats.trainSize} (${stats.trainChurners} churners) · test ${stats.testSize} (${stats.testChurners} churners) · ${Math.round(performance.now() - t0)} ms`,
    );
    for (const [j, name] of model.featureNames.entries()) console.log(`  ${name.padEnd(22)} ${model.weights[j].toFixed(3)}`);
  }
  await db.$disconnect();
} finally {
  await bench.stop();
}
