import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";

export interface ImportJobView {
  id: number;
  fileName: string;
  fileSize: number;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  phase: string;
  totalRows: number;
  processedRows: number;
  customersCreated: number;
  customersUpdated: number;
  linesCreated: number;
  linesUpdated: number;
  errorCount: number;
  failureCode: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const select = {
  id: true,
  fileName: true,
  fileSize: true,
  status: true,
  phase: true,
  totalRows: true,
  processedRows: true,
  customersCreated: true,
  customersUpdated: true,
  linesCreated: true,
  linesUpdated: true,
  errorCount: true,
  failureCode: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

type JobRow = { [K in keyof typeof select]: unknown } & { createdAt: Date; startedAt: Date | null; finishedAt: Date | null };
function view(j: JobRow): ImportJobView {
  return {
    ...(j as unknown as ImportJobView),
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

export async function getImportJob(actor: Actor, id: number): Promise<ImportJobView> {
  assertCan(actor, "customer:import");
  const j = Number.isSafeInteger(id) && id > 0 ? await db.importJob.findUnique({ where: { id }, select }) : null;
  if (!j) throw new NotFoundError("importJob");
  return view(j);
}

export async function listImportJobs(actor: Actor, limit = 10): Promise<ImportJobView[]> {
  assertCan(actor, "customer:import");
  const rows = await db.importJob.findMany({ orderBy: { id: "desc" }, take: Math.min(limit, 50), select });
  return rows.map(view);
}

export interface ImportErrorRow {
  rowNo: number;
  column: string;
  code: string;
  value: string | null;
}

/** The stored errors of a rejected job, in file order (for the downloadable report). */
export async function listImportErrors(actor: Actor, jobId: number): Promise<ImportErrorRow[]> {
  assertCan(actor, "customer:import");
  const job = Number.isSafeInteger(jobId) && jobId > 0 ? await db.importJob.findUnique({ where: { id: jobId }, select: { id: true } }) : null;
  if (!job) throw new NotFoundError("importJob");
  return db.importJobError.findMany({
    where: { jobId },
    orderBy: [{ rowNo: "asc" }, { id: "asc" }],
    select: { rowNo: true, column: true, code: true, value: true },
  });
}
