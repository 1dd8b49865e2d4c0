import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/current-actor";
import { getImportJob } from "@/lib/imports/queries";
import { kickImportWorker } from "@/lib/imports/commands";
import { toActionError } from "@/lib/shared/action-result";

// Progress polling. Also wakes the worker, so a job left queued by a restart resumes.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ ok: false, error: "unauthenticated" }, { status: 401 });
  const { id } = await params;
  try {
    const job = await getImportJob(actor, /^\d{1,9}$/.test(id) ? Number(id) : -1);
    if (job.status === "QUEUED" || job.status === "RUNNING") kickImportWorker();
    return NextResponse.json({ ok: true, data: job }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    const err = toActionError(e);
    return NextResponse.json(err, { status: err.error === "notFound" ? 404 : 403 });
  }
}
