// Times the value work on DATABASE_URL: churn training, full rescoring, a live segment count
// and a segment refresh. Usage (a seeded database; the scale generator for big bases):
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-value.ts
import { db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { trainChurnModelNow } from "@/lib/churn/training";
import { runRescoring } from "@/lib/scoring/pipeline";
import { countSegmentPreview } from "@/lib/segments/queries";
import { createSegment, deleteSegment, refreshSegment } from "@/lib/segments/commands";
import type { Group } from "@/lib/segments/rules";

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
const rules: Group = {
  kind: "group",
  combinator: "AND",
  children: [
    { kind: "condition", field: "tier", op: "in", value: ["GOLD"] },
    { kind: "condition", field: "city", op: "eq", value: "杭州市" },
    { kind: "condition", field: "dataUsageChange", op: "lte", value: -30 },
    { kind: "condition", field: "complaints", op: "atLeast", value: { count: 1, days: 90 } },
  ],
};
const either: Group = {
  kind: "group",
  combinator: "OR",
  children: [
    { kind: "condition", field: "churnBand", op: "in", value: ["HIGH"] },
    { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "city", op: "eq", value: "宁波市" }, { kind: "condition", field: "tier", op: "in", value: ["DIAMOND"] }] },
  ],
};
for (const [name, r] of [["example", rules], ["high churn or Ningbo diamonds", either]] as const) {
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    const count = await countSegmentPreview(SYSTEM_ACTOR, r);
    console.log(`live count, ${name}: ${ms(t0)} (${count})`);
  }
}
const broad: Group = { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "tier", op: "in", value: ["GOLD", "DIAMOND"] }] };
const seg = await createSegment(SYSTEM_ACTOR, { name: "bench", kind: "DYNAMIC", rules: broad });
t0 = performance.now();
const refreshed = await refreshSegment(SYSTEM_ACTOR, seg.id);
console.log(`segment refresh: ${ms(t0)} (${refreshed.size} members)`);
await deleteSegment(SYSTEM_ACTOR, seg.id);
await db.$disconnect();
