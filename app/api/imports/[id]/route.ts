import { NextResponse } from "next/server";
import { getImportJob } from "@/lib/imports/queries";
import { kickImportWorker } from "@/lib/imports/commands";
import { importJobParams } from "@/lib/imports/schemas";
import { route } from "@/lib/shared/route";

// Progress polling. Also wakes the worker, so a job left queued by a restart resumes.
export const GET = route({ permission: "customer:import", params: importJobParams }, async ({ actor, params }) => {
  const job = await getImportJob(actor, params.id);
  if (job.status === "QUEUED" || job.status === "RUNNING") kickImportWorker();
  return NextResponse.json({ ok: true, data: job }, { headers: { "cache-control": "no-store" } });
});
