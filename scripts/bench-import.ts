// Import throughput: builds an N-row subscriber file and runs it through the real job
// (enqueue → worker → COPY → set-based upsert), then re-imports it (idempotent: all updates).
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-import.ts [rows]
import { db } from "@/lib/db";
import { enqueueImport, processImportQueue } from "@/lib/imports/commands";
import { importRows, toImportCsv } from "@/tests/factories/import-file";
import type { Actor } from "@/lib/auth/actor";

const rows = Number(process.argv[2] ?? 100_000);
const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
const actor: Actor = { id: admin.id, username: admin.username, name: admin.displayName, role: "ADMIN", teamId: null };
const csv = Buffer.from(toImportCsv(importRows({ rows, offset: 5_000_000 })));
console.log(`file: ${rows} rows, ${(csv.length / 1e6).toFixed(1)} MB`);
for (const label of ["first import", "re-import"]) {
  const t0 = Date.now();
  const { id } = await enqueueImport(actor, { fileName: "bench.csv", content: csv });
  await processImportQueue();
  let job = await db.importJob.findUniqueOrThrow({ where: { id }, omit: { content: true } });
  while (job.status === "QUEUED" || job.status === "RUNNING") {
    await new Promise((r) => setTimeout(r, 200));
    job = await db.importJob.findUniqueOrThrow({ where: { id }, omit: { content: true } });
  }
  const s = (Date.now() - t0) / 1000;
  console.log(
    `${label}: ${job.status} in ${s.toFixed(1)} s → ${Math.round(rows / s).toLocaleString()} rows/s; customers created ${job.customersCreated} changed ${job.customersUpdated}, lines created ${job.linesCreated} changed ${job.linesUpdated}, errors ${job.errorCount}`,
  );
}
await db.$disconnect();
