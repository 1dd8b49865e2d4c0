// Times the value work on DATABASE_URL: churn training, full rescoring, a live segment count
// and a segment refresh. Usage (a seeded database; the scale generator for big bases):
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-value.ts
import { db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { trainChurnModelNow } from "@/lib/churn/training";
import { runRescoring } from "@/lib/scoring/pipeline";
import { countSegmentPreview } from "@/lib/segments/queries";
import { createSegment, deleteSegment, refreshSegment } from "@/lib/segments/commands";
import { GOLD_AND_DIAMOND_SEGMENT, HIGH_RISK_OR_NINGBO_DIAMOND_SEGMENT, ISSUE_EXAMPLE_SEGMENT } from "./lib/segment-examples";

const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`;
const [n] = await db.$queryRaw<Array<{ customers: number; bills: number }>>`
  SELECT (SELECT count(*) FROM customer)::int AS customers, (SELECT count(*) FROM bill)::int AS bills`;
console.log(`customers ${n.customers}, bills ${n.bills}`);
let t0 = performance.now();
const model = process.env.BENCH_TRAIN === "0" ? null : await trainChurnModelNow();
if (model) console.log(`churn training: ${ms(t0)} (holdout AUC ${model.holdoutAuc.toFixed(3)}, ${model.trainSize + model.testSize} rows)`);
t0 = performance.now();
// BENCH_RESCORES=n repeats the run (the first one after a bill load also rebuilds the bill summary).
for (let k = 0; k < Number(process.env.BENCH_RESCORES ?? 1); k++) {
  t0 = performance.now();
  let last = performance.now();
  let lastStep = "start";
  const steps: string[] = [];
  const run = await runRescoring({
    runId: 0,
    onProgress: async (_pct, step) => {
      steps.push(`${lastStep} ${ms(last)}`);
      last = performance.now();
      lastStep = step;
    },
  });
  steps.push(`${lastStep} ${ms(last)}`);
  console.log(`full rescoring: ${ms(t0)} (${run.scored} customers): ${steps.join(", ")}`);
}
for (const [name, r] of [
  ["example", ISSUE_EXAMPLE_SEGMENT],
  ["high churn or Ningbo diamonds", HIGH_RISK_OR_NINGBO_DIAMOND_SEGMENT],
] as const) {
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    const count = await countSegmentPreview(SYSTEM_ACTOR, r);
    console.log(`live count, ${name}: ${ms(t0)} (${count})`);
  }
}
const seg = await createSegment(SYSTEM_ACTOR, { name: "bench", kind: "DYNAMIC", rules: GOLD_AND_DIAMOND_SEGMENT });
t0 = performance.now();
const refreshed = await refreshSegment(SYSTEM_ACTOR, seg.id);
console.log(`segment refresh: ${ms(t0)} (${refreshed.size} members)`);
await deleteSegment(SYSTEM_ACTOR, seg.id);
await db.$disconnect();
